/** The one place where anomaly detectors and anomalies become wire shapes. */
import type {
  Anomaly as WireAnomaly,
  AnomalyDetector,
  AnomalyDetectorStatus,
  GetLogAnomalyDetectorResponse,
  PatternToken,
} from '../../protocol/generated/logs.js';
import type { Anomaly, PatternTokenInfo } from '../model.js';
import { arnOf } from './sealing.js';
import type { DetectorRecord } from './model.js';

/**
 * PAUSED while disabled, or while KMS refuses the key evaluation needs ("evaluation pauses", as the guide says);
 * TRAINING until the engine has history enough to judge; ANALYZING after.
 */
export function detectorStatus(d: DetectorRecord): AnomalyDetectorStatus {
  if (!d.enabled || d.progress.blockedBy !== undefined) return 'PAUSED';
  return d.progress.analyzing ? 'ANALYZING' : 'TRAINING';
}

export function detectorDescription(d: DetectorRecord): GetLogAnomalyDetectorResponse {
  const out: GetLogAnomalyDetectorResponse = {};
  if (d.name !== undefined) out.detectorName = d.name;
  out.logGroupArnList = [d.logGroupArn];
  out.evaluationFrequency = d.evaluationFrequency;
  if (d.filterPattern !== undefined) out.filterPattern = d.filterPattern;
  out.anomalyDetectorStatus = detectorStatus(d);
  if (d.kmsKeyArn !== undefined) out.kmsKeyId = d.kmsKeyArn;
  out.creationTimeStamp = d.createdAt;
  out.lastModifiedTimeStamp = d.lastModifiedAt;
  out.anomalyVisibilityTime = d.anomalyVisibilityTime;
  return out;
}

export function detectorEntry(d: DetectorRecord): AnomalyDetector {
  return { anomalyDetectorArn: arnOf(d), ...detectorDescription(d) };
}

/** As AWS shows tokens (the AWS CLI's list-anomalies example): static ones too carry position 0 and no enumerations. */
function tokenEntry(t: PatternTokenInfo): PatternToken {
  const out: PatternToken = {};
  out.dynamicTokenPosition = t.dynamicTokenPosition ?? 0;
  out.isDynamic = t.isDynamic;
  out.tokenString = t.tokenString;
  out.enumerations = t.enumerations !== undefined ? { ...t.enumerations } : {};
  if (t.inferredTokenName !== undefined) out.inferredTokenName = t.inferredTokenName;
  return out;
}

/** An anomaly as ListAnomalies shows it: the model's fields only (the engine's own ones stay inside). */
export function anomalyEntry(a: Anomaly): WireAnomaly {
  const out: WireAnomaly = {
    anomalyId: a.anomalyId,
    patternId: a.patternId,
    anomalyDetectorArn: a.anomalyDetectorArn,
    patternString: a.patternString,
    patternRegex: a.patternRegex,
    priority: a.priority,
    firstSeen: a.firstSeen,
    lastSeen: a.lastSeen,
    description: a.description,
    active: a.active,
    state: a.state,
    histogram: { ...a.histogram },
    logSamples: a.logSamples.map((s) => ({ timestamp: s.timestamp, message: s.message })),
    patternTokens: a.patternTokens.map(tokenEntry),
    logGroupArnList: a.logGroupArnList.slice(),
    suppressed: a.suppressed,
    // AWS returns the suppression fields on every anomaly, 0 and false when it is not suppressed.
    suppressedDate: a.suppressed ? (a.suppressedDate ?? 0) : 0,
    suppressedUntil: a.suppressed ? (a.suppressedUntil ?? 0) : 0,
    isPatternLevelSuppression: a.suppressed ? (a.isPatternLevelSuppression ?? false) : false,
  };
  return out;
}
