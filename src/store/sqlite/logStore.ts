import {
  MAX_CHUNK_SPAN_MS,
  type ChunkHead,
  type ChunkHeadPage,
  type ChunkPage,
  type ChunkQuery,
  type ChunkRecord,
  type GroupListQuery,
  type LogGroupClass,
  type LogGroupRecord,
  type LogStreamRecord,
  type NewChunk,
  type NewLogGroup,
  type NewLogStream,
  type StreamListQuery,
} from '../../logs/model.js';
import type { LiveTailStart, LogStore, Page } from '../types.js';
import type { SqliteStore } from './sqliteStore.js';

/** Sorts after every character a log group or stream name may hold, to turn a prefix into a range. */
const PREFIX_END = '\uffff';

interface GroupRow {
  id: number;
  account_id: string;
  region: string;
  name: string;
  created_at: number;
  log_group_class: string;
  kms_key_arn: string | null;
  retention_days: number | null;
  deletion_protection: number;
  tags: string;
  stored_bytes: number;
}

interface StreamRow {
  id: number;
  group_id: number;
  name: string;
  created_at: number;
  first_event_time: number | null;
  last_event_time: number | null;
  last_ingestion_time: number | null;
  next_seq: number;
}

interface ChunkRow {
  id: number;
  group_id: number;
  stream_id: number;
  first_seq: number;
  event_count: number;
  min_time: number;
  max_time: number;
  max_ingestion_time: number;
  raw_bytes: number;
  key_arn: string | null;
  wrapped_key: Buffer;
  data: Buffer;
  compactable: number;
  sketch?: Buffer | null;
}

const SKETCH_INSERT = 'INSERT INTO log_chunk_sketches (chunk_id, sketch) VALUES (?, ?)';
/** Every column of a chunk with its sketch (`c` is log_chunks). */
const CHUNK_SELECT = 'SELECT c.*, s.sketch FROM log_chunks c LEFT JOIN log_chunk_sketches s ON s.chunk_id = c.id';
/** The columns before the body (reading one after it walks the body's overflow pages), with the sketch. */
const HEAD_SELECT = `SELECT c.id, c.group_id, c.stream_id, c.first_seq, c.event_count, c.min_time, c.max_time, c.max_ingestion_time,
  c.raw_bytes, c.key_arn, c.wrapped_key, s.sketch FROM log_chunks c LEFT JOIN log_chunk_sketches s ON s.chunk_id = c.id`;
const CHUNK_INSERT = `INSERT INTO log_chunks (group_id, stream_id, first_seq, event_count, min_time, max_time, max_ingestion_time,
  raw_bytes, key_arn, wrapped_key, data, compactable) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`;

export class SqliteLogStore implements LogStore {
  constructor(private readonly s: SqliteStore) {}

  // --- groups ----------------------------------------------------------------------------------------------------

  async createGroup(g: NewLogGroup): Promise<LogGroupRecord | undefined> {
    return this.s.write((p) => {
      const row = p(
        `INSERT INTO log_groups (account_id, region, name, created_at, log_group_class, kms_key_arn, retention_days,
           deletion_protection, tags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (account_id, region, name) DO NOTHING RETURNING id`,
      ).get(g.accountId, g.region, g.name, g.createdAt, g.logGroupClass, g.kmsKeyArn ?? null, g.retentionDays ?? null, g.deletionProtection ? 1 : 0, JSON.stringify(g.tags)) as
        | { id: number }
        | undefined;
      return row && { ...g, tags: { ...g.tags }, id: row.id, storedBytes: 0 };
    });
  }

  async getGroup(accountId: string, region: string, name: string): Promise<LogGroupRecord | undefined> {
    const r = this.s.readStmt('SELECT * FROM log_groups WHERE account_id = ? AND region = ? AND name = ?').get(accountId, region, name) as
      | GroupRow
      | undefined;
    return r && toGroup(r);
  }

  async countGroups(accountId: string, region: string): Promise<number> {
    const r = this.s.readStmt('SELECT COUNT(*) AS n FROM log_groups WHERE account_id = ? AND region = ?').get(accountId, region) as { n: number };
    return r.n;
  }

  async getGroupById(id: number): Promise<LogGroupRecord | undefined> {
    const r = this.s.readStmt('SELECT * FROM log_groups WHERE id = ?').get(id) as GroupRow | undefined;
    return r && toGroup(r);
  }

