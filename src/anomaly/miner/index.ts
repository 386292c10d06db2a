export { PatternMiner } from './miner.js';
export { DEFAULT_MAX_CHARS, WILDCARD, maskMessage, maskToken, tokenize, type Tokens } from './mask.js';
export type {
  GroupState,
  MatchResult,
  MinerOptions,
  MinerState,
  NumericRange,
  Pattern,
  PatternToken,
  SubState,
  TokenStatState,
} from './types.js';
