/**
 * Domain types of log anomaly detectors as a service: what the store keeps about a detector. These are logseal's own
 * shapes; `wire.ts` maps them to the model's `AnomalyDetector` and `Anomaly`. Times are epoch milliseconds.
 *
 * A detector has plaintext settings and progress (listing and scheduling need them without a key) and a sealed state:
 * the engine's patterns, baselines, samples and anomalies, encrypted under a data key (see `sealing.ts`).
 */
import type { EvaluationFrequency } from '../model.js';

/** How far a detector's work has come; written by the scheduler (and by UpdateLogAnomalyDetector). */
export interface DetectorProgress {
  /** End of the last window learnt (training) or judged; absent until the detector has trained. */
  evaluatedUntil?: number;
  /**
   * Clock time at which the last run started reading events. Events ingested after it whose timestamps fall before
   * the next window are late arrivals: the next run judges them with its first window.
   */
  lastScanAt?: number;
  /** The engine has enough history to report anomalies (mirrors `AnomalyEngine.analyzing`). */
  analyzing: boolean;
  /** Why evaluation is paused although the detector is enabled: KMS refused the detector's (or the group's) key. */
  blockedBy?: string;
  /** When the scheduler next looks at the detector; absent while it is disabled. */
  nextRunAt?: number;
}

/** What CreateLogAnomalyDetector decides; the store adds `seq` and `revision`. */
export interface NewDetector {
  accountId: string;
  region: string;
  /** The UUID at the end of the detector's ARN. */
  detectorId: string;
  name?: string;
  /** The ARN of the one log group watched. */
  logGroupArn: string;
  evaluationFrequency: EvaluationFrequency;
  filterPattern?: string;
  /** The customer key sealing the state; absent: the service-owned key of the account and region. */
  kmsKeyArn?: string;
  /** Days after which an anomaly becomes baseline (7–90). */
  anomalyVisibilityTime: number;
  enabled: boolean;
  createdAt: number;
  lastModifiedAt: number;
  tags: Record<string, string>;
  progress: DetectorProgress;
}

export interface DetectorRecord extends NewDetector {
  /** Order of creation, assigned by the store: the listing order. */
  seq: number;
  /** Changes with every write; writes name the revision they read, so a concurrent change is never overwritten. */
  revision: number;
}

/** The detector's engine state as stored: ciphertext and the data key that opens it, wrapped. */
export interface SealedState {
  /** The customer key that wrapped the data key; absent: the service-owned key. */
  keyArn?: string;
  wrappedKey: Buffer;
  /** `version | iv | ciphertext | tag` (see `sealing.ts`). */
  data: Buffer;
}

/** Options of a detector listing, in creation order. */
export interface DetectorListQuery {
  /** Only the detectors watching this log group (its ARN). */
  logGroupArn?: string;
  limit: number;
  /** Continue after this `seq`. */
  afterSeq?: number;
}
