/**
 * The storage interface the domain code uses. No SQL lives outside `src/store/`. Every method is async so that a
 * PostgreSQL adapter can implement the same interface; the SQLite adapter answers synchronously underneath.
 *
 * Transactions: `store.transaction(fn)` runs `fn` in one transaction. Inside it, every area method of the same store
 * joins that transaction (the adapter tracks it with AsyncLocalStorage), so domain code never passes a handle around.
 */

import type { AliasRecord, GrantRecord, ImportParametersRecord, KeyMaterialRecord, KmsKey } from '../kms/model.js';
import type { EntityKind, IamGroup, IamRole, IamUser, InlinePolicy, ManagedPolicy, PolicyVersion, SessionRecord } from '../iam/model.js';
import type {
  ChunkHeadPage,
  ChunkPage,
  ChunkQuery,
  ChunkRecord,
  GroupListQuery,
  LogGroupRecord,
  LogStreamRecord,
  NewChunk,
  NewLogGroup,
  NewLogStream,
  StreamListQuery,
} from '../logs/model.js';
import type { KinesisStore } from '../kinesis/model.js';
import type { LogSubscriptionStore } from '../logs/subscriptions/model.js';
import type { DetectorListQuery, DetectorRecord, NewDetector, SealedState } from '../anomaly/service/model.js';
import type { DefinitionListQuery, MetricFilterRecord, QueryDefinitionRecord, QueryListQuery, QueryRecord, SealedResults } from '../insights/model.js';

export interface AccountRecord {
  accountId: string;
  createdAt: number;
}

export type AccessKeyStatus = 'Active' | 'Inactive';

export interface AccessKeyRecord {
  accessKeyId: string;
  accountId: string;
  /** Whose key it is: the account root (`arn:aws:iam::A:root`) or an IAM user's ARN. */
  principalArn: string;
  /** The owner's unique id: the account id for the root, `AIDA…` for a user. */
  principalId: string;
  status: AccessKeyStatus;
  createdAt: number;
  /** The secret access key, sealed under the keyring (never stored in plaintext). */
  sealedSecret: Buffer;
}

export interface AccountStore {
  createAccount(account: AccountRecord): Promise<void>;
  getAccount(accountId: string): Promise<AccountRecord | undefined>;
  listAccounts(): Promise<AccountRecord[]>;
  putAccessKey(key: AccessKeyRecord): Promise<void>;
  getAccessKey(accessKeyId: string): Promise<AccessKeyRecord | undefined>;
  listAccessKeys(accountId: string, principalArn?: string): Promise<AccessKeyRecord[]>;
  setAccessKeyStatus(accessKeyId: string, status: AccessKeyStatus): Promise<boolean>;
  deleteAccessKey(accessKeyId: string): Promise<boolean>;
}

/** Small named values the server itself keeps (the sealed keyring, settings). */
export interface MetaStore {
  get(name: string): Promise<Buffer | undefined>;
  put(name: string, value: Buffer): Promise<void>;
  /** Stores the value unless the name has one already; true when this call stored it. */
  insert(name: string, value: Buffer): Promise<boolean>;
}

export interface Page<T> {
  items: T[];
  /** Set when there are more: pass it back as `after` to continue. */
  next?: string;
}

/** KMS keys, their sealed material, aliases, grants and pending import parameters. */
export interface KmsStore {
  getKey(accountId: string, region: string, keyId: string): Promise<KmsKey | undefined>;
  /** Inserts or replaces the key. */
  putKey(key: KmsKey): Promise<void>;
  /** Removes the key with its material, aliases, grants and import parameters. */
  deleteKey(accountId: string, region: string, keyId: string): Promise<void>;
  listKeys(accountId: string, region: string, limit: number, after?: string): Promise<Page<KmsKey>>;
  /**
   * Keys with scheduled work at or before `now` (any account and region): deletion, automatic rotation of an enabled
   * key, expiry of imported material (see `keyDueAt`).
   */
  keysDue(now: number, limit: number): Promise<KmsKey[]>;

