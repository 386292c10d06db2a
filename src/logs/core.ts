import type { Clock } from '../common/clock.js';
import type { RequestContext } from '../common/operation.js';
import type { KmsApi } from '../kms/api.js';
import { messages as kmsMessages } from '../kms/messages.js';
import { AwsError } from '../protocol/errors.js';
import {
  AccessDeniedException,
  InvalidParameterException,
  ResourceNotFoundException,
  ValidationException,
} from '../protocol/generated/logs.js';
import type { Keyring } from '../store/keyring.js';
import type { LogStore, Store } from '../store/types.js';
import { logGroupArn, parseGroupIdentifier } from './arns.js';
import { decodeEvents, openChunk, type EventColumns } from './chunks.js';
import { DataKeys, logsServiceContext, type DataKeyLimits } from './dataKeys.js';
import { messages } from './messages.js';
import type { ChunkQuery, GroupIdentity, LogGroupRecord, LogStreamRecord } from './model.js';
import { EventScanner, type ScanChunk, type ScanOptions } from './scan.js';
import { openSketch, type RequiredText } from './sketch.js';
import { ChunkWriter } from './writer.js';

/**
 * Milliseconds of matching one FilterLogEvents call spends at most (main-thread time, not counting waits) before
 * answering with what it found and a token to go on; the scan yields to other requests every DEFAULT_SLICE_MS
 * meanwhile. See docs/decisions/0011-scan-budgets.md.
 */
export const FILTER_SCAN_BUDGET_MS = 250;

export interface LogsDeps {
  store: Store;
  keyring: Keyring;
  clock: Clock;
  /** KMS as CloudWatch Logs uses it: in-process, as the service principal. */
  kms: KmsApi;
  dataKeyLimits?: DataKeyLimits;
  /** AWS's quota of log groups per account and region (1,000,000). */
  maxLogGroups?: number;
}

/** A log group named by the request: `logGroupName`, or `logGroupIdentifier` (name or ARN), exactly one of them. */
export interface GroupSelector {
  logGroupName?: string;
  logGroupIdentifier?: string;
}

const KEY_ARN_RE = /^arn:aws:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;

/**
 * What every CloudWatch Logs operation shares: finding groups and streams, validating a customer key the way AWS
 * does (as the logs service principal), data keys, and reading events out of encrypted chunks.
 */
export class LogsCore {
  readonly store: Store;
  readonly clock: Clock;
  readonly kms: KmsApi;
  readonly dataKeys: DataKeys;
  /** Stores new chunks with group commit (PutLogEvents). */
  readonly writer: ChunkWriter;
  /** Log groups allowed per account and region; CreateLogGroup answers LimitExceededException beyond it. */
  maxLogGroups: number;
  /** Milliseconds of matching one FilterLogEvents call may spend before answering partially (with a nextToken). */
  filterScanBudgetMs = FILTER_SCAN_BUDGET_MS;

  constructor(deps: LogsDeps) {
    this.store = deps.store;
    this.clock = deps.clock;
    this.kms = deps.kms;
    this.dataKeys = new DataKeys(deps.store, deps.keyring, deps.clock, deps.kms, deps.dataKeyLimits);
    this.writer = new ChunkWriter(deps.store);
    this.maxLogGroups = deps.maxLogGroups ?? 1_000_000;
  }

  groupArn(g: GroupIdentity): string {
    return logGroupArn(g.region, g.accountId, g.name);
  }

  /** The caller's group of that name, or AWS's ResourceNotFoundException. */
  async mustGroup(ctx: RequestContext, name: string): Promise<LogGroupRecord> {
    const g = await this.store.logs.getGroup(ctx.principal.accountId, ctx.region, name);
    if (!g) throw new ResourceNotFoundException(messages.groupNotFound);
    return g;
  }

  /** The group a `logGroupName` / `logGroupIdentifier` pair names (reads that accept either). */
  async selectGroup(ctx: RequestContext, sel: GroupSelector): Promise<LogGroupRecord> {
    if (sel.logGroupName !== undefined && sel.logGroupIdentifier !== undefined) {
      throw new ValidationException(messages.nameAndArnExclusive);
    }
    if (sel.logGroupName !== undefined) return this.mustGroup(ctx, sel.logGroupName);
    if (sel.logGroupIdentifier === undefined) throw new InvalidParameterException(messages.nameOrArnRequired);
    const ref = parseGroupIdentifier(sel.logGroupIdentifier);
    // Cross-account observability is not served: another account's or region's ARN names no group of the caller.
    if (!ref || (ref.accountId !== undefined && (ref.accountId !== ctx.principal.accountId || ref.region !== ctx.region))) {
      throw new ResourceNotFoundException(messages.groupNotFound);
    }
    return this.mustGroup(ctx, ref.name);
  }

