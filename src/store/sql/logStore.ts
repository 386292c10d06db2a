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
import { page, type SqlDriver } from './driver.js';

/**
 * Where the encrypted bodies of chunks live, apart from their index rows: a table of `bytea` rows on PostgreSQL
 * today; an object store could follow. Bodies are written once and never changed; a body goes with its chunk.
 */
export interface ChunkBodyStore {
  write(chunkId: number, data: Buffer): Promise<void>;
  /** The bodies of the chunks that still exist (a chunk deleted meanwhile is simply absent). */
  read(chunkIds: readonly number[]): Promise<Map<number, Buffer>>;
}

/** Bodies in a table `log_chunk_bodies (chunk_id, data)` whose rows are deleted with their chunk (foreign key). */
export class SqlChunkBodies implements ChunkBodyStore {
  constructor(private readonly d: SqlDriver) {}

  async write(chunkId: number, data: Buffer): Promise<void> {
    await this.d.exec('INSERT INTO log_chunk_bodies (chunk_id, data) VALUES (?, ?)', [chunkId, data]);
  }

  async read(chunkIds: readonly number[]): Promise<Map<number, Buffer>> {
    const out = new Map<number, Buffer>();
    if (chunkIds.length === 0) return out;
    const rows = await this.d.all<{ chunk_id: number; data: Buffer }>(
      `SELECT chunk_id, data FROM log_chunk_bodies WHERE ${this.d.dialect.inList('chunk_id')}`,
      [this.d.dialect.inListValue(chunkIds)],
    );
    for (const r of rows) out.set(r.chunk_id, r.data);
    return out;
  }
}

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
  compactable: number;
  sketch: Buffer | null;
}

const CHUNK_COLUMNS =
  'id, group_id, stream_id, first_seq, event_count, min_time, max_time, max_ingestion_time, raw_bytes, key_arn, wrapped_key, compactable, sketch';
const CHUNK_INSERT = `INSERT INTO log_chunks (group_id, stream_id, first_seq, event_count, min_time, max_time, max_ingestion_time,
  raw_bytes, key_arn, wrapped_key, compactable, sketch) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`;

/**
 * CloudWatch Logs' index in SQL, chunk bodies in a `ChunkBodyStore`. Several instances may write at once, so every
 * write that touches a group's row takes it first (before its streams' and chunks' rows): appends, compaction,
 * retention and deletions lock in one order and never deadlock each other. A stream's sequence numbers are handed
 * out by one `UPDATE … RETURNING` on its row, which serialises appends to a stream across instances.
 */
export class SqlLogStore implements LogStore {
  constructor(
    private readonly d: SqlDriver,
    private readonly bodies: ChunkBodyStore,
  ) {}

  // --- groups ----------------------------------------------------------------------------------------------------

  async createGroup(g: NewLogGroup): Promise<LogGroupRecord | undefined> {
    const { rows } = await this.d.exec<{ id: number }>(
      `INSERT INTO log_groups (account_id, region, name, created_at, log_group_class, kms_key_arn, retention_days,
         deletion_protection, tags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (account_id, region, name) DO NOTHING RETURNING id`,
      [g.accountId, g.region, g.name, g.createdAt, g.logGroupClass, g.kmsKeyArn ?? null, g.retentionDays ?? null, g.deletionProtection ? 1 : 0, JSON.stringify(g.tags)],
    );
    const row = rows[0];
    return row && { ...g, tags: { ...g.tags }, id: row.id, storedBytes: 0 };
  }

  async getGroup(accountId: string, region: string, name: string): Promise<LogGroupRecord | undefined> {
    const r = await this.d.get<GroupRow>('SELECT * FROM log_groups WHERE account_id = ? AND region = ? AND name = ?', [accountId, region, name]);
    return r && toGroup(r);
  }

  async countGroups(accountId: string, region: string): Promise<number> {
    return (await this.d.get<{ n: number }>('SELECT COUNT(*) AS n FROM log_groups WHERE account_id = ? AND region = ?', [accountId, region]))!.n;
  }

