import type { DefinitionListQuery, MetricFilterRecord, QueryDefinitionRecord, QueryListQuery, QueryRecord, SealedResults } from '../../insights/model.js';
import type { InsightsStore, MetricFilterListQuery, Page } from '../types.js';
import { page, type SqlDriver } from './driver.js';

const PREFIX_END = '\uffff';

/**
 * With several instances, a query that is Scheduled or Running may be running on another instance: an instance that
 * starts fails only the unfinished queries older than the longest a query may run (they can no longer be running
 * anywhere). One process on SQLite fails them all: nothing else can be running them.
 */
const LONGEST_QUERY_MS = 60 * 60 * 1000 + 60_000;

/** Logs Insights storage written once for both adapters (see `driver.ts`). */
export class SqlInsightsStore implements InsightsStore {
  constructor(
    private readonly d: SqlDriver,
    private readonly now: () => number = Date.now,
  ) {}

  async putQuery(q: QueryRecord): Promise<void> {
    await this.d.exec('INSERT INTO insights_queries (account_id, region, query_id, status, expires_at, doc) VALUES (?, ?, ?, ?, ?, ?)', [
      q.accountId,
      q.region,
      q.queryId,
      q.status,
      q.expiresAt,
      JSON.stringify(q),
    ]);
  }

  async updateQuery(q: QueryRecord, results?: SealedResults): Promise<void> {
    if (results) {
      await this.d.exec(
        `UPDATE insights_queries SET status = ?, expires_at = ?, doc = ?, key_arn = ?, wrapped_key = ?, results = ?
         WHERE account_id = ? AND region = ? AND query_id = ?`,
        [q.status, q.expiresAt, JSON.stringify(q), results.keyArn ?? null, results.wrappedKey, results.data, q.accountId, q.region, q.queryId],
      );
    } else {
      await this.d.exec('UPDATE insights_queries SET status = ?, expires_at = ?, doc = ? WHERE account_id = ? AND region = ? AND query_id = ?', [
        q.status,
        q.expiresAt,
        JSON.stringify(q),
        q.accountId,
        q.region,
        q.queryId,
      ]);
    }
  }

  async getQuery(accountId: string, region: string, queryId: string): Promise<QueryRecord | undefined> {
    const r = await this.d.get<{ doc: string }>('SELECT doc FROM insights_queries WHERE account_id = ? AND region = ? AND query_id = ?', [accountId, region, queryId]);
    return r && (JSON.parse(r.doc) as QueryRecord);
  }

