import type { KinesisStore, NewStream, StoredRecord, StreamRecord, StreamSettings } from '../../kinesis/model.js';
import type { SqlDriver } from './driver.js';

interface StreamRow {
  id: number;
  account_id: string;
  region: string;
  name: string;
  doc: string;
  next_seq: number;
  created_at: number;
}

interface RecordRow {
  stream_id: number;
  shard: number;
  seq: number;
  arrival: number;
  key_arn: string | null;
  wrapped_key: Buffer | null;
  data: Buffer;
}

function toStream(r: StreamRow): StreamRecord {
  return {
    id: Number(r.id),
    accountId: r.account_id,
    region: r.region,
    name: r.name,
    settings: JSON.parse(r.doc) as StreamSettings,
    nextSeq: Number(r.next_seq),
    createdAt: Number(r.created_at),
  };
}

function toRecord(r: RecordRow): StoredRecord {
  const rec: StoredRecord = { streamId: Number(r.stream_id), shard: Number(r.shard), seq: Number(r.seq), arrival: Number(r.arrival), data: r.data };
  if (r.key_arn !== null) rec.keyArn = r.key_arn;
  if (r.wrapped_key !== null) rec.wrappedKey = r.wrapped_key;
  return rec;
}

/** Kinesis streams and sealed records, written once for both adapters (see `driver.ts`). */
export class SqlKinesisStore implements KinesisStore {
  constructor(private readonly d: SqlDriver) {}

  async createStream(s: NewStream): Promise<StreamRecord | undefined> {
    const r = await this.d.exec<StreamRow>(
      `INSERT INTO kinesis_streams (account_id, region, name, doc, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (account_id, region, name) DO NOTHING RETURNING *`,
      [s.accountId, s.region, s.name, JSON.stringify(s.settings), s.createdAt],
    );
    return r.rows[0] ? toStream(r.rows[0]) : undefined;
  }

  async getStream(accountId: string, region: string, name: string): Promise<StreamRecord | undefined> {
    const r = await this.d.get<StreamRow>('SELECT * FROM kinesis_streams WHERE account_id = ? AND region = ? AND name = ?', [accountId, region, name]);
    return r ? toStream(r) : undefined;
  }

  async getStreamById(id: number): Promise<StreamRecord | undefined> {
    const r = await this.d.get<StreamRow>('SELECT * FROM kinesis_streams WHERE id = ?', [id]);
    return r ? toStream(r) : undefined;
  }

  async listStreams(accountId: string, region: string, afterName: string | undefined, limit: number): Promise<StreamRecord[]> {
    const rows = await this.d.all<StreamRow>(
      'SELECT * FROM kinesis_streams WHERE account_id = ? AND region = ? AND name > ? ORDER BY name LIMIT ?',
      [accountId, region, afterName ?? '', limit],
    );
    return rows.map(toStream);
  }

  async putSettings(id: number, settings: StreamSettings): Promise<void> {
    await this.d.exec('UPDATE kinesis_streams SET doc = ? WHERE id = ?', [JSON.stringify(settings), id]);
  }

  async deleteStream(id: number): Promise<boolean> {
    return this.d.atomic(async () => {
      await this.d.exec('DELETE FROM kinesis_records WHERE stream_id = ?', [id]);
      return (await this.d.exec('DELETE FROM kinesis_streams WHERE id = ?', [id])).changes > 0;
    });
  }

  async reserveSeqs(id: number, n: number): Promise<number | undefined> {
    const r = await this.d.exec<{ next_seq: number }>('UPDATE kinesis_streams SET next_seq = next_seq + ? WHERE id = ? RETURNING next_seq', [n, id]);
    return r.rows[0] ? Number(r.rows[0].next_seq) - n : undefined;
  }

  async putRecords(records: readonly StoredRecord[]): Promise<void> {
    await this.d.atomic(async () => {
      for (const r of records) {
        await this.d.exec('INSERT INTO kinesis_records (stream_id, shard, seq, arrival, key_arn, wrapped_key, data) VALUES (?, ?, ?, ?, ?, ?, ?)', [
          r.streamId,
          r.shard,
          r.seq,
          r.arrival,
          r.keyArn ?? null,
          r.wrappedKey ?? null,
          r.data,
        ]);
      }
    });
  }

  async readRecords(streamId: number, shard: number, fromSeq: number, limit: number): Promise<StoredRecord[]> {
    const rows = await this.d.all<RecordRow>('SELECT * FROM kinesis_records WHERE stream_id = ? AND shard = ? AND seq >= ? ORDER BY seq LIMIT ?', [
      streamId,
      shard,
      fromSeq,
      limit,
    ]);
    return rows.map(toRecord);
  }

  async firstSeqAt(streamId: number, shard: number, time: number): Promise<number | undefined> {
    const r = await this.d.get<{ seq: number }>('SELECT seq FROM kinesis_records WHERE stream_id = ? AND shard = ? AND arrival >= ? ORDER BY seq LIMIT 1', [
      streamId,
      shard,
      time,
    ]);
    return r ? Number(r.seq) : undefined;
  }

  async deleteRecordsBefore(streamId: number, before: number, limit: number): Promise<number> {
    const r = await this.d.exec(
      `DELETE FROM kinesis_records WHERE stream_id = ? AND (shard, seq) IN
         (SELECT shard, seq FROM kinesis_records WHERE stream_id = ? AND arrival < ? LIMIT ?)`,
      [streamId, streamId, before, limit],
    );
    return r.changes;
  }

  async streamsAfter(afterId: number, limit: number): Promise<StreamRecord[]> {
    const rows = await this.d.all<StreamRow>('SELECT * FROM kinesis_streams WHERE id > ? ORDER BY id LIMIT ?', [afterId, limit]);
    return rows.map(toStream);
  }
}
