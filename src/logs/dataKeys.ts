/**
 * Envelope encryption of log chunks: where data keys come from, how they are wrapped, and how long one is reused.
 *
 * - A group with a customer key gets data keys from KMS (GenerateDataKey / Decrypt), called in-process as the
 *   service principal `logs.<region>.amazonaws.com` with encryption context `{"aws:logs:arn": <group ARN>}` and
 *   `aws:SourceAccount` / `aws:SourceArn`, so the key policy decides exactly as it does for AWS.
 * - A group without one uses the service-owned key of its (account, region): 32 random bytes sealed under the
 *   keyring in the store. Data keys are wrapped under it with AES-256-GCM, the group ARN as AAD.
 *
 * Encryption reuses a data key for a bounded time and number of chunks (like the Encryption SDK's caching manager),
 * so ingest does not call KMS per batch; the age bound is also how soon a disabled key, a key pending deletion or a
 * key policy without the logs statement stops new writes (DATA_KEY_MAX_AGE_MS, stated in the README). Decryption
 * asks KMS once per distinct data key per request, so disabling a key stops reads at once.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Clock } from '../common/clock.js';
import type { RequestContext } from '../common/operation.js';
import { servicePrincipal } from '../auth/identity.js';
import type { KmsApi } from '../kms/api.js';
import { AwsError } from '../protocol/errors.js';
import { AccessDeniedException } from '../protocol/generated/logs.js';
import type { Keyring } from '../store/keyring.js';
import type { Store } from '../store/types.js';
import { logGroupArn } from './arns.js';
import { messages } from './messages.js';
import type { GroupIdentity, LogGroupRecord } from './model.js';

export const ENCRYPTION_CONTEXT_KEY = 'aws:logs:arn';
const WRAP_VERSION = 1;
const WRAP_LABEL = 'logseal/logs/data-key/v1|';

export interface DataKeyLimits {
  /** How long a data key encrypts new chunks (ms). */
  maxAgeMs: number;
  /** How many chunks one data key encrypts at most. */
  maxUses: number;
}

/**
 * How long a data key from KMS is reused for new chunks: writes notice a key KMS no longer lets CloudWatch Logs use
 * within this bound. One GenerateDataKey per group every few seconds costs next to nothing in-process.
 */
export const DATA_KEY_MAX_AGE_MS = 5_000;

export const DEFAULT_DATA_KEY_LIMITS: DataKeyLimits = { maxAgeMs: DATA_KEY_MAX_AGE_MS, maxUses: 100_000 };
const MAX_CACHED = 10_000;

export interface DataKey {
  plaintext: Buffer;
  wrapped: Buffer;
  /** The customer key that wrapped it; undefined for the service-owned key. */
  keyArn?: string;
}

interface CachedKey {
  key: DataKey;
  expiresAt: number;
  usesLeft: number;
}

/** The RequestContext of CloudWatch Logs calling KMS about one log group, as AWS's service does. */
export function logsServiceContext(ctx: RequestContext, group: GroupIdentity): RequestContext {
  return {
    requestId: ctx.requestId,
    principal: servicePrincipal('logs', group.region, group.accountId),
    region: group.region,
    sourceIp: '',
    userAgent: 'logs.amazonaws.com',
    time: ctx.time,
    secureTransport: true,
    sourceAccount: group.accountId,
    sourceArn: logGroupArn(group.region, group.accountId, group.name),
  };
}

export function encryptionContext(group: GroupIdentity): Record<string, string> {
  return { [ENCRYPTION_CONTEXT_KEY]: logGroupArn(group.region, group.accountId, group.name) };
}

/** A KMS refusal on the data path, as the Logs error naming the key and KMS's reason; anything else is rethrown. */
export function keyUnavailable(err: unknown, keyArn: string, group: GroupIdentity): never {
  if (err instanceof AwsError && !(err instanceof AccessDeniedException)) {
    const groupArn = logGroupArn(group.region, group.accountId, group.name);
    throw new AccessDeniedException(messages.kmsKeyUnavailable(keyArn, groupArn, `${err.code}: ${err.message}`));
  }
  throw err;
}

export class DataKeys {
  private readonly cache = new Map<string, CachedKey>();
  private readonly serviceKeys = new Map<string, Buffer>();

  constructor(
    private readonly store: Store,
    private readonly keyring: Keyring,
    private readonly clock: Clock,
    private readonly kms: KmsApi,
    private readonly limits: DataKeyLimits = DEFAULT_DATA_KEY_LIMITS,
  ) {}

  /** A data key for new chunks of the group, under its current key; reused within the limits. */
  async forEncryption(group: LogGroupRecord, ctx: RequestContext): Promise<DataKey> {
    return this.forKey(group, group.kmsKeyArn, ctx);
  }

