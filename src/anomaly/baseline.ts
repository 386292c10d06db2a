/**
 * Baselines the engine judges a window against: per pattern, its count per window by hour of day; per dynamic token,
 * the values it takes (while they are few) and the range of its numeric values. Memory is constant per pattern and
 * token; the reasoning is in docs/decisions/0005-pattern-miner.md.
 */
import { harmonic } from './stats.js';

/** Hour-of-day slots: log volume follows the working day far more than anything else. */
export const SLOTS = 24;
const HOUR_MS = 3_600_000;
/** Old windows count half as much after a week: the baseline follows slow drift, not one bad day. */
export const HALF_LIFE_MS = 7 * 24 * HOUR_MS;
/**
 * Weight (in windows) pulling an hour towards the pattern's all-day mean: decisive for an hour seen once or never,
 * negligible after a few days.
 */
const SHRINK_WINDOWS = 0.5;

export function slotOf(time: number): number {
  return Math.floor(time / HOUR_MS) % SLOTS;
}

export interface CountExpectation {
  /** Expected count for the window. */
  expected: number;
  /** Variance / mean of the counts (≥ 1): how bursty the pattern is. */
  dispersion: number;
  /** Windows of history, decay-weighted. */
  history: number;
}

export interface SeasonalCountsState {
  /** Per slot: [sum of counts, sum of squared counts, windows, time of the last update]. */
  s: [number, number, number, number][];
}

/**
 * Decay-weighted sums of a pattern's count per window, per hour of day: enough for the mean and variance of each
 * hour without keeping the windows.
 */
export class SeasonalCounts {
  private readonly sum = new Float64Array(SLOTS);
  private readonly sq = new Float64Array(SLOTS);
  private readonly n = new Float64Array(SLOTS);
  private readonly last = new Float64Array(SLOTS);

  /** Add the count of the window starting at `windowStart`. */
  update(windowStart: number, count: number): void {
    const h = slotOf(windowStart);
    const prev = this.last[h]!;
    const f = prev > 0 && windowStart > prev ? Math.pow(0.5, (windowStart - prev) / HALF_LIFE_MS) : 1;
    this.sum[h] = this.sum[h]! * f + count;
    this.sq[h] = this.sq[h]! * f + count * count;
    this.n[h] = this.n[h]! * f + 1;
    this.last[h] = windowStart;
  }

  /** Windows of history (decay-weighted). */
  history(): number {
    let t = 0;
    for (let h = 0; h < SLOTS; h++) t += this.n[h]!;
    return t;
  }

  /**
   * Expected count of the window starting at `windowStart`: the mean of its hour of day, shrunk towards the all-day
   * mean when that hour has little history, never below half an event over the whole history (a pattern seen once in
   * two weeks is not expected zero times). Dispersion is the pooled Pearson statistic of the hours (χ² / degrees of
   * freedom), at least 1.
   */
  expectation(windowStart: number): CountExpectation {
    let sAll = 0;
    let nAll = 0;
    let chi = 0;
    let dof = 0;
    for (let h = 0; h < SLOTS; h++) {
      const s = this.sum[h]!;
      const n = this.n[h]!;
      sAll += s;
      nAll += n;
      if (s > 0 && n > 1) {
        const mean = s / n;
        chi += Math.max(0, this.sq[h]! - (s * s) / n) / mean;
        dof += n - 1;
      }
    }
    if (nAll === 0) return { expected: 0, dispersion: 1, history: 0 };
    const all = sAll / nAll;
    const h = slotOf(windowStart);
    const slotMean = (this.sum[h]! + SHRINK_WINDOWS * all) / (this.n[h]! + SHRINK_WINDOWS);
    return {
      expected: Math.max(slotMean, 0.5 / Math.max(nAll, 1)),
      dispersion: dof > 0 ? Math.max(1, chi / dof) : 1,
      history: nAll,
    };
  }