  async updateGroup(g: LogGroupRecord): Promise<void> {
    await this.s.write((p) =>
      p(
        `UPDATE log_groups SET log_group_class = ?, kms_key_arn = ?, retention_days = ?, deletion_protection = ?, tags = ?
         WHERE id = ?`,
      ).run(g.logGroupClass, g.kmsKeyArn ?? null, g.retentionDays ?? null, g.deletionProtection ? 1 : 0, JSON.stringify(g.tags), g.id),
    );
  }

  async deleteGroup(groupId: number): Promise<void> {
    // Streams and chunks go with it (ON DELETE CASCADE).
    await this.s.write((p) => p('DELETE FROM log_groups WHERE id = ?').run(groupId));
  }

  async listGroups(accountId: string, region: string, q: GroupListQuery): Promise<Page<LogGroupRecord>> {
    const where = ['account_id = ?', 'region = ?'];
    const args: unknown[] = [accountId, region];
    if (q.prefix !== undefined) {
      where.push('name >= ?', 'name < ?');
      args.push(q.prefix, q.prefix + PREFIX_END);
    }
    if (q.pattern !== undefined && q.pattern !== '') {
      where.push('instr(name, ?) > 0');
      args.push(q.pattern);
    }
    if (q.logGroupClass !== undefined) {
      where.push('log_group_class = ?');
      args.push(q.logGroupClass);
    }
    if (q.names !== undefined) {
      where.push('name IN (SELECT value FROM json_each(?))');
      args.push(JSON.stringify(q.names));
    }
    if (q.after !== undefined) {
      where.push('name > ?');
      args.push(q.after);
    }
    const rows = this.s.readStmt(`SELECT * FROM log_groups WHERE ${where.join(' AND ')} ORDER BY name LIMIT ?`).all(...args, q.limit + 1) as GroupRow[];
    return page(rows, q.limit, toGroup, (r) => r.name);
  }

  async groupsWithRetention(afterId: number, limit: number): Promise<LogGroupRecord[]> {
    const rows = this.s
      .readStmt('SELECT * FROM log_groups WHERE retention_days IS NOT NULL AND id > ? ORDER BY id LIMIT ?')
      .all(afterId, limit) as GroupRow[];
    return rows.map(toGroup);
  }

  // --- streams ---------------------------------------------------------------------------------------------------

  async createStream(st: NewLogStream): Promise<LogStreamRecord | undefined> {
    return this.s.write((p) => {
      const row = p(
        'INSERT INTO log_streams (group_id, name, created_at) VALUES (?, ?, ?) ON CONFLICT (group_id, name) DO NOTHING RETURNING id',
      ).get(st.groupId, st.name, st.createdAt) as { id: number } | undefined;
      return row && { ...st, id: row.id, nextSeq: 0 };
    });
  }

  async getStream(groupId: number, name: string): Promise<LogStreamRecord | undefined> {
    const r = this.s.readStmt('SELECT * FROM log_streams WHERE group_id = ? AND name = ?').get(groupId, name) as StreamRow | undefined;
    return r && toStream(r);
  }

  async getStreamsById(groupId: number, ids: readonly number[]): Promise<LogStreamRecord[]> {
    if (ids.length === 0) return [];
    const rows = this.s
      .readStmt('SELECT * FROM log_streams WHERE group_id = ? AND id IN (SELECT value FROM json_each(?))')
      .all(groupId, JSON.stringify(ids)) as StreamRow[];
    return rows.map(toStream);
  }

  async deleteStream(streamId: number): Promise<void> {
    await this.s.write((p) => {
      const r = p('SELECT group_id FROM log_streams WHERE id = ?').get(streamId) as { group_id: number } | undefined;
      if (!r) return;
      const bytes = (p('SELECT IFNULL(SUM(raw_bytes), 0) AS b FROM log_chunks WHERE stream_id = ?').get(streamId) as { b: number }).b;
      p('DELETE FROM log_streams WHERE id = ?').run(streamId);
      p('UPDATE log_groups SET stored_bytes = stored_bytes - ? WHERE id = ?').run(bytes, r.group_id);
    });
  }

