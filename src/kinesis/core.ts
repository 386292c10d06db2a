/**
 * Amazon Kinesis Data Streams, the part CloudWatch Logs subscriptions need: streams with a fixed set of shards,
 * records, shard iterators and server-side encryption with a KMS key.
 *
 * - Shard i of n owns the i-th of n equal slices of the 128-bit hash key space; a record goes to the shard owning
 *   the MD5 of its partition key (or its ExplicitHashKey), as AWS documents.
 * - Sequence numbers come from one counter per stream (so they grow within each shard) and read as 56-digit decimals:
 *   `49`, the shard index (6 digits), the counter (48 digits).
 * - Every record is sealed (partition key and data together) before it is stored: under the keyring for a stream
 *   without encryption, under a data key of the stream's KMS key when it has one. The data key comes from KMS as AWS
 *   gets it for Kinesis: on behalf of the caller (producers need kms:GenerateDataKey, consumers kms:Decrypt), via
 *   the service (`kms:ViaService` kinesis.<region>.amazonaws.com), with the encryption context
 *   `{"aws:kinesis:arn": <stream ARN>}`.
 * - Shard iterators are sealed under the keyring: they name the stream, shard and position, and expire after 5 minutes.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../common/clock.js';
import type { RequestContext } from '../common/operation.js';
import type { KmsApi } from '../kms/api.js';
import { AwsError } from '../protocol/errors.js';
import {
  ExpiredIteratorException,
  InvalidArgumentException,
  KMSAccessDeniedException,
  KMSDisabledException,
  KMSInvalidStateException,
  KMSNotFoundException,
  KMSThrottlingException,
  ResourceNotFoundException,
} from '../protocol/generated/kinesis.js';
import type { Keyring } from '../store/keyring.js';
import type { Store } from '../store/types.js';
import { parseStreamArn, streamArn } from './arns.js';
import { messages } from './messages.js';
import type { StoredRecord, StreamRecord, StreamSettings } from './model.js';

export const ENCRYPTION_CONTEXT_KEY = 'aws:kinesis:arn';
/** AWS: a shard iterator expires five minutes after it is returned. */
export const ITERATOR_TTL_MS = 300_000;
const HASH_SPACE = 1n << 128n;
const ITERATOR_AAD = 'logseal/kinesis/shard-iterator/v1';
const SEQ_PREFIX = '49';

export interface KinesisDeps {
  store: Store;
  keyring: Keyring;
  clock: Clock;
  kms: KmsApi;
}

/** What a shard iterator carries. */
export interface IteratorState {
  streamId: number;
  accountId: string;
  region: string;
  name: string;
  shard: number;
  /** The next record to read has a counter value >= this. */
  position: number;
  createdAt: number;
}

/** A record as producers and consumers see it. */
export interface PlainRecord {
  partitionKey: string;
  data: Buffer;
}

export class KinesisCore {
  readonly store: Store;
  readonly keyring: Keyring;
  readonly clock: Clock;
  readonly kms: KmsApi;

  constructor(deps: KinesisDeps) {
    this.store = deps.store;
    this.keyring = deps.keyring;
    this.clock = deps.clock;
    this.kms = deps.kms;
  }

  /** The stream a request names (StreamName in the caller's account and region, or StreamARN). */
  async mustStream(ctx: RequestContext, input: { StreamName?: string; StreamARN?: string }): Promise<StreamRecord> {
    const ref = streamRef(ctx, input);
    const s = await this.store.kinesis.getStream(ref.accountId, ref.region, ref.name);
    if (!s) throw new ResourceNotFoundException(messages.streamNotFound(ref.name, ref.accountId));
    return s;
  }

  arn(s: { region: string; accountId: string; name: string }): string {
    return streamArn(s.region, s.accountId, s.name);
  }

  // ---- shards and sequence numbers ----

  /** The shard index a shard id names, or undefined when the stream has no such shard. */
  shardIndex(s: StreamRecord, shardId: string): number | undefined {
    const m = /^shardId-(\d{12})$/.exec(shardId);
    if (!m) return undefined;
    const i = Number(m[1]);
    return i < s.settings.shardCount ? i : undefined;
  }

