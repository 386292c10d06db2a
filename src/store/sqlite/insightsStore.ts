import type { DefinitionListQuery, MetricFilterRecord, QueryDefinitionRecord, QueryListQuery, QueryRecord, SealedResults } from '../../insights/model.js';
import type { InsightsStore, MetricFilterListQuery, Page } from '../types.js';
import type { SqliteStore } from './sqliteStore.js';

interface QueryRow {
  seq: number;
  doc: string;
}

const PREFIX_END = '\uffff';

export class SqliteInsightsStore implements InsightsStore {
  constructor(private readonly s: SqliteStore) {}

  async putQuery(q: QueryRecord): Promise<void> {
    await this.s.write((p) =>
      p('INSERT INTO insights_queries (account_id, region, query_id, status, expires_at, doc) VALUES (?, ?, ?, ?, ?, ?)').run(
        q.accountId,
        q.region,
        q.queryId,
        q.status,
        q.expiresAt,
        JSON.stringify(q),
      ),
    );
  }

  async updateQuery(q: QueryRecord, results?: SealedResults): Promise<void> {
    await this.s.write((p) => {
      if (results) {
        p(
          `UPDATE insights_queries SET status = ?, expires_at = ?, doc = ?, key_arn = ?, wrapped_key = ?, results = ?
           WHERE account_id = ? AND region = ? AND query_id = ?`,
        ).run(q.status, q.expiresAt, JSON.stringify(q), results.keyArn ?? null, results.wrappedKey, results.data, q.accountId, q.region, q.queryId);
      } else {
        p('UPDATE insights_queries SET status = ?, expires_at = ?, doc = ? WHERE account_id = ? AND region = ? AND query_id = ?').run(
          q.status,
          q.expiresAt,
          JSON.stringify(q),
          q.accountId,
          q.region,
          q.queryId,
        );
      }
    });
  }

  async getQuery(accountId: string, region: string, queryId: string): Promise<QueryRecord | undefined> {
    const r = this.s.readStmt('SELECT doc FROM insights_queries WHERE account_id = ? AND region = ? AND query_id = ?').get(accountId, region, queryId) as
      | { doc: string }
      | undefined;
    return r && (JSON.parse(r.doc) as QueryRecord);
  }

  async getResults(accountId: string, region: string, queryId: string): Promise<SealedResults | undefined> {
    const r = this.s
      .readStmt('SELECT key_arn, wrapped_key, results FROM insights_queries WHERE account_id = ? AND region = ? AND query_id = ?')
      .get(accountId, region, queryId) as { key_arn: string | null; wrapped_key: Buffer | null; results: Buffer | null } | undefined;
    if (!r || !r.wrapped_key || !r.results) return undefined;
    const out: SealedResults = { wrappedKey: r.wrapped_key, data: r.results };
    if (r.key_arn !== null) out.keyArn = r.key_arn;
    return out;
  }

  async listQueries(accountId: string, region: string, q: QueryListQuery): Promise<Page<QueryRecord>> {
    const where = ['account_id = ?', 'region = ?'];
    const args: unknown[] = [accountId, region];
    if (q.status !== undefined) {
      where.push('status = ?');
      args.push(q.status);
    }
    if (q.after !== undefined) {
      where.push('seq < ?');
      args.push(Number(q.after));
    }
    if (q.logGroupName !== undefined) {
      where.push("EXISTS (SELECT 1 FROM json_each(doc, '$.logGroupNames') WHERE value = ?)");
      args.push(q.logGroupName);
    }
    const rows = this.s.readStmt(`SELECT seq, doc FROM insights_queries WHERE ${where.join(' AND ')} ORDER BY seq DESC LIMIT ?`).all(...args, q.limit + 1) as QueryRow[];
    const kept = rows.slice(0, q.limit);
    const out: Page<QueryRecord> = { items: kept.map((r) => JSON.parse(r.doc) as QueryRecord) };
    if (rows.length > q.limit) out.next = String(kept[kept.length - 1]!.seq);
    return out;
  }

  async deleteExpiredQueries(now: number, limit: number): Promise<number> {
    return this.s.write(
      (p) => p('DELETE FROM insights_queries WHERE seq IN (SELECT seq FROM insights_queries WHERE expires_at <= ? LIMIT ?)').run(now, limit).changes,
    );
  }

  async failUnfinishedQueries(error: string): Promise<number> {
    return this.s.write(
      (p) =>
        p(
          `UPDATE insights_queries SET status = 'Failed', doc = json_set(doc, '$.status', 'Failed', '$.error', ?)
           WHERE status IN ('Scheduled', 'Running')`,
        ).run(error).changes,
    );
  }

  async putDefinition(d: QueryDefinitionRecord): Promise<void> {
    await this.s.write((p) =>
      p(
        `INSERT INTO insights_query_definitions (account_id, region, id, name, doc) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (account_id, region, id) DO UPDATE SET name = excluded.name, doc = excluded.doc`,
      ).run(d.accountId, d.region, d.queryDefinitionId, d.name, JSON.stringify(d)),
    );
  }

  async getDefinition(accountId: string, region: string, id: string): Promise<QueryDefinitionRecord | undefined> {
    const r = this.s.readStmt('SELECT doc FROM insights_query_definitions WHERE account_id = ? AND region = ? AND id = ?').get(accountId, region, id) as
      | { doc: string }
      | undefined;
    return r && (JSON.parse(r.doc) as QueryDefinitionRecord);
  }

