import type { DestinationRecord, LogSubscriptionStore, OutboxEntry, OwedChunk, SubscriptionFilterRecord } from '../../logs/subscriptions/model.js';
import type { SqlDriver } from './driver.js';

interface FilterRow {
  group_id: number;
  account_id: string;
  region: string;
  group_name: string;
  filter_name: string;
  doc: string;
  created_at: number;
}

interface DestinationRow {
  account_id: string;
  region: string;
  name: string;
  doc: string;
  created_at: number;
}

interface OutboxRow {
  id: number;
  group_id: number;
  stream_id: number;
  first_seq: number;
  event_count: number;
  key_arn: string | null;
  wrapped_key: Buffer;
  data: Buffer;
  created_at: number;
  attempts: number;
}

type FilterDoc = Pick<SubscriptionFilterRecord, 'filterPattern' | 'destinationArn' | 'roleArn' | 'distribution' | 'applyOnTransformedLogs'>;
type DestinationDoc = Pick<DestinationRecord, 'targetArn' | 'roleArn' | 'accessPolicy'>;

function toFilter(r: FilterRow): SubscriptionFilterRecord {
  const doc = JSON.parse(r.doc) as FilterDoc;
  return {
    groupId: Number(r.group_id),
    accountId: r.account_id,
    region: r.region,
    groupName: r.group_name,
    filterName: r.filter_name,
    ...doc,
    createdAt: Number(r.created_at),
  };
}

function toDestination(r: DestinationRow): DestinationRecord {
  const doc = JSON.parse(r.doc) as DestinationDoc;
  return { accountId: r.account_id, region: r.region, name: r.name, ...doc, createdAt: Number(r.created_at) };
}

/** Subscription filters, destinations and the delivery outbox, written once for both adapters. */
export class SqlLogSubscriptionStore implements LogSubscriptionStore {
  constructor(private readonly d: SqlDriver) {}

  async putFilter(f: SubscriptionFilterRecord): Promise<void> {
    const doc: FilterDoc = { filterPattern: f.filterPattern, destinationArn: f.destinationArn, distribution: f.distribution, applyOnTransformedLogs: f.applyOnTransformedLogs };
    if (f.roleArn !== undefined) doc.roleArn = f.roleArn;
    await this.d.exec(
      `INSERT INTO log_subscription_filters (group_id, account_id, region, group_name, filter_name, doc, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (group_id, filter_name) DO UPDATE SET doc = excluded.doc`,
      [f.groupId, f.accountId, f.region, f.groupName, f.filterName, JSON.stringify(doc), f.createdAt],
    );
  }

  async filtersOfGroup(groupId: number): Promise<SubscriptionFilterRecord[]> {
    const rows = await this.d.all<FilterRow>('SELECT * FROM log_subscription_filters WHERE group_id = ? ORDER BY filter_name', [groupId]);
    return rows.map(toFilter);
  }

  async deleteFilter(groupId: number, filterName: string): Promise<boolean> {
    return (await this.d.exec('DELETE FROM log_subscription_filters WHERE group_id = ? AND filter_name = ?', [groupId, filterName])).changes > 0;
  }

  async putDestination(x: DestinationRecord): Promise<void> {
    const doc: DestinationDoc = { targetArn: x.targetArn, roleArn: x.roleArn };
    if (x.accessPolicy !== undefined) doc.accessPolicy = x.accessPolicy;
    await this.d.exec(
      `INSERT INTO log_destinations (account_id, region, name, doc, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (account_id, region, name) DO UPDATE SET doc = excluded.doc`,
      [x.accountId, x.region, x.name, JSON.stringify(doc), x.createdAt],
    );
  }

  async getDestination(accountId: string, region: string, name: string): Promise<DestinationRecord | undefined> {
    const r = await this.d.get<DestinationRow>('SELECT * FROM log_destinations WHERE account_id = ? AND region = ? AND name = ?', [accountId, region, name]);
    return r ? toDestination(r) : undefined;
  }

  async listDestinations(accountId: string, region: string, prefix: string | undefined, afterName: string | undefined, limit: number): Promise<DestinationRecord[]> {
    const rows = await this.d.all<DestinationRow>(
      'SELECT * FROM log_destinations WHERE account_id = ? AND region = ? AND name > ? AND substr(name, 1, ?) = ? ORDER BY name LIMIT ?',
      [accountId, region, afterName ?? '', (prefix ?? '').length, prefix ?? '', limit],
    );
    return rows.map(toDestination);
  }

  async deleteDestination(accountId: string, region: string, name: string): Promise<boolean> {
    return (await this.d.exec('DELETE FROM log_destinations WHERE account_id = ? AND region = ? AND name = ?', [accountId, region, name])).changes > 0;
  }

  async enqueue(c: OwedChunk, now: number): Promise<void> {
    await this.d.exec(
      `INSERT INTO log_subscription_outbox (group_id, stream_id, first_seq, event_count, key_arn, wrapped_key, data, created_at, next_at)
       SELECT ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM log_subscription_filters WHERE group_id = ?)`,
      [c.groupId, c.streamId, c.firstSeq, c.count, c.keyArn ?? null, c.wrappedKey, c.data, now, now, c.groupId],
    );
  }

  async dueEntries(now: number, limit: number): Promise<OutboxEntry[]> {
    const rows = await this.d.all<OutboxRow>('SELECT * FROM log_subscription_outbox WHERE next_at <= ? ORDER BY id LIMIT ?', [now, limit]);
    return rows.map((r) => {
      const e: OutboxEntry = {
        id: Number(r.id),
        groupId: Number(r.group_id),
        streamId: Number(r.stream_id),
        firstSeq: Number(r.first_seq),
        count: Number(r.event_count),
        wrappedKey: r.wrapped_key,
        data: r.data,
        createdAt: Number(r.created_at),
        attempts: Number(r.attempts),
      };
      if (r.key_arn !== null) e.keyArn = r.key_arn;
      return e;
    });
  }

  async complete(id: number): Promise<boolean> {
    return (await this.d.exec('DELETE FROM log_subscription_outbox WHERE id = ?', [id])).changes > 0;
  }

  async postpone(id: number, nextAt: number): Promise<void> {
    await this.d.exec('UPDATE log_subscription_outbox SET attempts = attempts + 1, next_at = ? WHERE id = ?', [nextAt, id]);
  }
}