  async getResults(accountId: string, region: string, queryId: string): Promise<SealedResults | undefined> {
    const r = await this.d.get<{ key_arn: string | null; wrapped_key: Buffer | null; results: Buffer | null }>(
      'SELECT key_arn, wrapped_key, results FROM insights_queries WHERE account_id = ? AND region = ? AND query_id = ?',
      [accountId, region, queryId],
    );
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
      where.push(
        this.d.dialect.name === 'postgres'
          ? "? IN (SELECT json_array_elements_text(doc::json -> 'logGroupNames'))"
          : "? IN (SELECT value FROM json_each(doc, '$.logGroupNames'))",
      );
      args.push(q.logGroupName);
    }
    const rows = await this.d.all<{ seq: number; doc: string }>(
      `SELECT seq, doc FROM insights_queries WHERE ${where.join(' AND ')} ORDER BY seq DESC LIMIT ?`,
      [...args, q.limit + 1],
    );
    return page(rows, q.limit, (r) => JSON.parse(r.doc) as QueryRecord, (r) => String(r.seq));
  }

  async deleteExpiredQueries(now: number, limit: number): Promise<number> {
    const r = await this.d.exec('DELETE FROM insights_queries WHERE seq IN (SELECT seq FROM insights_queries WHERE expires_at <= ? LIMIT ?)', [now, limit]);
    return r.changes;
  }

  async failUnfinishedQueries(error: string): Promise<number> {
    const rows = await this.d.all<{ seq: number; doc: string }>("SELECT seq, doc FROM insights_queries WHERE status IN ('Scheduled', 'Running')");
    const cutoff = this.d.dialect.name === 'postgres' || this.d.shared ? this.now() - LONGEST_QUERY_MS : Infinity;
    let failed = 0;
    for (const r of rows) {
      const q = JSON.parse(r.doc) as QueryRecord;
      if (q.createTime > cutoff) continue;
      q.status = 'Failed';
      q.error = error;
      const done = await this.d.exec("UPDATE insights_queries SET status = 'Failed', doc = ? WHERE seq = ? AND status IN ('Scheduled', 'Running')", [
        JSON.stringify(q),
        r.seq,
      ]);
      failed += done.changes;
    }
    return failed;
  }

  async countActiveQueries(accountId: string, region: string, since: number): Promise<number> {
    const rows = await this.d.all<{ doc: string }>(
      "SELECT doc FROM insights_queries WHERE account_id = ? AND region = ? AND status IN ('Scheduled', 'Running')",
      [accountId, region],
    );
    return rows.filter((r) => (JSON.parse(r.doc) as QueryRecord).createTime > since).length;
  }

  async saveProgress(q: QueryRecord): Promise<boolean> {
    const r = await this.d.exec("UPDATE insights_queries SET doc = ? WHERE account_id = ? AND region = ? AND query_id = ? AND status = 'Running'", [
      JSON.stringify(q),
      q.accountId,
      q.region,
      q.queryId,
    ]);
    return r.changes > 0;
  }

  async cancelQuery(accountId: string, region: string, queryId: string): Promise<{ query: QueryRecord; stopped: boolean } | undefined> {
    const q = await this.getQuery(accountId, region, queryId);
    if (!q) return undefined;
    if (q.status !== 'Scheduled' && q.status !== 'Running') return { query: q, stopped: false };
    const cancelled: QueryRecord = { ...q, status: 'Cancelled' };
    const r = await this.d.exec(
      "UPDATE insights_queries SET status = 'Cancelled', doc = ? WHERE account_id = ? AND region = ? AND query_id = ? AND status IN ('Scheduled', 'Running')",
      [JSON.stringify(cancelled), accountId, region, queryId],
    );
    if (r.changes > 0) return { query: cancelled, stopped: true };
    // It ended (or was stopped) meanwhile.
    const now = await this.getQuery(accountId, region, queryId);
    return now && { query: now, stopped: false };
  }

  async putDefinition(d: QueryDefinitionRecord): Promise<void> {
    await this.d.exec(
      `INSERT INTO insights_query_definitions (account_id, region, id, name, doc) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (account_id, region, id) DO UPDATE SET name = excluded.name, doc = excluded.doc`,
      [d.accountId, d.region, d.queryDefinitionId, d.name, JSON.stringify(d)],
    );
  }

  async getDefinition(accountId: string, region: string, id: string): Promise<QueryDefinitionRecord | undefined> {
    const r = await this.d.get<{ doc: string }>('SELECT doc FROM insights_query_definitions WHERE account_id = ? AND region = ? AND id = ?', [accountId, region, id]);
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
    const rows = await this.d.all<{ name: string; id: string; doc: string }>(
      `SELECT name, id, doc FROM insights_query_definitions WHERE ${where.join(' AND ')} ORDER BY name, id LIMIT ?`,
      [...args, q.limit + 1],
    );
    return page(rows, q.limit, (r) => JSON.parse(r.doc) as QueryDefinitionRecord, (r) => JSON.stringify([r.name, r.id]));
  }

  async countDefinitions(accountId: string, region: string): Promise<number> {
    const r = await this.d.get<{ n: number }>('SELECT COUNT(*) AS n FROM insights_query_definitions WHERE account_id = ? AND region = ?', [accountId, region]);
    return Number(r?.n ?? 0);
  }

  async deleteDefinition(accountId: string, region: string, id: string): Promise<boolean> {
    const r = await this.d.exec('DELETE FROM insights_query_definitions WHERE account_id = ? AND region = ? AND id = ?', [accountId, region, id]);
    return r.changes > 0;
  }

  async putMetricFilter(f: MetricFilterRecord): Promise<void> {
    const t = f.metricTransformations[0]!;
    await this.d.exec(
      `INSERT INTO log_metric_filters (group_id, account_id, region, group_name, filter_name, metric_name, metric_namespace, doc)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (group_id, filter_name) DO UPDATE SET
       metric_name = excluded.metric_name, metric_namespace = excluded.metric_namespace, doc = excluded.doc`,
      [f.groupId, f.accountId, f.region, f.logGroupName, f.filterName, t.metricName, t.metricNamespace, JSON.stringify(f)],
    );
  }

  async getMetricFilter(groupId: number, filterName: string): Promise<MetricFilterRecord | undefined> {
    const r = await this.d.get<{ doc: string }>('SELECT doc FROM log_metric_filters WHERE group_id = ? AND filter_name = ?', [groupId, filterName]);
    return r && (JSON.parse(r.doc) as MetricFilterRecord);
  }

  async countMetricFilters(groupId: number): Promise<number> {
    const r = await this.d.get<{ n: number }>('SELECT COUNT(*) AS n FROM log_metric_filters WHERE group_id = ?', [groupId]);
    return Number(r?.n ?? 0);
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
    const rows = await this.d.all<{ group_name: string; filter_name: string; doc: string }>(
      `SELECT group_name, filter_name, doc FROM log_metric_filters WHERE ${where.join(' AND ')} ORDER BY group_name, filter_name LIMIT ?`,
      [...args, q.limit + 1],
    );
    return page(rows, q.limit, (r) => JSON.parse(r.doc) as MetricFilterRecord, (r) => JSON.stringify([r.group_name, r.filter_name]));
  }

  async deleteMetricFilter(groupId: number, filterName: string): Promise<boolean> {
    const r = await this.d.exec('DELETE FROM log_metric_filters WHERE group_id = ? AND filter_name = ?', [groupId, filterName]);
    return r.changes > 0;
  }

  async getResultKey(accountId: string, region: string): Promise<string | undefined> {
    const r = await this.d.get<{ key_arn: string }>('SELECT key_arn FROM insights_result_keys WHERE account_id = ? AND region = ?', [accountId, region]);
    return r?.key_arn;
  }

  async setResultKey(accountId: string, region: string, keyArn: string | undefined): Promise<void> {
    if (keyArn === undefined) await this.d.exec('DELETE FROM insights_result_keys WHERE account_id = ? AND region = ?', [accountId, region]);
    else
      await this.d.exec(
        'INSERT INTO insights_result_keys (account_id, region, key_arn) VALUES (?, ?, ?) ON CONFLICT (account_id, region) DO UPDATE SET key_arn = excluded.key_arn',
        [accountId, region, keyArn],
      );
  }
}
