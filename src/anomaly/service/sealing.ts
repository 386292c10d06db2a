/**
 * Encryption of a detector's engine state (patterns, baselines, samples, anomalies): envelope encryption, AES-256-GCM
 * under a 256-bit data key.
 *
 * - With a customer key, the data key comes from KMS (GenerateDataKey / Decrypt), called in-process as the service
 *   principal `logs.<region>.amazonaws.com` with `aws:SourceAccount` / `aws:SourceArn` (the detector) and the
 *   detector's encryption context, so the key policy decides exactly as it does for AWS.
 * - Without one, the data key is wrapped under the service-owned key of the account and region, the very key and
 *   wrapping CloudWatch Logs uses for log groups without a customer key (`src/logs/dataKeys.ts`).
 *
 * Sealed data: u8 version(=1) | 12 iv | ciphertext | 16 tag, with AAD binding the detector and the key, so a state
 * copied to another detector does not open. The data key is unwrapped on every read (never cached), so disabling the
 * key, scheduling its deletion or revoking the service's access stops reads at once. A detector keeps the data key
 * it was created with; every save draws a fresh random IV (GCM's bound for random IVs, 2^32 encryptions under one
 * key, is a save a minute for 8,000 years).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { servicePrincipal } from '../../auth/identity.js';
import type { RequestContext } from '../../common/operation.js';
import type { LogsCore } from '../../logs/core.js';
import type { GroupIdentity } from '../../logs/model.js';
import { detectorArn } from './arns.js';
import type { SealedState } from './model.js';

/**
 * The encryption context of a detector's data keys. The Encryption SDK that AWS's anomaly detection uses prefixes its
 * context keys with `aws-crypto-ec:`, and AWS's guide has key policies condition on it
 * (`kms:EncryptionContext:aws-crypto-ec:aws:logs:arn`, ArnLike `…:anomaly-detector:*`); its other documented
 * statement conditions on `kms:EncryptionContext:aws:logs:arn`. The context carries both, so a policy written with
 * either statement (or both, as the guide shows) lets CloudWatch Logs use the key for the detector.
 */
export const DETECTOR_CONTEXT_KEY = 'aws-crypto-ec:aws:logs:arn';
export const LOGS_CONTEXT_KEY = 'aws:logs:arn';

const SEAL_VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const AAD_LABEL = 'logseal/anomaly/state/v1|';

/** What names a detector for its keys. */
export interface DetectorIdentity {
  accountId: string;
  region: string;
  detectorId: string;
}

export interface DetectorDataKey {
  plaintext: Buffer;
  wrapped: Buffer;
  /** The customer key that wrapped it; undefined for the service-owned key. */
  keyArn?: string;
}

export function arnOf(d: DetectorIdentity): string {
  return detectorArn(d.region, d.accountId, d.detectorId);
}

export function detectorEncryptionContext(d: DetectorIdentity): Record<string, string> {
  const arn = arnOf(d);
  return { [LOGS_CONTEXT_KEY]: arn, [DETECTOR_CONTEXT_KEY]: arn };
}

/** The RequestContext of CloudWatch Logs calling KMS about one detector, as AWS's service does. */
export function detectorKmsContext(ctx: Pick<RequestContext, 'requestId' | 'time'>, d: DetectorIdentity): RequestContext {
  return {
    requestId: ctx.requestId,
    principal: servicePrincipal('logs', d.region, d.accountId),
    region: d.region,
    sourceIp: '',
    userAgent: 'logs.amazonaws.com',
    time: ctx.time,
    secureTransport: true,
    sourceAccount: d.accountId,
    sourceArn: arnOf(d),
  };
}

/**
 * The scope under which the service-owned key wraps a detector's data keys. The logs data-key code binds a wrapped
 * key to a log group name; `anomaly-detector:<id>` can never be one (a group name has no `:`), so a detector's keys
 * and a group's can never be swapped.
 */
function serviceKeyScope(d: DetectorIdentity): GroupIdentity {
  return { accountId: d.accountId, region: d.region, name: `anomaly-detector:${d.detectorId}` };
}

function aad(d: DetectorIdentity, keyArn: string | undefined): Buffer {
  return Buffer.from(`${AAD_LABEL}${arnOf(d)}|${keyArn ?? ''}`, 'utf8');
}

/** Data keys and sealing of detector states. KMS refusals are thrown as KMS raised them; callers word them. */
export class DetectorSealer {
  constructor(private readonly core: LogsCore) {}

  /** A new data key under `keyArn` (the service-owned key when undefined). */
  async newDataKey(d: DetectorIdentity, keyArn: string | undefined, ctx: Pick<RequestContext, 'requestId' | 'time'>): Promise<DetectorDataKey> {
    if (keyArn === undefined) {
      const k = await this.core.dataKeys.forKey(serviceKeyScope(d), undefined, detectorKmsContext(ctx, d));
      return { plaintext: k.plaintext, wrapped: k.wrapped };
    }
    const out = await this.core.kms.generateDataKey(
      { KeyId: keyArn, KeySpec: 'AES_256', EncryptionContext: detectorEncryptionContext(d) },
      detectorKmsContext(ctx, d),
    );
    return { plaintext: Buffer.from(out.Plaintext!), wrapped: Buffer.from(out.CiphertextBlob!), keyArn };
  }

  /** The data key of a sealed state, unwrapped now (KMS is asked every time). */
  async unwrap(d: DetectorIdentity, state: SealedState, ctx: Pick<RequestContext, 'requestId' | 'time'>): Promise<DetectorDataKey> {
    const kctx = detectorKmsContext(ctx, d);
    if (state.keyArn === undefined) {
      const plaintext = await this.core.dataKeys.unwrapper(serviceKeyScope(d), kctx)(undefined, state.wrappedKey);
      return { plaintext, wrapped: state.wrappedKey };
    }
    const out = await this.core.kms.decrypt(
      { CiphertextBlob: state.wrappedKey, KeyId: state.keyArn, EncryptionContext: detectorEncryptionContext(d) },
      kctx,
    );
    return { plaintext: Buffer.from(out.Plaintext!), wrapped: state.wrappedKey, keyArn: state.keyArn };
  }

  seal(d: DetectorIdentity, key: DetectorDataKey, plaintext: Buffer): SealedState {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key.plaintext, iv);
    cipher.setAAD(aad(d, key.keyArn));
    const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    const data = Buffer.concat([Buffer.from([SEAL_VERSION]), iv, ct, cipher.getAuthTag()]);
    const state: SealedState = { wrappedKey: key.wrapped, data };
    if (key.keyArn !== undefined) state.keyArn = key.keyArn;
    return state;
  }

  open(d: DetectorIdentity, key: DetectorDataKey, state: SealedState): Buffer {
    const data = state.data;
    if (data.length < 1 + IV_BYTES + TAG_BYTES || data[0] !== SEAL_VERSION) throw new Error('unknown sealed detector state format');
    const decipher = createDecipheriv('aes-256-gcm', key.plaintext, data.subarray(1, 1 + IV_BYTES));
    decipher.setAAD(aad(d, state.keyArn));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    return Buffer.concat([decipher.update(data.subarray(1 + IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
  }
}
