/**
 * CloudWatch Logs domain types. These are logseal's own shapes, not wire shapes: `src/logs/wire.ts` maps them to the
 * model's `LogGroup`, `LogStream` and event shapes.
 */

export type LogGroupClass = 'STANDARD' | 'INFREQUENT_ACCESS' | 'DELIVERY';

/**
 * The widest time span of one chunk (newest minus oldest event). PutLogEvents refuses batches spanning more and the
 * compactor never merges beyond it, so a read for time T only needs chunks starting after T minus this span.
 */
export const MAX_CHUNK_SPAN_MS = 24 * 60 * 60 * 1000;

/** What CreateLogGroup decides; the store adds the id. */
export interface NewLogGroup {
  accountId: string;
  region: string;
  name: string;
  createdAt: number;
  logGroupClass: LogGroupClass;
  /** The associated customer KMS key (its ARN); absent: data is encrypted under the service-owned key. */
  kmsKeyArn?: string;
  retentionDays?: number;
  deletionProtection: boolean;
  tags: Record<string, string>;
}

/** The parts of a group that name it (enough for ARNs, encryption context and the KMS calling context). */
export type GroupIdentity = Pick<NewLogGroup, 'accountId' | 'region' | 'name'>;

export interface LogGroupRecord extends NewLogGroup {
  /**
   * Surrogate id assigned by the store. A group deleted and created again under the same name gets a new id, so
   * streams and chunks of the old group can never be read through the new one.
   */
  id: number;
  /** Message bytes (UTF-8) of the events stored in the group. */
  storedBytes: number;
}

export interface NewLogStream {
  groupId: number;
  name: string;
  createdAt: number;
}

export interface LogStreamRecord extends NewLogStream {
  id: number;
  firstEventTime?: number;
  lastEventTime?: number;
  lastIngestionTime?: number;
  /** Events ever stored in the stream; the next chunk's first sequence number. */
  nextSeq: number;
}

/**
 * One stored batch of events: compressed, encrypted, with the index fields reads use to skip it. Events of a chunk
 * are ordered by (timestamp, sequence number); each event's sequence number is `firstSeq` plus the delta stored
 * beside it inside the encrypted payload.
 */
export interface NewChunk {
  groupId: number;
  streamId: number;
  firstSeq: number;
  count: number;
  minTime: number;
  maxTime: number;
  maxIngestionTime: number;
  /** UTF-8 bytes of the messages (what `storedBytes` counts). */
  rawBytes: number;
  /** The customer key whose data key encrypts the chunk; absent: the service-owned key. */
  keyArn?: string;
  /** The data key, wrapped by KMS (customer key) or by the service key. Never the plaintext key. */
  wrappedKey: Buffer;
  /** `version | compression | plaintext size | iv | ciphertext | tag` (see `src/logs/chunks.ts`). */
  data: Buffer;
  /** Small enough that the background compactor should merge it with its neighbours. */
  compactable: boolean;
  /**
   * The chunk's sealed trigram sketch (`src/logs/sketch.ts`): whether its text may hold a term, opened without the
   * body. Absent for chunks written before sketches (they are always read).
   */
  sketch?: Buffer;
}

export interface ChunkRecord extends NewChunk {
  id: number;
}

/** A chunk's index row and sketch, without its body: what a scan reads before deciding to read the body. */
export type ChunkHead = Omit<ChunkRecord, 'data' | 'compactable'>;

/** A page of chunk heads, with the group's compaction epoch (see ChunkPage). */
export interface ChunkHeadPage {
  chunks: ChunkHead[];
  epoch: number;
}

/** Which chunks a read needs: those overlapping `[fromTime, toTime]`, in the order the read consumes them. */
export interface ChunkQuery {
  groupId: number;
  /** Only these streams (all streams of the group when absent). */
  streamIds?: readonly number[];
  fromTime: number;
  toTime: number;
  /** `asc`: by (minTime, id); `desc`: by (maxTime, id) descending. */
  order: 'asc' | 'desc';
  /** Continue after this chunk (its sort time and id), exclusive. */
  after?: { time: number; id: number };
  limit: number;
}

/** A page of chunks, with the group's compaction epoch as of the same snapshot. */
export interface ChunkPage {
  chunks: ChunkRecord[];
  /**
   * Changes whenever the compactor replaces chunks of the group. A reader that lists chunks page by page compares it
   * across pages: if it changed, chunks it has not reached yet may have moved into merged chunks sorted earlier.
   */
  epoch: number;
}

export interface StreamListQuery {
  prefix?: string;
  orderBy: 'LogStreamName' | 'LastEventTime';
  descending: boolean;
  limit: number;
  /** Position from a previous page's `next`. */
  after?: string;
}

export interface GroupListQuery {
  prefix?: string;
  /** Case-sensitive substring of the name. */
  pattern?: string;
  logGroupClass?: LogGroupClass;
  /** Only these names. */
  names?: readonly string[];
  limit: number;
  after?: string;
}
