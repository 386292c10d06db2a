/** CloudWatch Logs subscription filters, destinations and the delivery outbox, as stored. */

export interface SubscriptionFilterRecord {
  groupId: number;
  accountId: string;
  region: string;
  groupName: string;
  filterName: string;
  filterPattern: string;
  destinationArn: string;
  roleArn?: string;
  distribution: 'Random' | 'ByLogStream';
  applyOnTransformedLogs: boolean;
  createdAt: number;
}

export interface DestinationRecord {
  accountId: string;
  region: string;
  name: string;
  targetArn: string;
  roleArn: string;
  accessPolicy?: string;
  createdAt: number;
}

/** Events of one stored chunk (a stream's sequence range) to deliver to the group's subscription filters. */
export interface OutboxEntry {
  id: number;
  groupId: number;
  streamId: number;
  firstSeq: number;
  count: number;
  /** The chunk as stored: encrypted under its data key (wrapped by `keyArn`, or the service-owned key). */
  keyArn?: string;
  wrappedKey: Buffer;
  data: Buffer;
  createdAt: number;
  attempts: number;
}

/** The stored chunk an outbox entry copies. */
export interface OwedChunk {
  groupId: number;
  streamId: number;
  firstSeq: number;
  count: number;
  keyArn?: string;
  wrappedKey: Buffer;
  data: Buffer;
}

export interface LogSubscriptionStore {
  /** Inserts or replaces the filter (by group and name). */
  putFilter(f: SubscriptionFilterRecord): Promise<void>;
  filtersOfGroup(groupId: number): Promise<SubscriptionFilterRecord[]>;
  deleteFilter(groupId: number, filterName: string): Promise<boolean>;
  putDestination(d: DestinationRecord): Promise<void>;
  getDestination(accountId: string, region: string, name: string): Promise<DestinationRecord | undefined>;
  /** Destinations by name: those starting with `prefix`, after `afterName`, at most `limit`. */
  listDestinations(accountId: string, region: string, prefix: string | undefined, afterName: string | undefined, limit: number): Promise<DestinationRecord[]>;
  deleteDestination(accountId: string, region: string, name: string): Promise<boolean>;
  /**
   * Records a stored chunk for delivery when its group has a subscription filter (nothing otherwise). Called in the
   * transaction that stores the chunk, so a delivery is owed exactly when the events are committed.
   */
  enqueue(chunk: OwedChunk, now: number): Promise<void>;
  /** Entries due at `now`, oldest first. */
  dueEntries(now: number, limit: number): Promise<OutboxEntry[]>;
  /** Removes an entry; false when it was already gone (another run delivered it). */
  complete(id: number): Promise<boolean>;
  postpone(id: number, nextAt: number): Promise<void>;
}