  putMaterial(m: KeyMaterialRecord): Promise<void>;
  getMaterial(accountId: string, region: string, keyId: string, materialId: string): Promise<KeyMaterialRecord | undefined>;
  /** A key's material, oldest first; material created in the same millisecond stays in the order it was stored. */
  listMaterials(accountId: string, region: string, keyId: string): Promise<KeyMaterialRecord[]>;
  deleteMaterials(accountId: string, region: string, keyId: string): Promise<void>;

  putAlias(a: AliasRecord): Promise<void>;
  getAlias(accountId: string, region: string, aliasName: string): Promise<AliasRecord | undefined>;
  deleteAlias(accountId: string, region: string, aliasName: string): Promise<boolean>;
  /** Aliases ordered by name; with `keyId`, only that key's. */
  listAliases(accountId: string, region: string, limit: number, after?: string, keyId?: string): Promise<Page<AliasRecord>>;

  putGrant(g: GrantRecord): Promise<void>;
  getGrant(accountId: string, region: string, keyId: string, grantId: string): Promise<GrantRecord | undefined>;
  findGrant(grantId: string): Promise<GrantRecord | undefined>;
  deleteGrant(grantId: string): Promise<boolean>;
  /** A key's grants ordered by creation. */
  listGrants(accountId: string, region: string, keyId: string): Promise<GrantRecord[]>;
  /** Grants (any key, this region) whose retiring principal is `principal`. */
  listRetirableGrants(region: string, principal: string): Promise<GrantRecord[]>;

  putImportParameters(p: ImportParametersRecord): Promise<void>;
  getImportParameters(accountId: string, region: string, keyId: string): Promise<ImportParametersRecord | undefined>;
  deleteImportParameters(accountId: string, region: string, keyId: string): Promise<void>;
}

/**
 * CloudWatch Logs: log groups, streams, the sealed service keys, and the index of encrypted event chunks. Events are
 * never stored one per row: each chunk holds a whole batch.
 */
/** See LogStore.liveTailStart. */
export interface LiveTailStart {
  lastChunkId: number;
  /** Stream id → next sequence number. */
  streams: Map<number, number>;
}

export interface LogStore {
  /** Inserts the group and returns it with its new id; undefined when (account, region, name) exists. */
  createGroup(g: NewLogGroup): Promise<LogGroupRecord | undefined>;
  getGroup(accountId: string, region: string, name: string): Promise<LogGroupRecord | undefined>;
  getGroupById(id: number): Promise<LogGroupRecord | undefined>;
  /** How many log groups an account has in a region (for the quota). */
  countGroups(accountId: string, region: string): Promise<number>;
  /** Writes the group's settings (class, key, retention, protection, tags); ids and counters are kept. */
  updateGroup(g: LogGroupRecord): Promise<void>;
  /** Removes the group with all its streams and chunks. */
  deleteGroup(groupId: number): Promise<void>;
  /** Groups of one account and region ordered by name; `next` is a name to pass back as `after`. */
  listGroups(accountId: string, region: string, q: GroupListQuery): Promise<Page<LogGroupRecord>>;
  /** Groups (any account or region) that have a retention policy, ordered by id, after `afterId`. */
  groupsWithRetention(afterId: number, limit: number): Promise<LogGroupRecord[]>;

  /** Inserts the stream; undefined when the group already has a stream of that name. */
  createStream(s: NewLogStream): Promise<LogStreamRecord | undefined>;
  getStream(groupId: number, name: string): Promise<LogStreamRecord | undefined>;
  /** Streams of a group by id (unknown ids are left out). */
  getStreamsById(groupId: number, ids: readonly number[]): Promise<LogStreamRecord[]>;
  /** Removes the stream with its chunks. */
  deleteStream(streamId: number): Promise<void>;
  listStreams(groupId: number, q: StreamListQuery): Promise<Page<LogStreamRecord>>;
  /** Ids of the group's streams whose name starts with `prefix`, at most `limit` + 1 of them. */
  streamIdsByPrefix(groupId: number, prefix: string, limit: number): Promise<number[]>;