  async mustStream(group: LogGroupRecord, name: string): Promise<LogStreamRecord> {
    const s = await this.store.logs.getStream(group.id, name);
    if (!s) throw new ResourceNotFoundException(messages.streamNotFound);
    return s;
  }

  /**
   * Checks that a customer key may encrypt the group's data, as AWS does: the id must be a key ARN; DescribeKey (as
   * the logs principal) tells existence, state and spec when the key policy lets the service describe it; a
   * GenerateDataKey probe with the group's encryption context then proves the policy allows the service to use it.
   * Returns the key ARN to store.
   */
  async validateCustomerKey(ctx: RequestContext, group: GroupIdentity, kmsKeyId: string): Promise<string> {
    return this.validateKeyFor(ctx, logsServiceContext(ctx, group), messages.kmsKeyNotAllowed(this.groupArn(group)), kmsKeyId, (keyArn) =>
      this.dataKeys.generate(group, keyArn, ctx),
    );
  }

  /**
   * The same checks for any resource CloudWatch Logs encrypts (a log group, query results): `kctx` is the logs
   * principal's context for that resource, `probe` asks KMS for a data key with the resource's encryption context,
   * and `notAllowed` is the refusal when the key policy does not let the service use the key there.
   */
  async validateKeyFor(ctx: RequestContext, kctx: RequestContext, notAllowed: string, kmsKeyId: string, probe: (keyArn: string) => Promise<unknown>): Promise<string> {
    if (!KEY_ARN_RE.test(kmsKeyId)) throw new InvalidParameterException(messages.kmsKeyNotArn(kmsKeyId));
    const keyArn = await this.describeForLogs(kctx, notAllowed, kmsKeyId);
    try {
      await probe(keyArn);
    } catch (err) {
      throw this.keyRefusal(err, notAllowed, ctx.region, keyArn);
    }
    return keyArn;
  }

  /** DescribeKey as the logs principal; a policy that does not allow it leaves the decision to the probe. */
  private async describeForLogs(kctx: RequestContext, notAllowed: string, kmsKeyId: string): Promise<string> {
    let meta;
    try {
      meta = (await this.kms.describeKey({ KeyId: kmsKeyId }, kctx)).KeyMetadata;
    } catch (err) {
      if (err instanceof AwsError && err.code === 'AccessDeniedException') return kmsKeyId;
      throw this.keyRefusal(err, notAllowed, kctx.region, kmsKeyId);
    }
    if (!meta) return kmsKeyId;
    const arn = meta.Arn ?? kmsKeyId;
    if (meta.KeySpec !== 'SYMMETRIC_DEFAULT' || meta.KeyUsage !== 'ENCRYPT_DECRYPT') {
      throw new InvalidParameterException(messages.kmsKeyNotSymmetric(arn, meta.KeySpec ?? '', meta.KeyUsage ?? ''));
    }
    switch (meta.KeyState) {
      case 'Enabled':
        return arn;
      case 'Disabled':
        throw new InvalidParameterException(messages.kmsKeyUnusableForGroup(kmsMessages.disabled(arn)));
      case 'PendingDeletion':
      case 'PendingReplicaDeletion':
        throw new InvalidParameterException(messages.kmsKeyUnusableForGroup(kmsMessages.pendingDeletion(arn)));
      case 'PendingImport':
        throw new InvalidParameterException(messages.kmsKeyUnusableForGroup(kmsMessages.pendingImport(arn)));
      default:
        throw new InvalidParameterException(messages.kmsKeyUnusableForGroup(kmsMessages.unavailable(arn)));
    }
  }

