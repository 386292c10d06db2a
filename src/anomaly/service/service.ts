/**
 * What the anomaly detection operations and the scheduler share: finding a caller's detector, checking a customer
 * key as CloudWatch Logs does, and opening and sealing a detector's engine state with its data key.
 */
import type { RequestContext } from '../../common/operation.js';
import type { LogsCore } from '../../logs/core.js';
import { AwsError } from '../../protocol/errors.js';
import {
  AccessDeniedException,
  InvalidParameterException,
  OperationAbortedException,
  ResourceNotFoundException,
} from '../../protocol/generated/logs.js';
import { messages as kmsMessages } from '../../kms/messages.js';
import type { AnomalyStore } from '../../store/types.js';
import { AnomalyEngine } from '../engine.js';
import type { DetectorSettings } from '../model.js';
import { parseDetectorArn } from './arns.js';
import { messages } from './messages.js';
import type { DetectorRecord, NewDetector, SealedState } from './model.js';
import { arnOf, detectorKmsContext, DetectorSealer, type DetectorDataKey, type DetectorIdentity } from './sealing.js';

/** A detector with its engine state opened: what reading or changing anomalies needs. */
export interface OpenedDetector {
  detector: DetectorRecord;
  engine: AnomalyEngine;
  /** The data key the state was sealed with; it seals the state again after a change. */
  key: DetectorDataKey;
}

/** The context of KMS calls: the request's, or the scheduler's own. */
export type KmsCallContext = Pick<RequestContext, 'requestId' | 'time'>;

/** A KMS refusal of the detector's key on the data path, as the Logs error naming the key, the detector and KMS's reason. */
function keyUnavailable(err: unknown, d: DetectorIdentity, keyArn: string | undefined): unknown {
  if (!(err instanceof AwsError) || keyArn === undefined) return err;
  return new AccessDeniedException(messages.kmsKeyUnavailable(keyArn, arnOf(d), `${err.code}: ${err.message}`));
}

export function engineSettings(d: NewDetector): DetectorSettings {
  return {
    anomalyDetectorArn: arnOf(d),
    logGroupArnList: [d.logGroupArn],
    evaluationFrequency: d.evaluationFrequency,
    anomalyVisibilityTime: d.anomalyVisibilityTime,
  };
}

export class AnomalyService {
  readonly sealer: DetectorSealer;

  constructor(readonly core: LogsCore) {
    this.sealer = new DetectorSealer(core);
  }

  get store(): AnomalyStore {
    return this.core.store.anomaly;
  }

  /** The caller's detector an ARN names, or AWS's ResourceNotFoundException. */
  async mustDetector(ctx: RequestContext, anomalyDetectorArn: string): Promise<DetectorRecord> {
    const d = await this.store.getDetector(ctx.principal.accountId, ctx.region, this.idOf(ctx, anomalyDetectorArn));
    if (!d) throw new ResourceNotFoundException(messages.detectorNotFound);
    return d;
  }

  /** The caller's detector an ARN names, with its sealed state; or AWS's ResourceNotFoundException. */
  async mustSealed(ctx: RequestContext, anomalyDetectorArn: string): Promise<{ detector: DetectorRecord; state: SealedState }> {
    const sealed = await this.store.getSealed(ctx.principal.accountId, ctx.region, this.idOf(ctx, anomalyDetectorArn));
    if (!sealed) throw new ResourceNotFoundException(messages.detectorNotFound);
    return sealed;
  }

  /** The caller's detector with its engine state opened; fails with AccessDeniedException when KMS refuses the key. */
  async open(ctx: RequestContext, anomalyDetectorArn: string): Promise<OpenedDetector> {
    const { detector, state } = await this.mustSealed(ctx, anomalyDetectorArn);
    return this.openSealed(detector, state, ctx);
  }

  /** Opens a sealed state read from the store; KMS refusals become AccessDeniedException naming key and detector. */
  async openSealed(detector: DetectorRecord, state: SealedState, ctx: KmsCallContext): Promise<OpenedDetector> {
    const key = await this.unwrap(detector, state, ctx);
    // The engine's "now" is the request's (or the run's) time: suppressions, baselines and expiries of one request
    // all happen at the same instant.
    const engine = AnomalyEngine.fromBuffer(this.sealer.open(detector, key, state), { now: () => ctx.time });
    return { detector, engine, key };
  }

  /** The state's data key, unwrapped now; KMS refusals become AccessDeniedException naming key and detector. */
  async unwrap(detector: DetectorRecord, state: SealedState, ctx: KmsCallContext): Promise<DetectorDataKey> {
    try {
      return await this.sealer.unwrap(detector, state, ctx);
    } catch (err) {
      throw keyUnavailable(err, detector, state.keyArn);
    }
  }