  /**
   * Stores a chunk as the stream's newest: its `firstSeq` is the stream's `nextSeq`, which advances by the chunk's
   * count; the stream's first/last event and ingestion times and the group's stored bytes follow. Undefined, with
   * nothing written, when the stream (or its group) no longer exists.
   */
  appendChunk(c: Omit<NewChunk, 'firstSeq'>): Promise<ChunkRecord | undefined>;
  /** Chunks (with their data) overlapping the query's time range, in the query's order, and the group's epoch. */
  listChunks(q: ChunkQuery): Promise<ChunkPage>;
  /**
   * The same chunks as `listChunks`, without their bodies (with their sketches): a scan opens the sketches first and
   * then reads only the bodies it needs with `chunkBodies`.
   */
  listChunkHeads(q: ChunkQuery): Promise<ChunkHeadPage>;
  /** The bodies of those chunks that still exist, by id (a chunk merged or expired meanwhile is absent). */
  chunkBodies(ids: readonly number[]): Promise<Map<number, Buffer>>;
  /**
   * Up to `limit` compactable chunks, in sequence order, of the first stream after `afterStreamId` (by id) that has
   * at least two; empty when there is none.
   */
  compactionCandidates(afterStreamId: number, limit: number): Promise<ChunkRecord[]>;
  /**
   * Replaces `oldIds` (chunks of one group) by `merged` atomically and changes the group's compaction epoch; false
   * (and nothing changed) when one of them is already gone, e.g. deleted by retention or with its stream.
   */
  replaceChunks(oldIds: readonly number[], merged: NewChunk): Promise<boolean>;
  /** Deletes up to `limit` chunks of the group whose newest event is older than `cutoff`; returns how many. */
  deleteChunksBefore(groupId: number, cutoff: number, limit: number): Promise<number>;
  /**
   * Where a Live Tail session starts: the group's newest chunk id (0 when it has none) and each stream's next sequence
   * number (events already stored have lower ones).
   */
  liveTailStart(groupId: number): Promise<LiveTailStart>;
  /**
   * Up to `limit` chunks (with their data) of the group whose id is above `afterId`, by id. A group's chunks become
   * visible in id order: every insert of one (append or compaction) first locks the group's row, so a reader that
   * has seen id N never sees a smaller id appear later. Compaction's merged chunks come with new ids and old events.
   */
  chunksAfter(groupId: number, afterId: number, limit: number): Promise<ChunkRecord[]>;

  /** The sealed service key of (account, region), if one was made. */
  getServiceKey(accountId: string, region: string): Promise<Buffer | undefined>;
  /** Stores `sealed` unless a key exists already; returns the key that is stored now. */
  ensureServiceKey(accountId: string, region: string, sealed: Buffer): Promise<Buffer>;
}

/**
 * A CloudWatch Logs policy document of one type: a log group's own (target `group:<id>`) or one of the account's in a
 * region (target `account`), e.g. data protection policies.
 */
export interface LogPolicyRecord {
  accountId: string;
  region: string;
  /** `group:<log group id>` or `account`. */
  target: string;
  /** `DATA_PROTECTION_POLICY`, … */
  policyType: string;
  policyName: string;
  document: string;
  /** Account policies: `ALL`. */
  scope?: string;
  selectionCriteria?: string;
  /** When the first policy of this target, type and name was put (what it applies from). */
  createdAt: number;
  updatedAt: number;
}