  async listStreams(groupId: number, q: StreamListQuery): Promise<Page<LogStreamRecord>> {
    const dir = q.descending ? 'DESC' : 'ASC';
    const cmp = q.descending ? '<' : '>';
    const where = ['group_id = ?'];
    const args: unknown[] = [groupId];
    if (q.orderBy === 'LogStreamName') {
      if (q.prefix !== undefined) {
        where.push('name >= ?', 'name < ?');
        args.push(q.prefix, q.prefix + PREFIX_END);
      }
      if (q.after !== undefined) {
        where.push(`name ${cmp} ?`);
        args.push(q.after);
      }
      const rows = this.s
        .readStmt(`SELECT * FROM log_streams WHERE ${where.join(' AND ')} ORDER BY name ${dir} LIMIT ?`)
        .all(...args, q.limit + 1) as StreamRow[];
      return page(rows, q.limit, toStream, (r) => r.name);
    }
    // By last event time; streams without events sort as -1. The position is "time/name".
    const sortTime = 'IFNULL(last_event_time, -1)';
    if (q.after !== undefined) {
      const slash = q.after.indexOf('/');
      where.push(`(${sortTime}, name) ${cmp} (?, ?)`);
      args.push(Number(q.after.slice(0, slash)), q.after.slice(slash + 1));
    }
    const rows = this.s
      .readStmt(`SELECT * FROM log_streams WHERE ${where.join(' AND ')} ORDER BY ${sortTime} ${dir}, name ${dir} LIMIT ?`)
      .all(...args, q.limit + 1) as StreamRow[];
    return page(rows, q.limit, toStream, (r) => `${r.last_event_time ?? -1}/${r.name}`);
  }

  async streamIdsByPrefix(groupId: number, prefix: string, limit: number): Promise<number[]> {
    const rows = this.s
      .readStmt('SELECT id FROM log_streams WHERE group_id = ? AND name >= ? AND name < ? ORDER BY name LIMIT ?')
      .all(groupId, prefix, prefix + PREFIX_END, limit + 1) as { id: number }[];
    return rows.map((r) => r.id);
  }

  // --- chunks ----------------------------------------------------------------------------------------------------

  async appendChunk(c: Omit<NewChunk, 'firstSeq'>): Promise<ChunkRecord | undefined> {
    return this.s.write((p) => {
      const st = p('SELECT next_seq FROM log_streams WHERE id = ? AND group_id = ?').get(c.streamId, c.groupId) as { next_seq: number } | undefined;
      if (!st) return undefined;
      const chunk: NewChunk = { ...c, firstSeq: st.next_seq };
      const { id } = p(CHUNK_INSERT).get(...chunkValues(chunk)) as { id: number };
      if (c.sketch) p(SKETCH_INSERT).run(id, c.sketch);
      p(
        `UPDATE log_streams SET next_seq = next_seq + ?,
           first_event_time = MIN(IFNULL(first_event_time, ?), ?),
           last_event_time = MAX(IFNULL(last_event_time, ?), ?),
           last_ingestion_time = MAX(IFNULL(last_ingestion_time, ?), ?)
         WHERE id = ?`,
      ).run(c.count, c.minTime, c.minTime, c.maxTime, c.maxTime, c.maxIngestionTime, c.maxIngestionTime, c.streamId);
      p('UPDATE log_groups SET stored_bytes = stored_bytes + ? WHERE id = ?').run(c.rawBytes, c.groupId);
      return { ...chunk, id };
    });
  }

  async listChunks(q: ChunkQuery): Promise<ChunkPage> {
    const { where, args, order } = chunkQuerySql(q);
    const rows = this.s.readStmt(`${CHUNK_SELECT} WHERE ${where} ORDER BY ${order} LIMIT ?`).all(...args, q.limit) as ChunkRow[];
    // Read in the same synchronous step as the rows: no write of this process can come in between.
    const g = this.s.readStmt('SELECT compaction_epoch FROM log_groups WHERE id = ?').get(q.groupId) as { compaction_epoch: number } | undefined;
    return { chunks: rows.map(toChunk), epoch: g?.compaction_epoch ?? -1 };
  }

  async listChunkHeads(q: ChunkQuery): Promise<ChunkHeadPage> {
    const { where, args, order } = chunkQuerySql(q);
    const rows = this.s.readStmt(`${HEAD_SELECT} WHERE ${where} ORDER BY ${order} LIMIT ?`).all(...args, q.limit) as ChunkRow[];
    const g = this.s.readStmt('SELECT compaction_epoch FROM log_groups WHERE id = ?').get(q.groupId) as { compaction_epoch: number } | undefined;
    return { chunks: rows.map(toHead), epoch: g?.compaction_epoch ?? -1 };
  }