  /**
   * Fold in the counts of a pattern merged into this one. Counts of two patterns add up window by window; the cross
   * term of the squares is estimated as if they were independent.
   */
  absorb(o: SeasonalCounts): void {
    for (let h = 0; h < SLOTS; h++) {
      const n = Math.max(this.n[h]!, o.n[h]!);
      const cross = n > 0 ? (2 * this.sum[h]! * o.sum[h]!) / n : 0;
      this.sq[h] = this.sq[h]! + o.sq[h]! + cross;
      this.sum[h] = this.sum[h]! + o.sum[h]!;
      this.n[h] = n;
      this.last[h] = Math.max(this.last[h]!, o.last[h]!);
    }
  }

  /** A change of evaluation period: counts per window scale with its length. */
  rescale(ratio: number): void {
    for (let h = 0; h < SLOTS; h++) {
      this.sum[h] = this.sum[h]! * ratio;
      this.sq[h] = this.sq[h]! * ratio * ratio;
    }
  }

  toState(): SeasonalCountsState {
    const s: [number, number, number, number][] = [];
    for (let h = 0; h < SLOTS; h++) s.push([this.sum[h]!, this.sq[h]!, this.n[h]!, this.last[h]!]);
    return { s };
  }

  static fromState(st: SeasonalCountsState): SeasonalCounts {
    const c = new SeasonalCounts();
    st.s.forEach(([s, q, n, l], h) => {
      c.sum[h] = s;
      c.sq[h] = q;
      c.n[h] = n;
      c.last[h] = l;
    });
    return c;
  }
}

/** Distinct values a token may show and still be judged a closed set of values (status codes, levels, flags). */
export const MAX_ENUMERATIONS = 10;
/** Observations before a token's set of values is trusted. */
const MIN_ENUM_OBSERVATIONS = 50;
/**
 * Largest Good–Turing estimate of the chance that the next value is a new one ((values seen once + 1) / (n + 1)) for
 * which a new value is an anomaly: below it, the values seen so far cover all but 2% of the traffic.
 */
const MAX_UNSEEN_MASS = 0.02;
/** Numeric observations before a token's range is trusted. */
const MIN_RANGE_OBSERVATIONS = 30;
/** A value is far outside the range when it is beyond it by this many range widths. */
export const RANGE_WIDTHS = 3;
const EXAMPLES = 5;

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

export function parseNumber(v: string): number | undefined {
  if (v.length === 0 || v.length > 32 || !NUMBER.test(v)) return undefined;
  const x = Number(v);
  return Number.isFinite(x) ? x : undefined;
}

export type TokenVerdict =
  | { kind: 'TOKEN_VALUE' }
  | { kind: 'TOKEN_RANGE'; direction: 'above' | 'below'; widths: number; min: number; max: number };

export interface TokenBaselineState {
  n: number;
  v?: [string, number][];
  x: string[];
  /** numeric: count, min, max, records */
  r?: [number, number, number, number];
}

/** What one dynamic token of a pattern normally looks like. */
export class TokenBaseline {
  n = 0;
  /** Values and counts while there are at most MAX_ENUMERATIONS of them; undefined beyond. */
  values: Map<string, number> | undefined = new Map();
  /** The first distinct values, kept for naming the token when there are too many to enumerate. */
  examples: string[] = [];
  numCount = 0;
  min = 0;
  max = 0;
  /** New minima and maxima set after the first value: about 2·ln n for a stationary token, n for a counter. */
  records = 0;

  observe(v: string, times = 1): void {
    this.n += times;
    const vals = this.values;
    if (vals !== undefined) {
      const c = vals.get(v);
      if (c !== undefined) vals.set(v, c + times);
      else if (vals.size < MAX_ENUMERATIONS) this.addValue(vals, v, times);
      else this.values = undefined;
    } else if (this.examples.length < EXAMPLES && !this.examples.includes(v)) {
      this.examples.push(v);
    }
    const x = parseNumber(v);
    if (x === undefined) return;
    if (this.numCount === 0) {
      this.min = x;
      this.max = x;
    } else if (x > this.max) {
      this.max = x;
      this.records++;
    } else if (x < this.min) {
      this.min = x;
      this.records++;
    }
    this.numCount += times;
  }