/** CloudWatch Logs' policies of log groups and accounts. */
export interface LogPolicyStore {
  /** Inserts or replaces the policy of (account, region, target, type, name); a replaced one keeps its `createdAt`. */
  putPolicy(p: LogPolicyRecord): Promise<LogPolicyRecord>;
  /** Policies of a target and type, by name. */
  listPolicies(accountId: string, region: string, target: string, policyType: string): Promise<LogPolicyRecord[]>;
  /** Deletes one policy (with `policyName`) or every policy of the target and type; returns how many. */
  deletePolicies(accountId: string, region: string, target: string, policyType: string, policyName?: string): Promise<number>;
  /** Deletes every policy of a target (a deleted log group's). */
  deleteTarget(accountId: string, region: string, target: string): Promise<void>;
}

/**
 * A CloudWatch Logs resource policy: one of the account's (scope `ACCOUNT`, keyed by its name, at most 10 per account
 * and region) or a log group's own (scope `RESOURCE`, keyed by the group's ARN, at most one per group, versioned by
 * `revisionId`). A group's policy goes with the group (`groupId`).
 */
export interface LogResourcePolicyRecord {
  accountId: string;
  region: string;
  scope: 'ACCOUNT' | 'RESOURCE';
  /** ACCOUNT: the policy name; RESOURCE: the log group's ARN (without `:*`). */
  key: string;
  /** RESOURCE: the log group's id. */
  groupId?: number;
  document: string;
  /** RESOURCE: the revision a conditional put or delete must name. */
  revisionId?: string;
  updatedAt: number;
}

/** CloudWatch Logs resource policies (PutResourcePolicy). */
export interface LogResourcePolicyStore {
  get(accountId: string, region: string, scope: LogResourcePolicyRecord['scope'], key: string): Promise<LogResourcePolicyRecord | undefined>;
  /** Policies of a scope ordered by key, after `after` when given, at most `limit`. */
  list(accountId: string, region: string, scope: LogResourcePolicyRecord['scope'], limit: number, after?: string): Promise<LogResourcePolicyRecord[]>;
  count(accountId: string, region: string, scope: LogResourcePolicyRecord['scope']): Promise<number>;
  /** The account's policies and the policy of the log group `groupArn`, if any: what decides a write to that group. */
  forGroup(accountId: string, region: string, groupArn: string): Promise<LogResourcePolicyRecord[]>;
  /**
   * Stores `p` if the policy's current revision is `expectedRevisionId` (undefined: there is no policy yet); returns
   * false, changing nothing, otherwise. Account policies (no revisions) are inserted or replaced unconditionally.
   */
  put(p: LogResourcePolicyRecord, expectedRevisionId?: string): Promise<boolean>;
  /** Deletes the policy (only at `expectedRevisionId` when given); returns whether one was deleted. */
  delete(accountId: string, region: string, scope: LogResourcePolicyRecord['scope'], key: string, expectedRevisionId?: string): Promise<boolean>;
}

/** Listing options shared by IAM's paginated lists: entries come ordered by name, ignoring case. */
export interface IamListOptions {
  /** Only entities whose path starts with this. */
  pathPrefix?: string;
  limit: number;
  /** The `next` of the previous page. */
  after?: string;
}

/**
 * IAM users, groups, roles, policies and STS sessions. IAM is global: everything is per account, never per region.
 * Names are unique within an account regardless of case, and lookups by name ignore case, as in IAM. Every write
 * (sessions aside) changes the account's `revision`, which caches of effective policies compare against.
 */
export interface IamStore {
  revision(accountId: string): Promise<number>;

  /** Inserts or replaces the user (by id); a renamed user's access keys follow it to its new ARN. */
  putUser(user: IamUser): Promise<void>;
  getUser(accountId: string, userName: string): Promise<IamUser | undefined>;
  getUserById(accountId: string, userId: string): Promise<IamUser | undefined>;
  listUsers(accountId: string, opts: IamListOptions): Promise<Page<IamUser>>;
  /** Removes the user with its group memberships, inline policies and attachments. */
  deleteUser(accountId: string, userId: string): Promise<void>;