  async chunkBodies(ids: readonly number[]): Promise<Map<number, Buffer>> {
    const out = new Map<number, Buffer>();
    if (ids.length === 0) return out;
    const rows = this.s.readStmt('SELECT id, data FROM log_chunks WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as {
      id: number;
      data: Buffer;
    }[];
    for (const r of rows) out.set(r.id, r.data);
    return out;
  }

  async compactionCandidates(afterStreamId: number, limit: number): Promise<ChunkRecord[]> {
    const s = this.s
      .readStmt('SELECT stream_id FROM log_chunks WHERE compactable = 1 AND stream_id > ? GROUP BY stream_id HAVING COUNT(*) >= 2 ORDER BY stream_id LIMIT 1')
      .get(afterStreamId) as { stream_id: number } | undefined;
    if (!s) return [];
    const rows = this.s
      .readStmt(`${CHUNK_SELECT} WHERE c.stream_id = ? AND c.compactable = 1 ORDER BY c.first_seq LIMIT ?`)
      .all(s.stream_id, limit) as ChunkRow[];
    return rows.map(toChunk);
  }

  async replaceChunks(oldIds: readonly number[], merged: NewChunk): Promise<boolean> {
    return this.s.write((p) => {
      const ids = JSON.stringify(oldIds);
      const present = (p('SELECT COUNT(*) AS n FROM log_chunks WHERE id IN (SELECT value FROM json_each(?))').get(ids) as { n: number }).n;
      if (present !== oldIds.length) return false;
      p('DELETE FROM log_chunks WHERE id IN (SELECT value FROM json_each(?))').run(ids);
      const { id } = p(CHUNK_INSERT).get(...chunkValues(merged)) as { id: number };
      if (merged.sketch) p(SKETCH_INSERT).run(id, merged.sketch);
      p('UPDATE log_groups SET compaction_epoch = compaction_epoch + 1 WHERE id = ?').run(merged.groupId);
      return true;
    });
  }

  async deleteChunksBefore(groupId: number, cutoff: number, limit: number): Promise<number> {
    return this.s.write((p) => {
      const gone = p(
        `DELETE FROM log_chunks WHERE id IN (
           SELECT id FROM log_chunks WHERE group_id = ? AND max_time < ? ORDER BY max_time LIMIT ?)
         RETURNING raw_bytes`,
      ).all(groupId, cutoff, limit) as { raw_bytes: number }[];
      if (gone.length > 0) {
        const bytes = gone.reduce((n, r) => n + r.raw_bytes, 0);
        p('UPDATE log_groups SET stored_bytes = stored_bytes - ? WHERE id = ?').run(bytes, groupId);
      }
      return gone.length;
    });
  }

  async liveTailStart(groupId: number): Promise<LiveTailStart> {
    // Both reads in one synchronous step: no write of this process comes in between, and SQLite has one writer.
    const last = this.s.readStmt('SELECT IFNULL(MAX(id), 0) AS id FROM log_chunks WHERE group_id = ?').get(groupId) as { id: number };
    const rows = this.s.readStmt('SELECT id, next_seq FROM log_streams WHERE group_id = ?').all(groupId) as { id: number; next_seq: number }[];
    return { lastChunkId: last.id, streams: new Map(rows.map((r) => [r.id, r.next_seq])) };
  }

  async chunksAfter(groupId: number, afterId: number, limit: number): Promise<ChunkRecord[]> {
    const rows = this.s.readStmt(`${CHUNK_SELECT} WHERE c.group_id = ? AND c.id > ? ORDER BY c.id LIMIT ?`).all(groupId, afterId, limit) as ChunkRow[];
    return rows.map(toChunk);
  }

  // --- service keys ----------------------------------------------------------------------------------------------

  async getServiceKey(accountId: string, region: string): Promise<Buffer | undefined> {
    const r = this.s.readStmt('SELECT sealed FROM log_service_keys WHERE account_id = ? AND region = ?').get(accountId, region) as
      | { sealed: Buffer }
      | undefined;
    return r?.sealed;
  }