  /** A data key for new chunks of the group under `keyArn` (the service-owned key when undefined). */
  async forKey(group: GroupIdentity, keyArn: string | undefined, ctx: RequestContext): Promise<DataKey> {
    const cacheKey = `${group.accountId}/${group.region}/${group.name}\n${keyArn ?? ''}`;
    const now = this.clock.now();
    const hit = this.cache.get(cacheKey);
    if (hit && hit.expiresAt > now && hit.usesLeft > 0) {
      hit.usesLeft--;
      return hit.key;
    }
    const key = keyArn === undefined ? await this.newServiceDataKey(group) : await this.newKmsDataKey(group, keyArn, ctx);
    if (this.cache.size >= MAX_CACHED) this.cache.clear();
    this.cache.set(cacheKey, { key, expiresAt: now + this.limits.maxAgeMs, usesLeft: this.limits.maxUses - 1 });
    return key;
  }

  /** Unwraps data keys for one request: each distinct wrapped key is unwrapped (asked of KMS) once. */
  unwrapper(group: GroupIdentity, ctx: RequestContext): (keyArn: string | undefined, wrapped: Buffer) => Promise<Buffer> {
    const seen = new Map<string, Promise<Buffer>>();
    return (keyArn, wrapped) => {
      const id = `${keyArn ?? ''}\n${wrapped.toString('base64')}`;
      let p = seen.get(id);
      if (!p) {
        p = keyArn === undefined ? this.unwrapService(group, wrapped) : this.unwrapKms(group, keyArn, wrapped, ctx);
        seen.set(id, p);
      }
      return p;
    };
  }

  /**
   * GenerateDataKey as the logs principal: the probe that proves the key may be used with the group. KMS's
   * refusals are returned as they are (AwsError) for the caller to translate.
   */
  async generate(group: GroupIdentity, keyArn: string, ctx: RequestContext): Promise<DataKey> {
    const out = await this.kms.generateDataKey(
      { KeyId: keyArn, KeySpec: 'AES_256', EncryptionContext: encryptionContext(group) },
      logsServiceContext(ctx, group),
    );
    return { plaintext: Buffer.from(out.Plaintext!), wrapped: Buffer.from(out.CiphertextBlob!), keyArn };
  }

  private async newKmsDataKey(group: GroupIdentity, keyArn: string, ctx: RequestContext): Promise<DataKey> {
    try {
      return await this.generate(group, keyArn, ctx);
    } catch (err) {
      return keyUnavailable(err, keyArn, group);
    }
  }

  private async unwrapKms(group: GroupIdentity, keyArn: string, wrapped: Buffer, ctx: RequestContext): Promise<Buffer> {
    try {
      const out = await this.kms.decrypt(
        { CiphertextBlob: wrapped, KeyId: keyArn, EncryptionContext: encryptionContext(group) },
        logsServiceContext(ctx, group),
      );
      return Buffer.from(out.Plaintext!);
    } catch (err) {
      return keyUnavailable(err, keyArn, group);
    }
  }

  private async newServiceDataKey(group: GroupIdentity): Promise<DataKey> {
    const serviceKey = await this.serviceKey(group.accountId, group.region);
    const plaintext = randomBytes(32);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', serviceKey, iv);
    cipher.setAAD(wrapAad(group));
    const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return { plaintext, wrapped: Buffer.concat([Buffer.from([WRAP_VERSION]), iv, ct, cipher.getAuthTag()]) };
  }

  private async unwrapService(group: GroupIdentity, wrapped: Buffer): Promise<Buffer> {
    if (wrapped.length !== 1 + 12 + 32 + 16 || wrapped[0] !== WRAP_VERSION) throw new Error('unknown wrapped data key format');
    const serviceKey = await this.serviceKey(group.accountId, group.region);
    const decipher = createDecipheriv('aes-256-gcm', serviceKey, wrapped.subarray(1, 13));
    decipher.setAAD(wrapAad(group));
    decipher.setAuthTag(wrapped.subarray(wrapped.length - 16));
    return Buffer.concat([decipher.update(wrapped.subarray(13, wrapped.length - 16)), decipher.final()]);
  }

  /**
   * Makes sure (account, region) has a service-owned key. Called by CreateLogGroup only, in its transaction: a group
   * that exists (committed) therefore always has its key committed, and the key is never cached from here, so a
   * rolled-back creation cannot leave a key in memory that the store does not have.
   */
  async ensureServiceKey(accountId: string, region: string): Promise<void> {
    if (await this.store.logs.getServiceKey(accountId, region)) return;
    await this.store.logs.ensureServiceKey(accountId, region, this.keyring.seal(randomBytes(32), serviceKeyAad(accountId, region)));
  }

  /** The service-owned key of (account, region); unsealed copies stay in memory only. */
  private async serviceKey(accountId: string, region: string): Promise<Buffer> {
    const id = `${accountId}/${region}`;
    const hit = this.serviceKeys.get(id);
    if (hit) return hit;
    const sealed = await this.store.logs.getServiceKey(accountId, region);
    if (!sealed) throw new Error(`no service key for ${id}`); // CreateLogGroup makes it
    const key = this.keyring.open(sealed, serviceKeyAad(accountId, region));
    this.serviceKeys.set(id, key);
    return key;
  }
}

function serviceKeyAad(accountId: string, region: string): string {
  return `logs/service-key/${accountId}/${region}`;
}

function wrapAad(group: GroupIdentity): Buffer {
  return Buffer.from(WRAP_LABEL + logGroupArn(group.region, group.accountId, group.name), 'utf8');
}