  putGroup(group: IamGroup): Promise<void>;
  getGroup(accountId: string, groupName: string): Promise<IamGroup | undefined>;
  listGroups(accountId: string, opts: IamListOptions): Promise<Page<IamGroup>>;
  deleteGroup(accountId: string, groupId: string): Promise<void>;
  /** Adding a member twice is not an error. */
  addGroupMember(accountId: string, groupId: string, userId: string): Promise<void>;
  removeGroupMember(accountId: string, groupId: string, userId: string): Promise<boolean>;
  groupsOfUser(accountId: string, userId: string): Promise<IamGroup[]>;
  groupMembers(accountId: string, groupId: string, opts: IamListOptions): Promise<Page<IamUser>>;

  putRole(role: IamRole): Promise<void>;
  getRole(accountId: string, roleName: string): Promise<IamRole | undefined>;
  getRoleById(accountId: string, roleId: string): Promise<IamRole | undefined>;
  listRoles(accountId: string, opts: IamListOptions): Promise<Page<IamRole>>;
  deleteRole(accountId: string, roleId: string): Promise<void>;

  /**
   * Every user and role of every account, by ARN and unique id (`AIDA…`, `AROA…`), to answer without I/O whether a
   * principal exists and which id a policy naming it binds to.
   */
  principals(): Promise<{ arn: string; id: string }[]>;

  putInlinePolicy(p: InlinePolicy): Promise<void>;
  getInlinePolicy(accountId: string, kind: EntityKind, ownerId: string, policyName: string): Promise<InlinePolicy | undefined>;
  /** Ordered by policy name. */
  listInlinePolicies(accountId: string, kind: EntityKind, ownerId: string): Promise<InlinePolicy[]>;
  deleteInlinePolicy(accountId: string, kind: EntityKind, ownerId: string, policyName: string): Promise<boolean>;

  /** Inserts or replaces the policy (by ARN). */
  putPolicy(p: ManagedPolicy): Promise<void>;
  getPolicy(accountId: string, arn: string): Promise<ManagedPolicy | undefined>;
  getPolicyByName(accountId: string, policyName: string): Promise<ManagedPolicy | undefined>;
  listPolicies(accountId: string, opts: IamListOptions & { onlyAttached?: boolean }): Promise<Page<ManagedPolicy>>;
  /** Removes the policy with all its versions. */
  deletePolicy(accountId: string, arn: string): Promise<void>;
  putPolicyVersion(v: PolicyVersion): Promise<void>;
  getPolicyVersion(accountId: string, arn: string, versionId: string): Promise<PolicyVersion | undefined>;
  /** Newest first. */
  listPolicyVersions(accountId: string, arn: string): Promise<PolicyVersion[]>;
  deletePolicyVersion(accountId: string, arn: string, versionId: string): Promise<boolean>;

  /** Attaching twice is not an error. */
  attachPolicy(accountId: string, kind: EntityKind, ownerId: string, policyArn: string): Promise<void>;
  detachPolicy(accountId: string, kind: EntityKind, ownerId: string, policyArn: string): Promise<boolean>;
  /** ARNs of the managed policies attached to the entity, in the order they were attached. */
  attachedPolicies(accountId: string, kind: EntityKind, ownerId: string): Promise<string[]>;
  attachmentCount(accountId: string, policyArn: string): Promise<number>;

  putSession(s: SessionRecord): Promise<void>;
  getSession(accessKeyId: string): Promise<SessionRecord | undefined>;
  /** Removes sessions that expired before `time`; returns how many. */
  deleteSessionsExpiredBefore(time: number): Promise<number>;
}

/**
 * CloudWatch Logs anomaly detectors: plaintext settings and progress, and the engine state sealed under a data key
 * (never stored in plaintext). Every write names the revision it read and fails, changing nothing, when the detector
 * changed (or went) since: the scheduler and the operations never overwrite each other's work.
 */