  async getGroupById(id: number): Promise<LogGroupRecord | undefined> {
    const r = await this.d.get<GroupRow>('SELECT * FROM log_groups WHERE id = ?', [id]);
    return r && toGroup(r);
  }

  async updateGroup(g: LogGroupRecord): Promise<void> {
    await this.d.exec('UPDATE log_groups SET log_group_class = ?, kms_key_arn = ?, retention_days = ?, deletion_protection = ?, tags = ? WHERE id = ?', [
      g.logGroupClass,
      g.kmsKeyArn ?? null,
      g.retentionDays ?? null,
      g.deletionProtection ? 1 : 0,
      JSON.stringify(g.tags),
      g.id,
    ]);
  }

  async deleteGroup(groupId: number): Promise<void> {
    // Streams, chunks and bodies go with it (ON DELETE CASCADE).
    await this.d.exec('DELETE FROM log_groups WHERE id = ?', [groupId]);
  }

  async listGroups(accountId: string, region: string, q: GroupListQuery): Promise<Page<LogGroupRecord>> {
    const where = ['account_id = ?', 'region = ?'];
    const args: unknown[] = [accountId, region];
    if (q.prefix !== undefined) {
      where.push('name >= ?', 'name < ?');
      args.push(q.prefix, q.prefix + PREFIX_END);
    }
    if (q.pattern !== undefined && q.pattern !== '') {
      where.push(this.d.dialect.contains('name'));
      args.push(q.pattern);
    }
    if (q.logGroupClass !== undefined) {
      where.push('log_group_class = ?');
      args.push(q.logGroupClass);
    }
    if (q.names !== undefined) {
      where.push(this.d.dialect.inList('name', 'text'));
      args.push(this.d.dialect.inListValue(q.names));
    }
    if (q.after !== undefined) {
      where.push('name > ?');
      args.push(q.after);
    }
    const rows = await this.d.all<GroupRow>(`SELECT * FROM log_groups WHERE ${where.join(' AND ')} ORDER BY name LIMIT ?`, [...args, q.limit + 1]);
    return page(rows, q.limit, toGroup, (r) => r.name);
  }

  async groupsWithRetention(afterId: number, limit: number): Promise<LogGroupRecord[]> {
    const rows = await this.d.all<GroupRow>('SELECT * FROM log_groups WHERE retention_days IS NOT NULL AND id > ? ORDER BY id LIMIT ?', [afterId, limit]);
    return rows.map(toGroup);
  }

  // --- streams ---------------------------------------------------------------------------------------------------

  async createStream(st: NewLogStream): Promise<LogStreamRecord | undefined> {
    const { rows } = await this.d.exec<{ id: number }>(
      'INSERT INTO log_streams (group_id, name, created_at) VALUES (?, ?, ?) ON CONFLICT (group_id, name) DO NOTHING RETURNING id',
      [st.groupId, st.name, st.createdAt],
    );
    const row = rows[0];
    return row && { ...st, id: row.id, nextSeq: 0 };
  }

  async getStream(groupId: number, name: string): Promise<LogStreamRecord | undefined> {
    const r = await this.d.get<StreamRow>('SELECT * FROM log_streams WHERE group_id = ? AND name = ?', [groupId, name]);
    return r && toStream(r);
  }