  private addValue(vals: Map<string, number>, v: string, times: number): void {
    vals.set(v, times);
    if (this.examples.length < EXAMPLES) this.examples.push(v);
  }

  /** Whether a value is out of place: unseen in a closed set of values, or far outside a stable numeric range. */
  judge(v: string): TokenVerdict | undefined {
    if (this.isClosedSet() && !this.values!.has(v)) return { kind: 'TOKEN_VALUE' };
    if (!this.hasStableRange()) return undefined;
    const x = parseNumber(v);
    if (x === undefined) return undefined;
    const w = this.width();
    if (x > this.max + RANGE_WIDTHS * w) return { kind: 'TOKEN_RANGE', direction: 'above', widths: (x - this.max) / w, min: this.min, max: this.max };
    if (x < this.min - RANGE_WIDTHS * w) return { kind: 'TOKEN_RANGE', direction: 'below', widths: (this.min - x) / w, min: this.min, max: this.max };
    return undefined;
  }

  /** Few values, each seen often enough that an unseen one is unlikely (Good–Turing). */
  isClosedSet(): boolean {
    const vals = this.values;
    if (vals === undefined || this.n < MIN_ENUM_OBSERVATIONS) return false;
    let singletons = 0;
    for (const c of vals.values()) if (c === 1) singletons++;
    return (singletons + 1) / (this.n + 1) <= MAX_UNSEEN_MASS;
  }

  /**
   * Enough numeric values, nearly all of the token's, and no trend: a counter, id or timestamp sets a new record with
   * almost every value, a stationary measurement about 2·H(n) times (H the harmonic number). Trending tokens are never
   * judged by range; the threshold allows four standard deviations of the record count.
   */
  hasStableRange(): boolean {
    if (this.numCount < MIN_RANGE_OBSERVATIONS || this.numCount < 0.99 * this.n) return false;
    const expected = 2 * harmonic(this.numCount);
    return this.records <= expected + 4 * Math.sqrt(expected) + 2;
  }

  /** The range's width, or a tenth of its magnitude when values hardly vary (1 when they are all 0). */
  width(): number {
    const w = Math.max(this.max - this.min, 0.1 * Math.max(Math.abs(this.min), Math.abs(this.max)));
    return w > 0 ? w : 1;
  }

  absorb(o: TokenBaseline): void {
    if (this.values !== undefined && o.values !== undefined) {
      for (const [v, c] of o.values) {
        const mine = this.values.get(v);
        if (mine !== undefined) this.values.set(v, mine + c);
        else if (this.values.size < MAX_ENUMERATIONS) this.addValue(this.values, v, c);
        else {
          this.values = undefined;
          break;
        }
      }
    } else {
      this.values = undefined;
    }
    for (const x of o.examples) if (this.examples.length < EXAMPLES && !this.examples.includes(x)) this.examples.push(x);
    this.n += o.n;
    if (o.numCount > 0) {
      if (this.numCount === 0) {
        this.min = o.min;
        this.max = o.max;
      } else {
        this.min = Math.min(this.min, o.min);
        this.max = Math.max(this.max, o.max);
      }
      this.numCount += o.numCount;
      this.records += o.records;
    }
  }

  toState(): TokenBaselineState {
    const s: TokenBaselineState = { n: this.n, x: this.examples.slice() };
    if (this.values !== undefined) s.v = [...this.values];
    if (this.numCount > 0) s.r = [this.numCount, this.min, this.max, this.records];
    return s;
  }

  static fromState(s: TokenBaselineState): TokenBaseline {
    const t = new TokenBaseline();
    t.n = s.n;
    t.values = s.v !== undefined ? new Map(s.v) : undefined;
    t.examples = s.x.slice();
    if (s.r !== undefined) [t.numCount, t.min, t.max, t.records] = s.r;
    return t;
  }
}