  /** KMS's refusal of the key, as CloudWatch Logs reports it when a key is being associated. */
  private keyRefusal(err: unknown, notAllowed: string, region: string, keyArn: string): unknown {
    if (!(err instanceof AwsError)) return err;
    switch (err.code) {
      case 'AccessDeniedException':
        return new AccessDeniedException(notAllowed);
      case 'NotFoundException':
      case 'InvalidArnException': {
        const keyRegion = keyArn.split(':')[3];
        if (keyRegion && keyRegion !== region) return new InvalidParameterException(messages.kmsKeyOtherRegion(keyArn, keyRegion, region));
        return new InvalidParameterException(messages.kmsKeyNotFound);
      }
      case 'InvalidKeyUsageException':
        return new InvalidParameterException(messages.kmsKeyAsymmetric(keyArn, err.message));
      default:
        // DisabledException, KMSInvalidStateException, InvalidKeyUsageException, …: KMS's own reason.
        return new InvalidParameterException(messages.kmsKeyUnusableForGroup(err.message));
    }
  }

  /**
   * A scanner over the group's events (or some of its streams'), decrypting chunks as the scan reaches them. With
   * `required` (the text every event the caller looks for contains, see `requiredLiterals`), chunks whose sketch
   * rules it out are never read: the scan lists chunk heads, opens their sketches, and reads only the bodies of the
   * others (decision 0024). A skipped chunk is visited as a chunk without events.
   */
  scanner(group: LogGroupRecord, ctx: RequestContext, streamIds: readonly number[] | undefined, opts: ScanOptions, required?: RequiredText): EventScanner {
    const unwrap = this.dataKeys.unwrapper(group, ctx);
    const store = this.store.logs;
    const { fromTime, toTime, direction } = opts;
    const sketches = required !== undefined && required.length > 0 ? required : undefined;
    return new EventScanner(
      {
        fetch: (afterChunk, limit, resumeFrom) => {
          // Chunks entirely before (or, backwards, after) the resume point hold nothing left to visit.
          const from = resumeFrom && direction === 'asc' ? Math.max(fromTime, resumeFrom.time) : fromTime;
          const to = resumeFrom && direction === 'desc' ? Math.min(toTime, resumeFrom.time) : toTime;
          const q = { groupId: group.id, streamIds, fromTime: from, toTime: to, order: direction, after: afterChunk, limit };
          return sketches ? fetchSketched(store, q, sketches, unwrap) : store.listChunks(q);
        },
        open: async (chunk: ScanChunk): Promise<EventColumns> => {
          if (isSkipped(chunk)) return NO_EVENTS;
          const key = await unwrap(chunk.keyArn, chunk.wrappedKey);
          return openChunk(chunk.data, key, chunk);
        },
      },
      opts,
    );
  }
}

/** The body of a chunk its sketch ruled out (never opened: compared by identity). */
const SKIPPED = Buffer.alloc(0);
/** What a skipped chunk opens to: a chunk without events. */
export const NO_EVENTS = decodeEvents(Buffer.alloc(8));

/** Whether a chunk of a `fetchSketched` page was ruled out by its sketch (open it as NO_EVENTS). */
export function isSkipped(chunk: ScanChunk): boolean {
  return chunk.data === SKIPPED;
}

/**
 * A page of chunks whose bodies are read only where the sketch allows `required`; the others carry SKIPPED.
 * Chunks without a sketch (written before sketches) are always read. A chunk whose key cannot be unwrapped fails the
 * scan here, as opening its body would.
 */
export async function fetchSketched(
  store: LogStore,
  q: ChunkQuery,
  required: RequiredText,
  unwrap: (keyArn: string | undefined, wrapped: Buffer) => Promise<Buffer>,
): Promise<{ chunks: ScanChunk[]; epoch: number }> {
  const page = await store.listChunkHeads(q);
  const wanted: number[] = [];
  const skip = new Set<number>();
  for (const h of page.chunks) {
    if (h.sketch && !openSketch(h.sketch, await unwrap(h.keyArn, h.wrappedKey), h).allows(required)) skip.add(h.id);
    else wanted.push(h.id);
  }
  const bodies = await store.chunkBodies(wanted);
  // A chunk merged or expired between the two reads: this page is read as before, in one piece.
  if (bodies.size !== wanted.length) return store.listChunks(q);
  return { chunks: page.chunks.map((h) => ({ ...h, data: skip.has(h.id) ? SKIPPED : bodies.get(h.id)! })), epoch: page.epoch };
}