  /**
   * Seals the engine again and writes it with the detector's settings and progress, over the revision that was read;
   * undefined when the detector changed (or went) meanwhile.
   */
  async trySave(o: OpenedDetector): Promise<DetectorRecord | undefined> {
    o.detector.progress.analyzing = o.engine.analyzing;
    return this.store.updateDetector(o.detector, this.sealer.seal(o.detector, o.key, o.engine.toBuffer()));
  }

  /** `trySave` for an operation. It runs in one store transaction, so a lost race means another server wrote. */
  async save(o: OpenedDetector): Promise<DetectorRecord> {
    const written = await this.trySave(o);
    if (!written) throw new OperationAbortedException(messages.concurrentUpdate);
    return written;
  }

  /**
   * Checks a customer key for a new detector as CloudWatch Logs does, and returns the data key its state will be
   * sealed with: DescribeKey (as the logs principal) tells existence, state and spec when the key policy lets the
   * service describe it; a GenerateDataKey with the detector's encryption context then proves the policy lets the
   * service use it for this detector.
   */
  async dataKeyForNewDetector(ctx: RequestContext, d: DetectorIdentity, kmsKeyId: string): Promise<DetectorDataKey> {
    const keyArn = await this.describeForDetector(ctx, d, kmsKeyId);
    try {
      return await this.sealer.newDataKey(d, keyArn, ctx);
    } catch (err) {
      throw keyRefusal(err, keyArn, d);
    }
  }

  /** DescribeKey as the logs principal; a policy that does not allow it (only use) leaves the decision to the probe. */
  private async describeForDetector(ctx: RequestContext, d: DetectorIdentity, kmsKeyId: string): Promise<string> {
    let meta;
    try {
      meta = (await this.core.kms.describeKey({ KeyId: kmsKeyId }, detectorKmsContext(ctx, d))).KeyMetadata;
    } catch (err) {
      if (err instanceof AwsError && err.code === 'AccessDeniedException') return kmsKeyId;
      throw keyRefusal(err, kmsKeyId, d);
    }
    const arn = meta?.Arn ?? kmsKeyId;
    if (!meta) return arn;
    if (meta.KeySpec !== 'SYMMETRIC_DEFAULT' || meta.KeyUsage !== 'ENCRYPT_DECRYPT') {
      throw new InvalidParameterException(messages.kmsKeyNotSymmetric(arn, meta.KeySpec ?? '', meta.KeyUsage ?? '', arnOf(d)));
    }
    const cause = stateRefusal(meta.KeyState, arn);
    if (cause !== undefined) throw new InvalidParameterException(messages.kmsKeyUnusable(arn, arnOf(d), cause));
    return arn;
  }

  private idOf(ctx: RequestContext, anomalyDetectorArn: string): string {
    const ref = parseDetectorArn(anomalyDetectorArn);
    // Another account's or region's detector is never the caller's (no cross-account observability).
    if (!ref || ref.accountId !== ctx.principal.accountId || ref.region !== ctx.region) throw new ResourceNotFoundException(messages.detectorNotFound);
    return ref.detectorId;
  }
}

/** KMS's reason for a key that exists but cannot be used now; undefined for an enabled key. */
function stateRefusal(keyState: string | undefined, arn: string): string | undefined {
  switch (keyState) {
    case 'Enabled':
      return undefined;
    case 'Disabled':
      return kmsMessages.disabled(arn);
    case 'PendingDeletion':
    case 'PendingReplicaDeletion':
      return kmsMessages.pendingDeletion(arn);
    case 'PendingImport':
      return kmsMessages.pendingImport(arn);
    default:
      return kmsMessages.unavailable(arn);
  }
}

/** KMS's refusal of a key for a new detector, as CloudWatch Logs words it. */
function keyRefusal(err: unknown, keyArn: string, d: DetectorIdentity): unknown {
  if (!(err instanceof AwsError)) return err;
  switch (err.code) {
    case 'AccessDeniedException':
      return new AccessDeniedException(messages.kmsKeyNotAllowed(keyArn, arnOf(d)));
    case 'NotFoundException':
    case 'InvalidArnException':
      return new InvalidParameterException(messages.kmsKeyNotFound(keyArn, arnOf(d)));
    default:
      // DisabledException, KMSInvalidStateException, InvalidKeyUsageException, …: KMS's own reason.
      return new InvalidParameterException(messages.kmsKeyUnusable(keyArn, arnOf(d), err.message));
  }
}

const services = new WeakMap<LogsCore, AnomalyService>();

/**
 * The anomaly detection service of a CloudWatch Logs core. Its operations live in the logs operation table, whose
 * handlers receive the core; the service holds nothing of its own but the core, so one is made per core, on demand.
 */
export function anomalyService(core: LogsCore): AnomalyService {
  let s = services.get(core);
  if (!s) services.set(core, (s = new AnomalyService(core)));
  return s;
}
