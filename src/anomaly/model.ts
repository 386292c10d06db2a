/**
 * Domain types of the anomaly engine. They follow the field names of the CloudWatch Logs model's `Anomaly`,
 * `PatternToken` and `LogEvent` shapes (camelCase), but are logseal's own: the logs wire layer maps them. Times are
 * epoch milliseconds.
 */

export type EvaluationFrequency = 'ONE_MIN' | 'FIVE_MIN' | 'TEN_MIN' | 'FIFTEEN_MIN' | 'THIRTY_MIN' | 'ONE_HOUR';

export const EVALUATION_PERIOD_MS: Readonly<Record<EvaluationFrequency, number>> = {
  ONE_MIN: 60_000,
  FIVE_MIN: 300_000,
  TEN_MIN: 600_000,
  FIFTEEN_MIN: 900_000,
  THIRTY_MIN: 1_800_000,
  ONE_HOUR: 3_600_000,
};

/** CreateLogAnomalyDetector's default visibility (days); the model allows 7–90. */
export const DEFAULT_ANOMALY_VISIBILITY_DAYS = 21;

export interface DetectorSettings {
  anomalyDetectorArn: string;
  /** Log groups the detector watches (reported on anomalies whose events carry no log group). */
  logGroupArnList: string[];
  evaluationFrequency: EvaluationFrequency;
  /** Days after its first sighting that an anomaly is accepted as baseline. */
  anomalyVisibilityTime: number;
}

/** One log event fed to the engine. */
export interface LogEventInput {
  timestamp: number;
  message: string;
  /** The log group it came from, when the detector watches several. */
  logGroupArn?: string;
}

export interface LogSample {
  timestamp: number;
  message: string;
}

export type Severity = 'FATAL' | 'ERROR' | 'WARN' | 'NONE';
export type Priority = 'HIGH' | 'MEDIUM' | 'LOW';
export type AnomalyState = 'Active' | 'Suppressed' | 'Baseline';

/** What made an anomaly: the five kinds CloudWatch Logs documents, HTTP error codes folded into `TOKEN_VALUE`. */
export type AnomalyKind = 'NEW_PATTERN' | 'COUNT_SPIKE' | 'COUNT_DROP' | 'TOKEN_VALUE' | 'TOKEN_RANGE';

export interface NumericRange {
  min: number;
  max: number;
}

/** One token of a pattern, as the model's `PatternToken` (plus the learnt numeric range). */
export interface PatternTokenInfo {
  /** 1-based rank among the dynamic tokens; absent on static tokens. */
  dynamicTokenPosition?: number;
  isDynamic: boolean;
  /** `<*>` for a dynamic token, the text otherwise. */
  tokenString: string;
  /** Values seen and how often, for a dynamic token with few distinct values. */
  enumerations?: Record<string, number>;
  /** e.g. `status-2`, `IPAddress-3`: a name for the content and the dynamic position. */
  inferredTokenName?: string;
  numericRange?: NumericRange;
}

/** A row of a detector's pattern table. */
export interface PatternInfo {
  patternId: string;
  patternString: string;
  patternRegex: string;
  patternTokens: PatternTokenInfo[];
  /** Events counted in this pattern since it was first seen. */
  count: number;
  firstSeen: number;
  lastSeen: number;
  severity: Severity;
  /** Run time (epoch ms, as a decimal string) → events of the pattern in that run's window. */
  histogram: Record<string, number>;
  logSamples: LogSample[];
}

/** An anomaly, with every field of the model's `Anomaly` shape plus what the engine found. */
export interface Anomaly {
  /** 36 characters (a name-based UUID). */
  anomalyId: string;
  patternId: string;
  anomalyDetectorArn: string;
  patternString: string;
  patternRegex: string;
  priority: Priority;
  firstSeen: number;
  lastSeen: number;
  description: string;
  /** True while it recurs: it was found in the detector's latest run. */
  active: boolean;
  state: AnomalyState;
  /** Run time (epoch ms, as a decimal string) → occurrences found in that run. */
  histogram: Record<string, number>;
  logSamples: LogSample[];
  patternTokens: PatternTokenInfo[];
  logGroupArnList: string[];
  suppressed: boolean;
  suppressedDate?: number;
  /** When the suppression ends; 0 for an INFINITE suppression. */
  suppressedUntil?: number;
  isPatternLevelSuppression?: boolean;

  kind: AnomalyKind;
  severity: Severity;
  /** For token anomalies: the token (index in the pattern) and the value that was out of place. */
  tokenIndex?: number;
  tokenValue?: string;
  /** For TOKEN_RANGE: on which side of the learnt range the value fell. */
  rangeDirection?: 'above' | 'below';
  /** For count anomalies: the count expected for the window where it was last seen. */
  expectedCount?: number;
  /** True once accepted as normal (by UpdateAnomaly `baseline`, or when anomalyVisibilityTime has passed). */
  baselined: boolean;
  /** When it was accepted; it is forgotten a visibility time later. */
  baselinedAt?: number;
}

/** Until when a suppression lasts: an epoch-ms time, or 'INFINITE'. */
export type SuppressionEnd = number | 'INFINITE';
