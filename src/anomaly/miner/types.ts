/** Public shapes of the pattern miner. */

export interface MinerOptions {
  /** Characters of each event that are mined (default 1500). */
  maxChars?: number;
  /** Share of an event's tokens that must equal a pattern's constant tokens to join it (default 0.6). */
  similarityThreshold?: number;
  /** Leading tokens used as keys of the parse tree below the token count (default 1). */
  depth?: number;
  /** Children per parse-tree node; more go to the wildcard branch (default 100). */
  maxChildren?: number;
  /**
   * A varying word position with at most this many distinct values splits its group into one pattern per value
   * (`force=true` / `force=false`); beyond it the position is a parameter (default 2).
   */
  splitCardinality?: number;
  /** Patterns a group may be split into before its most varied position becomes a parameter (default 32). */
  maxSplitsPerGroup?: number;
  /** Distinct values kept per dynamic token before it is marked high-cardinality (default 10). */
  maxEnumerations?: number;
  /** Groups kept; the least recently seen is dropped beyond it (default 2000). */
  maxGroups?: number;
}

export interface MatchResult {
  /** 32 lowercase hex characters, stable across restarts and template generalisation. */
  patternId: string;
  /** True when this event created the pattern. */
  isNew: boolean;
  /** One value per dynamic token, in order: the token's text between the pattern token's constant prefix and suffix. */
  params: string[];
  /**
   * Token index (in the pattern) of each value of `params`. Shared with the miner and replaced, never mutated, when
   * the pattern changes: read it, do not modify it.
   */
  positions: readonly number[];
}

export interface NumericRange {
  min: number;
  max: number;
  count: number;
}

export interface PatternToken {
  position: number;
  isDynamic: boolean;
  /** The token as it appears in the pattern string (`<*>` marks the dynamic part). */
  tokenString: string;
  /** Values seen and their counts, while the token has at most `maxEnumerations` distinct values. */
  enumerations?: Map<string, number>;
  /** True once the token has shown more distinct values than are enumerated. */
  highCardinality?: boolean;
  /** Range of the values that were numbers. */
  numericRange?: NumericRange;
}

export interface Pattern {
  patternId: string;
  /** Tokens joined by single spaces, `<*>` for dynamic parts. */
  patternString: string;
  /** Matches the (first `maxChars` characters of the) events of the pattern. */
  patternRegex: RegExp;
  tokens: PatternToken[];
  /** Events that were counted in this pattern. */
  count: number;
}

/** Serialisable token statistics. */
export interface TokenStatState {
  p: number;
  e?: [string, number][];
  h?: true;
  n?: [number, number, number];
}

export interface SubState {
  id: string;
  seq: number;
  count: number;
  last: number;
  values: string[];
  stats: TokenStatState[];
}

export interface GroupState {
  seq: number;
  path: string[];
  tokens: string[];
  count: number;
  last: number;
  /** Per position: 0 constant, 1 parameter, or the distinct values of a splitting position. */
  pos: (0 | 1 | [string, number][])[];
  split: number[];
  subs: SubState[];
}

export interface MinerState {
  version: 1;
  options: Required<MinerOptions>;
  seq: number;
  events: number;
  groups: GroupState[];
  aliases: [string, string][];
}
