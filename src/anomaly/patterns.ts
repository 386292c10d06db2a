/**
 * What the engine keeps per pattern besides the miner's template: count baseline, token baselines, the counts of
 * recent runs (histogram) and a few recent events.
 */
import { SeasonalCounts, TokenBaseline, type SeasonalCountsState, type TokenBaselineState } from './baseline.js';
import type { LogEventInput, LogSample } from './model.js';

export const PATTERN_SAMPLES = 5;
/** Runs kept in a pattern's histogram: two weeks of ten-minute runs; older runs go first. */
export const PATTERN_HISTOGRAM_RUNS = 2016;
/** Characters of an event kept in a sample: the part that is mined. */
export const SAMPLE_CHARS = 1500;

/** `origin` of a pattern learnt in training. */
export const TRAINING = 0;

export function sampleOf(ev: LogEventInput): LogSample {
  return { timestamp: ev.timestamp, message: ev.message.length > SAMPLE_CHARS ? ev.message.slice(0, SAMPLE_CHARS) : ev.message };
}

export interface PatternRecordState {
  o: number;
  t: number;
  f: number;
  l: number;
  c: SeasonalCountsState;
  k: [number, TokenBaselineState][];
  h: [number, number][];
  s: LogSample[];
  n: number;
}

export class PatternRecord {
  counts = new SeasonalCounts();
  tokens = new Map<number, TokenBaseline>();
  total = 0;
  firstSeen = 0;
  lastSeen = 0;
  /** [run time, count] of the runs where the pattern was seen, oldest first. */
  histogram: [number, number][] = [];
  /** Ring of the most recent events; `next` is the slot written next. */
  samples: LogSample[] = [];
  private next = 0;

  /** `origin`: TRAINING, or the run time of the window in which the pattern first appeared. */
  constructor(readonly origin: number) {}

  observe(ev: LogEventInput): void {
    if (this.total === 0 || ev.timestamp < this.firstSeen) this.firstSeen = ev.timestamp;
    if (ev.timestamp > this.lastSeen) this.lastSeen = ev.timestamp;
    this.total++;
  }

  /** Keep an event as a sample, in place of the oldest one kept. */
  sample(s: LogSample): void {
    if (this.samples.length < PATTERN_SAMPLES) this.samples.push(s);
    else {
      this.samples[this.next] = s;
      this.next = (this.next + 1) % PATTERN_SAMPLES;
    }
  }

  token(index: number): TokenBaseline {
    let t = this.tokens.get(index);
    if (t === undefined) this.tokens.set(index, (t = new TokenBaseline()));
    return t;
  }

  addRun(runTime: number, count: number): void {
    if (count <= 0) return;
    const last = this.histogram[this.histogram.length - 1];
    if (last !== undefined && last[0] === runTime) last[1] += count;
    else this.histogram.push([runTime, count]);
    if (this.histogram.length > PATTERN_HISTOGRAM_RUNS) this.histogram.splice(0, this.histogram.length - PATTERN_HISTOGRAM_RUNS);
  }

  recentSamples(): LogSample[] {
    return this.samples.slice().sort((a, b) => a.timestamp - b.timestamp);
  }

  /** Fold in a pattern the miner merged into this one. */
  absorb(o: PatternRecord): void {
    this.counts.absorb(o.counts);
    for (const [i, t] of o.tokens) {
      const mine = this.tokens.get(i);
      if (mine === undefined) this.tokens.set(i, t);
      else mine.absorb(t);
    }
    if (o.total > 0) {
      this.firstSeen = this.total === 0 ? o.firstSeen : Math.min(this.firstSeen, o.firstSeen);
      this.lastSeen = Math.max(this.lastSeen, o.lastSeen);
    }
    this.total += o.total;
    const runs = new Map(this.histogram);
    for (const [t, c] of o.histogram) runs.set(t, (runs.get(t) ?? 0) + c);
    this.histogram = [...runs].sort((a, b) => a[0] - b[0]).slice(-PATTERN_HISTOGRAM_RUNS);
    this.samples = [...this.samples, ...o.samples].sort((a, b) => a.timestamp - b.timestamp).slice(-PATTERN_SAMPLES);
    this.next = 0;
  }

  toState(): PatternRecordState {
    return {
      o: this.origin,
      t: this.total,
      f: this.firstSeen,
      l: this.lastSeen,
      c: this.counts.toState(),
      k: [...this.tokens].map(([i, t]) => [i, t.toState()]),
      h: this.histogram.map(([t, c]) => [t, c]),
      s: this.samples.map((x) => ({ ...x })),
      n: this.next,
    };
  }

  static fromState(s: PatternRecordState): PatternRecord {
    const r = new PatternRecord(s.o);
    r.total = s.t;
    r.firstSeen = s.f;
    r.lastSeen = s.l;
    r.counts = SeasonalCounts.fromState(s.c);
    for (const [i, t] of s.k) r.tokens.set(i, TokenBaseline.fromState(t));
    r.histogram = s.h.map(([t, c]) => [t, c]);
    r.samples = s.s.map((x) => ({ ...x }));
    r.next = s.n;
    return r;
  }
}