  async ensureServiceKey(accountId: string, region: string, sealed: Buffer): Promise<Buffer> {
    return this.s.write((p) => {
      p('INSERT INTO log_service_keys (account_id, region, sealed) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(accountId, region, sealed);
      return (p('SELECT sealed FROM log_service_keys WHERE account_id = ? AND region = ?').get(accountId, region) as { sealed: Buffer }).sealed;
    });
  }
}

/** The WHERE clause (chunks of `log_chunks c`), its arguments and the ORDER BY of a chunk query. */
function chunkQuerySql(q: ChunkQuery): { where: string; args: unknown[]; order: string } {
  const where: string[] = [];
  const args: unknown[] = [];
  if (q.streamIds !== undefined && q.streamIds.length === 1) {
    where.push('c.stream_id = ?');
    args.push(q.streamIds[0]);
  } else {
    where.push('c.group_id = ?');
    args.push(q.groupId);
    if (q.streamIds !== undefined) {
      where.push('c.stream_id IN (SELECT value FROM json_each(?))');
      args.push(JSON.stringify(q.streamIds));
    }
  }
  where.push('c.max_time >= ?', 'c.min_time <= ?');
  args.push(q.fromTime, q.toTime);
  // Chunks span at most MAX_CHUNK_SPAN_MS, which bounds the scan of the sort column's index from the other side.
  if (q.order === 'asc') {
    where.push('c.min_time >= ?');
    args.push(q.fromTime - MAX_CHUNK_SPAN_MS);
    if (q.after) {
      where.push('(c.min_time, c.id) > (?, ?)');
      args.push(q.after.time, q.after.id);
    }
  } else {
    where.push('c.max_time <= ?');
    args.push(q.toTime + MAX_CHUNK_SPAN_MS);
    if (q.after) {
      where.push('(c.max_time, c.id) < (?, ?)');
      args.push(q.after.time, q.after.id);
    }
  }
  const order = q.order === 'asc' ? 'c.min_time ASC, c.id ASC' : 'c.max_time DESC, c.id DESC';
  return { where: where.join(' AND '), args, order };
}

function chunkValues(c: NewChunk): unknown[] {
  return [
    c.groupId,
    c.streamId,
    c.firstSeq,
    c.count,
    c.minTime,
    c.maxTime,
    c.maxIngestionTime,
    c.rawBytes,
    c.keyArn ?? null,
    c.wrappedKey,
    c.data,
    c.compactable ? 1 : 0,
  ];
}

function toGroup(r: GroupRow): LogGroupRecord {
  const g: LogGroupRecord = {
    id: r.id,
    accountId: r.account_id,
    region: r.region,
    name: r.name,
    createdAt: r.created_at,
    logGroupClass: r.log_group_class as LogGroupClass,
    deletionProtection: r.deletion_protection === 1,
    tags: JSON.parse(r.tags) as Record<string, string>,
    storedBytes: r.stored_bytes,
  };
  if (r.kms_key_arn !== null) g.kmsKeyArn = r.kms_key_arn;
  if (r.retention_days !== null) g.retentionDays = r.retention_days;
  return g;
}

function toStream(r: StreamRow): LogStreamRecord {
  const s: LogStreamRecord = { id: r.id, groupId: r.group_id, name: r.name, createdAt: r.created_at, nextSeq: r.next_seq };
  if (r.first_event_time !== null) s.firstEventTime = r.first_event_time;
  if (r.last_event_time !== null) s.lastEventTime = r.last_event_time;
  if (r.last_ingestion_time !== null) s.lastIngestionTime = r.last_ingestion_time;
  return s;
}

function toChunk(r: ChunkRow): ChunkRecord {
  return { ...toHead(r), data: r.data, compactable: r.compactable === 1 };
}

function toHead(r: ChunkRow): ChunkHead {
  const c: ChunkHead = {
    id: r.id,
    groupId: r.group_id,
    streamId: r.stream_id,
    firstSeq: r.first_seq,
    count: r.event_count,
    minTime: r.min_time,
    maxTime: r.max_time,
    maxIngestionTime: r.max_ingestion_time,
    rawBytes: r.raw_bytes,
    wrappedKey: r.wrapped_key,
  };
  if (r.key_arn !== null) c.keyArn = r.key_arn;
  if (r.sketch) c.sketch = r.sketch;
  return c;
}

function page<R, T>(rows: R[], limit: number, map: (r: R) => T, marker: (r: R) => string): Page<T> {
  if (rows.length <= limit) return { items: rows.map(map) };
  const kept = rows.slice(0, limit);
  return { items: kept.map(map), next: marker(kept[kept.length - 1]!) };
}