  async getStreamsById(groupId: number, ids: readonly number[]): Promise<LogStreamRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.d.all<StreamRow>(`SELECT * FROM log_streams WHERE group_id = ? AND ${this.d.dialect.inList('id')}`, [
      groupId,
      this.d.dialect.inListValue(ids),
    ]);
    return rows.map(toStream);
  }

  async deleteStream(streamId: number): Promise<void> {
    await this.d.atomic(async () => {
      const r = await this.d.get<{ group_id: number }>('SELECT group_id FROM log_streams WHERE id = ?', [streamId]);
      if (!r) return;
      await this.lockGroup(r.group_id);
      const bytes = (await this.d.get<{ b: number }>('SELECT COALESCE(SUM(raw_bytes), 0) AS b FROM log_chunks WHERE stream_id = ?', [streamId]))!.b;
      const gone = (await this.d.exec('DELETE FROM log_streams WHERE id = ?', [streamId])).changes;
      if (gone > 0) await this.d.exec('UPDATE log_groups SET stored_bytes = stored_bytes - ? WHERE id = ?', [bytes, r.group_id]);
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
      const rows = await this.d.all<StreamRow>(`SELECT * FROM log_streams WHERE ${where.join(' AND ')} ORDER BY name ${dir} LIMIT ?`, [...args, q.limit + 1]);
      return page(rows, q.limit, toStream, (r) => r.name);
    }
    // By last event time; streams without events sort as -1. The position is "time/name".
    const sortTime = 'COALESCE(last_event_time, -1)';
    if (q.after !== undefined) {
      const slash = q.after.indexOf('/');
      where.push(`(${sortTime}, name) ${cmp} (?, ?)`);
      args.push(Number(q.after.slice(0, slash)), q.after.slice(slash + 1));
    }
    const rows = await this.d.all<StreamRow>(
      `SELECT * FROM log_streams WHERE ${where.join(' AND ')} ORDER BY ${sortTime} ${dir}, name ${dir} LIMIT ?`,
      [...args, q.limit + 1],
    );
    return page(rows, q.limit, toStream, (r) => `${r.last_event_time ?? -1}/${r.name}`);
  }

  async streamIdsByPrefix(groupId: number, prefix: string, limit: number): Promise<number[]> {
    const rows = await this.d.all<{ id: number }>('SELECT id FROM log_streams WHERE group_id = ? AND name >= ? AND name < ? ORDER BY name LIMIT ?', [
      groupId,
      prefix,
      prefix + PREFIX_END,
      limit + 1,
    ]);
    return rows.map((r) => r.id);
  }

  // --- chunks ----------------------------------------------------------------------------------------------------

  async appendChunk(c: Omit<NewChunk, 'firstSeq'>): Promise<ChunkRecord | undefined> {
    return this.d.atomic(async () => {
      const d = this.d.dialect;
      // The group's row first (see the class comment); only while the stream exists, so bytes are never miscounted.
      const grouped = await this.d.exec(
        'UPDATE log_groups SET stored_bytes = stored_bytes + ? WHERE id = ? AND EXISTS (SELECT 1 FROM log_streams WHERE id = ? AND group_id = ?)',
        [c.rawBytes, c.groupId, c.streamId, c.groupId],
      );
      if (grouped.changes === 0) return undefined;
      const { rows } = await this.d.exec<{ first_seq: number }>(
        `UPDATE log_streams SET next_seq = next_seq + ?,
           first_event_time = ${d.least('COALESCE(first_event_time, ?)', '?')},
           last_event_time = ${d.greatest('COALESCE(last_event_time, ?)', '?')},
           last_ingestion_time = ${d.greatest('COALESCE(last_ingestion_time, ?)', '?')}
         WHERE id = ? AND group_id = ? RETURNING next_seq - ? AS first_seq`,
        [c.count, c.minTime, c.minTime, c.maxTime, c.maxTime, c.maxIngestionTime, c.maxIngestionTime, c.streamId, c.groupId, c.count],
      );
      const chunk: NewChunk = { ...c, firstSeq: rows[0]!.first_seq };
      const id = await this.insertChunk(chunk);
      return { ...chunk, id };
    });
  }

  private async insertChunk(c: NewChunk): Promise<number> {
    const { rows } = await this.d.exec<{ id: number }>(CHUNK_INSERT, [
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
      c.compactable ? 1 : 0,
      c.sketch ?? null,
    ]);
    const id = rows[0]!.id;
    await this.bodies.write(id, c.data);
    return id;
  }

  private async lockGroup(groupId: number): Promise<boolean> {
    return (await this.d.exec('UPDATE log_groups SET compaction_epoch = compaction_epoch WHERE id = ?', [groupId])).changes > 0;
  }

  async listChunks(q: ChunkQuery): Promise<ChunkPage> {
    const { where, args, order } = this.chunkQuerySql(q);
    const sql = `SELECT ${CHUNK_COLUMNS} FROM log_chunks WHERE ${where} ORDER BY ${order} LIMIT ?`;
    for (;;) {
      // The epoch is read before the rows: rows newer than the epoch only make the reader list again (always safe),
      // rows older than it could make it miss or repeat events.
      const g = await this.d.get<{ compaction_epoch: number }>('SELECT compaction_epoch FROM log_groups WHERE id = ?', [q.groupId]);
      const rows = await this.d.all<ChunkRow>(sql, [...args, q.limit]);
      const bodies = await this.bodies.read(rows.map((r) => r.id));
      // A chunk merged or expired between the two reads: read the page again.
      if (rows.some((r) => !bodies.has(r.id))) continue;
      return { chunks: rows.map((r) => toChunk(r, bodies.get(r.id)!)), epoch: g?.compaction_epoch ?? -1 };
    }
  }

  async listChunkHeads(q: ChunkQuery): Promise<ChunkHeadPage> {
    const { where, args, order } = this.chunkQuerySql(q);
    // The epoch before the rows, as in listChunks.
    const g = await this.d.get<{ compaction_epoch: number }>('SELECT compaction_epoch FROM log_groups WHERE id = ?', [q.groupId]);
    const rows = await this.d.all<ChunkRow>(`SELECT ${CHUNK_COLUMNS} FROM log_chunks WHERE ${where} ORDER BY ${order} LIMIT ?`, [...args, q.limit]);
    return { chunks: rows.map(toHead), epoch: g?.compaction_epoch ?? -1 };
  }

  async chunkBodies(ids: readonly number[]): Promise<Map<number, Buffer>> {
    return this.bodies.read(ids);
  }

  /** The WHERE clause, its arguments and the ORDER BY of a chunk query. */
  private chunkQuerySql(q: ChunkQuery): { where: string; args: unknown[]; order: string } {
    const where: string[] = [];
    const args: unknown[] = [];
    if (q.streamIds !== undefined && q.streamIds.length === 1) {
      where.push('stream_id = ?');
      args.push(q.streamIds[0]);
    } else {
      where.push('group_id = ?');
      args.push(q.groupId);
      if (q.streamIds !== undefined) {
        where.push(this.d.dialect.inList('stream_id'));
        args.push(this.d.dialect.inListValue(q.streamIds));
      }
    }
    where.push('max_time >= ?', 'min_time <= ?');
    args.push(q.fromTime, q.toTime);
    // Chunks span at most MAX_CHUNK_SPAN_MS, which bounds the scan of the sort column's index from the other side.
    if (q.order === 'asc') {
      where.push('min_time >= ?');
      args.push(q.fromTime - MAX_CHUNK_SPAN_MS);
      if (q.after) {
        where.push('(min_time, id) > (?, ?)');
        args.push(q.after.time, q.after.id);
      }
    } else {
      where.push('max_time <= ?');
      args.push(q.toTime + MAX_CHUNK_SPAN_MS);
      if (q.after) {
        where.push('(max_time, id) < (?, ?)');
        args.push(q.after.time, q.after.id);
      }
    }
    const order = q.order === 'asc' ? 'min_time ASC, id ASC' : 'max_time DESC, id DESC';
    return { where: where.join(' AND '), args, order };
  }

  async compactionCandidates(afterStreamId: number, limit: number): Promise<ChunkRecord[]> {
    const s = await this.d.get<{ stream_id: number }>(
      'SELECT stream_id FROM log_chunks WHERE compactable = 1 AND stream_id > ? GROUP BY stream_id HAVING COUNT(*) >= 2 ORDER BY stream_id LIMIT 1',
      [afterStreamId],
    );
    if (!s) return [];
    const rows = await this.d.all<ChunkRow>(`SELECT ${CHUNK_COLUMNS} FROM log_chunks WHERE stream_id = ? AND compactable = 1 ORDER BY first_seq LIMIT ?`, [
      s.stream_id,
      limit,
    ]);
    const bodies = await this.bodies.read(rows.map((r) => r.id));
    // Chunks gone meanwhile end the run early: the candidates must be consecutive.
    const out: ChunkRecord[] = [];
    for (const r of rows) {
      const body = bodies.get(r.id);
      if (!body) break;
      out.push(toChunk(r, body));
    }
    return out;
  }

  async replaceChunks(oldIds: readonly number[], merged: NewChunk): Promise<boolean> {
    const d = this.d.dialect;
    return this.d.atomic(async () => {
      // Changing the epoch locks the group first; a needless change only makes readers list again.
      if (!(await this.d.exec('UPDATE log_groups SET compaction_epoch = compaction_epoch + 1 WHERE id = ?', [merged.groupId])).changes) return false;
      const gone = await this.d.exec(`DELETE FROM log_chunks WHERE ${d.inList('id')} AND group_id = ?`, [d.inListValue(oldIds), merged.groupId]);
      if (gone.changes !== oldIds.length) throw new ReplaceAborted();
      await this.insertChunk(merged);
      return true;
    }).catch((err: unknown) => {
      if (err instanceof ReplaceAborted) return false;
      throw err;
    });
  }

  async deleteChunksBefore(groupId: number, cutoff: number, limit: number): Promise<number> {
    return this.d.atomic(async () => {
      if (!(await this.lockGroup(groupId))) return 0;
      const { rows } = await this.d.exec<{ raw_bytes: number }>(
        `DELETE FROM log_chunks WHERE id IN (
           SELECT id FROM log_chunks WHERE group_id = ? AND max_time < ? ORDER BY max_time LIMIT ?)
         RETURNING raw_bytes`,
        [groupId, cutoff, limit],
      );
      if (rows.length > 0) {
        const bytes = rows.reduce((n, r) => n + r.raw_bytes, 0);
        await this.d.exec('UPDATE log_groups SET stored_bytes = stored_bytes - ? WHERE id = ?', [bytes, groupId]);
      }
      return rows.length;
    });
  }

  async liveTailStart(groupId: number): Promise<LiveTailStart> {
    // Streams first, then the newest chunk: a chunk committed in between is counted as stored before the session.
    const rows = await this.d.all<{ id: number; next_seq: number }>('SELECT id, next_seq FROM log_streams WHERE group_id = ?', [groupId]);
    const last = await this.d.get<{ id: number | null }>('SELECT MAX(id) AS id FROM log_chunks WHERE group_id = ?', [groupId]);
    return { lastChunkId: Number(last?.id ?? 0), streams: new Map(rows.map((r) => [Number(r.id), Number(r.next_seq)])) };
  }

  async chunksAfter(groupId: number, afterId: number, limit: number): Promise<ChunkRecord[]> {
    for (;;) {
      const rows = await this.d.all<ChunkRow>(`SELECT ${CHUNK_COLUMNS} FROM log_chunks WHERE group_id = ? AND id > ? ORDER BY id LIMIT ?`, [groupId, afterId, limit]);
      const bodies = await this.bodies.read(rows.map((r) => r.id));
      // A chunk merged or expired between the two reads: read again (its replacement has a higher id).
      if (rows.some((r) => !bodies.has(r.id))) continue;
      return rows.map((r) => toChunk(r, bodies.get(r.id)!));
    }
  }

  // --- service keys ----------------------------------------------------------------------------------------------

  async getServiceKey(accountId: string, region: string): Promise<Buffer | undefined> {
    return (await this.d.get<{ sealed: Buffer }>('SELECT sealed FROM log_service_keys WHERE account_id = ? AND region = ?', [accountId, region]))?.sealed;
  }

  async ensureServiceKey(accountId: string, region: string, sealed: Buffer): Promise<Buffer> {
    return this.d.atomic(async () => {
      await this.d.exec('INSERT INTO log_service_keys (account_id, region, sealed) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', [accountId, region, sealed]);
      return (await this.d.get<{ sealed: Buffer }>('SELECT sealed FROM log_service_keys WHERE account_id = ? AND region = ?', [accountId, region]))!.sealed;
    });
  }
}

/** Rolls `replaceChunks` back when one of the chunks it replaces is gone. */
class ReplaceAborted extends Error {}

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

function toChunk(r: ChunkRow, data: Buffer): ChunkRecord {
  return { ...toHead(r), data, compactable: r.compactable === 1 };
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
  if (r.sketch !== null) c.sketch = r.sketch;
  return c;
}