export interface AnomalyStore {
  /** Inserts the detector with its sealed state; returns it with its `seq` and first revision. */
  createDetector(d: NewDetector, state: SealedState): Promise<DetectorRecord>;
  getDetector(accountId: string, region: string, detectorId: string): Promise<DetectorRecord | undefined>;
  /** The detector and its sealed state, read together. */
  getSealed(accountId: string, region: string, detectorId: string): Promise<{ detector: DetectorRecord; state: SealedState } | undefined>;
  /** Detectors of one account and region in creation order; `next` is a `seq` to pass back as `afterSeq`. */
  listDetectors(accountId: string, region: string, q: DetectorListQuery): Promise<Page<DetectorRecord>>;
  /**
   * Writes the detector's settings and progress, and its sealed state when given, if it is still at `d.revision`.
   * Returns the detector as written (with its new revision), or undefined when it changed or was deleted meanwhile.
   */
  updateDetector(d: DetectorRecord, state?: SealedState): Promise<DetectorRecord | undefined>;
  /** Removes the detector with its state; false when there was none. */
  deleteDetector(accountId: string, region: string, detectorId: string): Promise<boolean>;
  /** Detectors (any account or region) whose `progress.nextRunAt` is at or before `now`, by `seq` after `afterSeq`. */
  detectorsDue(now: number, limit: number, afterSeq?: number): Promise<DetectorRecord[]>;
}

export interface TransactionOptions {
  /**
   * `serializable` (the default) makes concurrent transactions of several instances behave as if run one after the
   * other (PostgreSQL retries the loser). `read-committed` is for writes that are safe without it (appending chunks:
   * every statement locks what it changes), so that contending instances wait rather than retry.
   */
  isolation?: 'serializable' | 'read-committed';
}

export interface StoreHealth {
  ok: boolean;
  kind: 'sqlite' | 'postgres';
  /** Why it is not ok (never a secret). */
  detail?: string;
  /** Whether this instance runs the scheduled jobs now. */
  leader: boolean;
}

/**
 * What several instances sharing one database agree on. SQLite serves one process, which always leads; PostgreSQL
 * elects one leader with a session advisory lock, released when the leader stops or its connection dies.
 */
export interface Coordination {
  /** Takes (or keeps) the leadership when it is free; whether this instance holds it now. */
  lead(): Promise<boolean>;
  /** Whether this instance held the leadership at the last check (no I/O). */
  isLeader(): boolean;
  /** Gives the leadership up (on shutdown), so another instance takes over at once. */
  resign(): Promise<void>;
  /** Checks the database connection. */
  health(): Promise<StoreHealth>;
}

/**
 * Tells a process that another process sharing its SQLite file changed something it may hold in memory (access keys,
 * KMS keys, material, aliases, grants, IAM users and roles). A cached copy stored at epoch `e` is good while
 * `current()` is still `e`. PostgreSQL stores have none (their caches are bounded in time instead, ADR 0014).
 */
export interface ChangeFeed {
  /** The database's change counter now (one indexed read, at most once per microtask checkpoint). */
  current(): number;
  /** Called (after `current()` has seen a new value) with the new value. */
  onChange(listener: (epoch: number) => void): void;
}

/**
 * CloudWatch Logs Insights: queries with their results (sealed, never stored in plaintext), saved query definitions,
 * the key associated with query results of an account and region, and metric filters (they share the pattern
 * languages; a group's filters go with the group).
 */
export interface MetricFilterListQuery {
  groupId?: number;
  prefix?: string;
  metricName?: string;
  metricNamespace?: string;
  limit: number;
  after?: string;
}

