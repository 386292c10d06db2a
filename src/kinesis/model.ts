/** Kinesis Data Streams as stored: a stream's settings and its sealed records. */

export type StreamMode = 'PROVISIONED' | 'ON_DEMAND';

/** A stream's settings, kept as one JSON document (`doc`) beside its indexed columns. */
export interface StreamSettings {
  mode: StreamMode;
  /** Shards of the stream, created with it; shard i owns the i-th equal slice of the 128-bit hash key space. */
  shardCount: number;
  retentionHours: number;
  encryptionType: 'NONE' | 'KMS';
  /** The KeyId the caller gave to StartStreamEncryption (an ARN, alias name or key id), as DescribeStream shows it. */
  keyId?: string;
  tags: Record<string, string>;
}

export interface StreamRecord {
  id: number;
  accountId: string;
  region: string;
  name: string;
  settings: StreamSettings;
  /** The next sequence counter value (stream-wide, shared by its shards). */
  nextSeq: number;
  createdAt: number;
}

export interface NewStream {
  accountId: string;
  region: string;
  name: string;
  settings: StreamSettings;
  createdAt: number;
}

/** One stored record: partition key and data sealed together (`data`), under the keyring or a KMS data key. */
export interface StoredRecord {
  streamId: number;
  shard: number;
  seq: number;
  arrival: number;
  /** The customer key whose data key sealed the record; undefined when sealed under the keyring. */
  keyArn?: string;
  wrappedKey?: Buffer;
  data: Buffer;
}

/** Streams and records; one interface, one shared SQL implementation for SQLite and PostgreSQL. */
export interface KinesisStore {
  /** Inserts the stream; undefined when one of that name exists in the account and region. */
  createStream(s: NewStream): Promise<StreamRecord | undefined>;
  getStream(accountId: string, region: string, name: string): Promise<StreamRecord | undefined>;
  getStreamById(id: number): Promise<StreamRecord | undefined>;
  /** Streams by name, after `afterName`, at most `limit`. */
  listStreams(accountId: string, region: string, afterName: string | undefined, limit: number): Promise<StreamRecord[]>;
  putSettings(id: number, settings: StreamSettings): Promise<void>;
  /** Removes the stream and its records. */
  deleteStream(id: number): Promise<boolean>;
  /** Reserves `n` consecutive sequence counter values; the first, or undefined when the stream is gone. */
  reserveSeqs(id: number, n: number): Promise<number | undefined>;
  putRecords(records: readonly StoredRecord[]): Promise<void>;
  /** A shard's records with seq >= fromSeq, in order, at most `limit`. */
  readRecords(streamId: number, shard: number, fromSeq: number, limit: number): Promise<StoredRecord[]>;
  /** The seq of the shard's first record that arrived at or after `time`. */
  firstSeqAt(streamId: number, shard: number, time: number): Promise<number | undefined>;
  /** Deletes up to `limit` records of the stream older than `before`; how many. */
  deleteRecordsBefore(streamId: number, before: number, limit: number): Promise<number>;
  /** Every stream (any account), after `afterId`, for the retention task. */
  streamsAfter(afterId: number, limit: number): Promise<StreamRecord[]>;
}
