export { AnomalyEngine, COUNT_ALPHA, MIN_HISTORY_WINDOWS, suppressionEnd, type SuppressionPeriod } from './engine.js';
export { StateFormatError } from './serialize.js';
export {
  DEFAULT_ANOMALY_VISIBILITY_DAYS,
  EVALUATION_PERIOD_MS,
  type Anomaly,
  type AnomalyKind,
  type AnomalyState,
  type DetectorSettings,
  type EvaluationFrequency,
  type LogEventInput,
  type LogSample,
  type PatternInfo,
  type PatternTokenInfo,
  type Priority,
  type Severity,
  type SuppressionEnd,
} from './model.js';
export { PatternMiner, maskMessage, tokenize, WILDCARD } from './miner/index.js';