  /** The shard owning a hash key. */
  shardFor(hashKey: bigint, shardCount: number): number {
    return Number((hashKey * BigInt(shardCount)) / HASH_SPACE);
  }

  // ---- iterators ----

  makeIterator(state: IteratorState): string {
    const plain = JSON.stringify([state.streamId, state.accountId, state.region, state.name, state.shard, state.position, state.createdAt]);
    return this.keyring.seal(Buffer.from(plain, 'utf8'), ITERATOR_AAD).toString('base64');
  }

  /** The iterator's state; InvalidArgumentException when it is not one of ours, ExpiredIteratorException when old. */
  openIterator(iterator: string, now: number): IteratorState {
    let state: IteratorState;
    try {
      const a = JSON.parse(this.keyring.open(Buffer.from(iterator, 'base64'), ITERATOR_AAD).toString('utf8')) as [number, string, string, string, number, number, number];
      state = { streamId: a[0], accountId: a[1], region: a[2], name: a[3], shard: a[4], position: a[5], createdAt: a[6] };
    } catch {
      throw new InvalidArgumentException(messages.invalidIterator);
    }
    if (now - state.createdAt > ITERATOR_TTL_MS) throw new ExpiredIteratorException(messages.iteratorExpired(state.createdAt, now));
    return state;
  }

  /** The iterator's state without the expiry check (authorization needs only the stream it names). */
  peekIterator(iterator: string): IteratorState | undefined {
    try {
      return this.openIterator(iterator, Number.NEGATIVE_INFINITY);
    } catch {
      return undefined;
    }
  }

  // ---- sealing ----

  /** A data key for new records of a KMS-encrypted stream, from KMS as the caller via Kinesis. */
  async dataKeyFor(s: StreamRecord, ctx: RequestContext): Promise<{ plaintext: Buffer; wrapped: Buffer; keyArn: string } | undefined> {
    if (s.settings.encryptionType !== 'KMS' || s.settings.keyId === undefined) return undefined;
    try {
      const out = await this.kms.generateDataKey(
        { KeyId: s.settings.keyId, KeySpec: 'AES_256', EncryptionContext: { [ENCRYPTION_CONTEXT_KEY]: this.arn(s) } },
        viaKinesis(ctx, s.region),
      );
      return { plaintext: Buffer.from(out.Plaintext!), wrapped: Buffer.from(out.CiphertextBlob!), keyArn: out.KeyId! };
    } catch (err) {
      throw kmsFailure(err);
    }
  }

  sealRecord(s: StreamRecord, shard: number, seq: number, rec: PlainRecord, dataKey: Buffer | undefined): Buffer {
    const pk = Buffer.from(rec.partitionKey, 'utf8');
    const head = Buffer.alloc(2);
    head.writeUInt16BE(pk.length);
    const plain = Buffer.concat([head, pk, rec.data]);
    const aad = recordAad(s, shard, seq);
    if (!dataKey) return this.keyring.seal(plain, aad);
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', dataKey, iv);
    c.setAAD(Buffer.from(aad, 'utf8'));
    const body = Buffer.concat([c.update(plain), c.final()]);
    return Buffer.concat([iv, c.getAuthTag(), body]);
  }

  /** Opens stored records; data keys are asked of KMS once each, as the caller via Kinesis. */
  async openRecords(s: StreamRecord, records: readonly StoredRecord[], ctx: RequestContext): Promise<PlainRecord[]> {
    const keys = new Map<string, Buffer>();
    const out: PlainRecord[] = [];
    for (const r of records) {
      const aad = recordAad(s, r.shard, r.seq);
      let plain: Buffer;
      if (!r.wrappedKey) plain = this.keyring.open(r.data, aad);
      else {
        const id = r.wrappedKey.toString('base64');
        let key = keys.get(id);
        if (!key) {
          try {
            const d = await this.kms.decrypt({ CiphertextBlob: r.wrappedKey, EncryptionContext: { [ENCRYPTION_CONTEXT_KEY]: this.arn(s) } }, viaKinesis(ctx, s.region));
            key = Buffer.from(d.Plaintext!);
          } catch (err) {
            throw kmsFailure(err);
          }
          keys.set(id, key);
        }
        const d = createDecipheriv('aes-256-gcm', key, r.data.subarray(0, 12));
        d.setAAD(Buffer.from(aad, 'utf8'));
        d.setAuthTag(r.data.subarray(12, 28));
        plain = Buffer.concat([d.update(r.data.subarray(28)), d.final()]);
      }
      const n = plain.readUInt16BE(0);
      out.push({ partitionKey: plain.subarray(2, 2 + n).toString('utf8'), data: plain.subarray(2 + n) });
    }
    return out;
  }
}