export interface InsightsStore {
  putQuery(q: QueryRecord): Promise<void>;
  /** Writes the query's state and statistics, and its sealed results when given. */
  updateQuery(q: QueryRecord, results?: SealedResults): Promise<void>;
  getQuery(accountId: string, region: string, queryId: string): Promise<QueryRecord | undefined>;
  getResults(accountId: string, region: string, queryId: string): Promise<SealedResults | undefined>;
  /** Queries of one account and region, newest first; `next` is passed back as `after`. */
  listQueries(accountId: string, region: string, q: QueryListQuery): Promise<Page<QueryRecord>>;
  /** Deletes up to `limit` queries (any account) that expired at or before `now`; returns how many. */
  deleteExpiredQueries(now: number, limit: number): Promise<number>;
  /** Marks queries left Scheduled or Running (by a server that stopped) as Failed; returns how many. */
  failUnfinishedQueries(error: string): Promise<number>;
  /**
   * Queries of an account and region Scheduled or Running (on any instance) that started after `since` (ms); what
   * the concurrency quota counts.
   */
  countActiveQueries(accountId: string, region: string, since: number): Promise<number>;
  /**
   * Writes a running query's progress (statistics) while it is still Running; false when it is not any more (StopQuery
   * on any instance marked it Cancelled): the instance running it then stops.
   */
  saveProgress(q: QueryRecord): Promise<boolean>;
  /** Marks a Scheduled or Running query Cancelled (StopQuery); the query as stored, and whether it was stopped now. */
  cancelQuery(accountId: string, region: string, queryId: string): Promise<{ query: QueryRecord; stopped: boolean } | undefined>;

  putDefinition(d: QueryDefinitionRecord): Promise<void>;
  getDefinition(accountId: string, region: string, id: string): Promise<QueryDefinitionRecord | undefined>;
  /** Ordered by name, then id; `next` is passed back as `after`. */
  listDefinitions(accountId: string, region: string, q: DefinitionListQuery): Promise<Page<QueryDefinitionRecord>>;
  countDefinitions(accountId: string, region: string): Promise<number>;
  deleteDefinition(accountId: string, region: string, id: string): Promise<boolean>;

  /** Inserts or replaces the group's metric filter of that name. */
  putMetricFilter(f: MetricFilterRecord): Promise<void>;
  getMetricFilter(groupId: number, filterName: string): Promise<MetricFilterRecord | undefined>;
  countMetricFilters(groupId: number): Promise<number>;
  /** Filters of one account and region ordered by group name then filter name; `next` is passed back as `after`. */
  listMetricFilters(accountId: string, region: string, q: MetricFilterListQuery): Promise<Page<MetricFilterRecord>>;
  deleteMetricFilter(groupId: number, filterName: string): Promise<boolean>;

  /** The customer key of query results (`…:query-result:*`); undefined: the service-owned key. */
  getResultKey(accountId: string, region: string): Promise<string | undefined>;
  setResultKey(accountId: string, region: string, keyArn: string | undefined): Promise<void>;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  readonly coordination: Coordination;
  /** Set when other processes share this SQLite file (`logseal serve --workers N`). */
  readonly changes?: ChangeFeed;
  readonly accounts: AccountStore;
  readonly kms: KmsStore;
  readonly iam: IamStore;
  readonly logs: LogStore;
  readonly anomaly: AnomalyStore;
  readonly insights: InsightsStore;
  readonly logPolicies: LogPolicyStore;
  readonly logResourcePolicies: LogResourcePolicyStore;
  readonly kinesis: KinesisStore;
  readonly logSubscriptions: LogSubscriptionStore;
  readonly meta: MetaStore;
  /** Runs `fn` in one transaction; area calls made inside it (on this store) join it. Rolled back if `fn` throws. */
  transaction<T>(fn: () => Promise<T>, opts?: TransactionOptions): Promise<T>;
  /**
   * Makes rows deleted so far unrecoverable from the store's files (deleted key material must not survive in
   * free pages or a write-ahead log). Called after deletions that must be final; not inside a transaction.
   */
  scrub(): Promise<void>;
  close(): Promise<void>;
}