  async listDefinitions(accountId: string, region: string, q: DefinitionListQuery): Promise<Page<QueryDefinitionRecord>> {
    const where = ['account_id = ?', 'region = ?'];
    const args: unknown[] = [accountId, region];
    if (q.prefix !== undefined && q.prefix !== '') {
      where.push('name >= ?', 'name < ?');
      args.push(q.prefix, q.prefix + PREFIX_END);
    }
    if (q.after !== undefined) {
      const [name, id] = JSON.parse(q.after) as [string, string];
      where.push('(name > ? OR (name = ? AND id > ?))');
      args.push(name, name, id);
    }
    const rows = this.s
      .readStmt(`SELECT name, id, doc FROM insights_query_definitions WHERE ${where.join(' AND ')} ORDER BY name, id LIMIT ?`)
      .all(...args, q.limit + 1) as { name: string; id: string; doc: string }[];
    const kept = rows.slice(0, q.limit);
    const out: Page<QueryDefinitionRecord> = { items: kept.map((r) => JSON.parse(r.doc) as QueryDefinitionRecord) };
    if (rows.length > q.limit) out.next = JSON.stringify([kept[kept.length - 1]!.name, kept[kept.length - 1]!.id]);
    return out;
  }

  async countDefinitions(accountId: string, region: string): Promise<number> {
    return (this.s.readStmt('SELECT COUNT(*) AS n FROM insights_query_definitions WHERE account_id = ? AND region = ?').get(accountId, region) as { n: number }).n;
  }

  async deleteDefinition(accountId: string, region: string, id: string): Promise<boolean> {
    return this.s.write((p) => p('DELETE FROM insights_query_definitions WHERE account_id = ? AND region = ? AND id = ?').run(accountId, region, id).changes > 0);
  }

  async putMetricFilter(f: MetricFilterRecord): Promise<void> {
    const t = f.metricTransformations[0]!;
    await this.s.write((p) =>
      p(
        `INSERT INTO log_metric_filters (group_id, account_id, region, group_name, filter_name, metric_name, metric_namespace, doc)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (group_id, filter_name) DO UPDATE SET
         metric_name = excluded.metric_name, metric_namespace = excluded.metric_namespace, doc = excluded.doc`,
      ).run(f.groupId, f.accountId, f.region, f.logGroupName, f.filterName, t.metricName, t.metricNamespace, JSON.stringify(f)),
    );
  }

  async getMetricFilter(groupId: number, filterName: string): Promise<MetricFilterRecord | undefined> {
    const r = this.s.readStmt('SELECT doc FROM log_metric_filters WHERE group_id = ? AND filter_name = ?').get(groupId, filterName) as { doc: string } | undefined;
    return r && (JSON.parse(r.doc) as MetricFilterRecord);
  }

  async countMetricFilters(groupId: number): Promise<number> {
    return (this.s.readStmt('SELECT COUNT(*) AS n FROM log_metric_filters WHERE group_id = ?').get(groupId) as { n: number }).n;
  }

  async listMetricFilters(accountId: string, region: string, q: MetricFilterListQuery): Promise<Page<MetricFilterRecord>> {
    const where = ['account_id = ?', 'region = ?'];
    const args: unknown[] = [accountId, region];
    if (q.groupId !== undefined) {
      where.push('group_id = ?');
      args.push(q.groupId);
    }
    if (q.prefix !== undefined && q.prefix !== '') {
      where.push('filter_name >= ?', 'filter_name < ?');
      args.push(q.prefix, q.prefix + PREFIX_END);
    }
    if (q.metricName !== undefined) {
      where.push('metric_name = ?');
      args.push(q.metricName);
    }
    if (q.metricNamespace !== undefined) {
      where.push('metric_namespace = ?');
      args.push(q.metricNamespace);
    }
    if (q.after !== undefined) {
      const [g, f] = JSON.parse(q.after) as [string, string];
      where.push('(group_name > ? OR (group_name = ? AND filter_name > ?))');
      args.push(g, g, f);
    }
    const rows = this.s
      .readStmt(`SELECT group_name, filter_name, doc FROM log_metric_filters WHERE ${where.join(' AND ')} ORDER BY group_name, filter_name LIMIT ?`)
      .all(...args, q.limit + 1) as { group_name: string; filter_name: string; doc: string }[];
    const kept = rows.slice(0, q.limit);
    const out: Page<MetricFilterRecord> = { items: kept.map((r) => JSON.parse(r.doc) as MetricFilterRecord) };
    if (rows.length > q.limit) out.next = JSON.stringify([kept[kept.length - 1]!.group_name, kept[kept.length - 1]!.filter_name]);
    return out;
  }

  async deleteMetricFilter(groupId: number, filterName: string): Promise<boolean> {
    return this.s.write((p) => p('DELETE FROM log_metric_filters WHERE group_id = ? AND filter_name = ?').run(groupId, filterName).changes > 0);
  }

  async getResultKey(accountId: string, region: string): Promise<string | undefined> {
    const r = this.s.readStmt('SELECT key_arn FROM insights_result_keys WHERE account_id = ? AND region = ?').get(accountId, region) as { key_arn: string } | undefined;
    return r?.key_arn;
  }

  async setResultKey(accountId: string, region: string, keyArn: string | undefined): Promise<void> {
    await this.s.write((p) => {
      if (keyArn === undefined) p('DELETE FROM insights_result_keys WHERE account_id = ? AND region = ?').run(accountId, region);
      else
        p('INSERT INTO insights_result_keys (account_id, region, key_arn) VALUES (?, ?, ?) ON CONFLICT (account_id, region) DO UPDATE SET key_arn = excluded.key_arn').run(
          accountId,
          region,
          keyArn,
        );
    });
  }
}