export function shardId(i: number): string {
  return `shardId-${String(i).padStart(12, '0')}`;
}

/** Shard i of n: its hash key range, as decimal strings. */
export function hashKeyRange(i: number, n: number): { StartingHashKey: string; EndingHashKey: string } {
  const start = (HASH_SPACE * BigInt(i)) / BigInt(n);
  const end = (HASH_SPACE * BigInt(i + 1)) / BigInt(n) - 1n;
  return { StartingHashKey: start.toString(), EndingHashKey: end.toString() };
}

/** The 128-bit hash key of a partition key: its MD5 as an unsigned integer. */
export function partitionHash(partitionKey: string): bigint {
  return BigInt('0x' + createHash('md5').update(partitionKey, 'utf8').digest('hex'));
}

export function sequenceNumber(shard: number, seq: number): string {
  return `${SEQ_PREFIX}${String(shard).padStart(6, '0')}${String(seq).padStart(48, '0')}`;
}

/** A sequence number's shard and counter; undefined when it is not one this service hands out. */
export function parseSequenceNumber(s: string): { shard: number; seq: number } | undefined {
  if (s.length !== 56 || !s.startsWith(SEQ_PREFIX) || !/^\d+$/.test(s)) return undefined;
  const seq = Number(s.slice(8));
  if (!Number.isSafeInteger(seq)) return undefined;
  return { shard: Number(s.slice(2, 8)), seq };
}

function recordAad(s: StreamRecord, shard: number, seq: number): string {
  return `logseal/kinesis/record/v1|${s.id}|${shard}|${seq}`;
}

/** The stream a request names; StreamARN wins when both are given (AWS's SDKs send the ARN for routing). */
export function streamRef(ctx: RequestContext, input: { StreamName?: string; StreamARN?: string }): { accountId: string; region: string; name: string } {
  if (input.StreamARN !== undefined) {
    const p = parseStreamArn(input.StreamARN);
    if (!p) throw new InvalidArgumentException(messages.streamArnMismatch(input.StreamARN));
    return p;
  }
  if (input.StreamName === undefined) throw new InvalidArgumentException(messages.noStreamNamed);
  return { accountId: ctx.principal.accountId, region: ctx.region, name: input.StreamName };
}

/** The context of Kinesis calling KMS for the caller (AWS uses the caller's own permissions, via the service). */
export function viaKinesis(ctx: RequestContext, region: string): RequestContext {
  return { ...ctx, viaService: `kinesis.${region}.amazonaws.com` };
}

/** KMS's refusal as Kinesis reports it (its KMS* errors, KMS's message kept). */
export function kmsFailure(err: unknown): unknown {
  if (!(err instanceof AwsError)) return err;
  switch (err.code) {
    case 'AccessDeniedException':
      return new KMSAccessDeniedException(err.message);
    case 'DisabledException':
      return new KMSDisabledException(err.message);
    case 'NotFoundException':
      return new KMSNotFoundException(err.message);
    case 'ThrottlingException':
      return new KMSThrottlingException(err.message);
    case 'KMSInvalidStateException':
    case 'InvalidKeyUsageException':
    case 'KeyUnavailableException':
    case 'InvalidCiphertextException':
      return new KMSInvalidStateException(err.message);
    default:
      return err;
  }
}

export function defaultSettings(): StreamSettings {
  return { mode: 'ON_DEMAND', shardCount: 4, retentionHours: 24, encryptionType: 'NONE', tags: {} };
}
