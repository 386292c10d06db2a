/**
 * One log anomaly detector's engine: mines patterns, learns baselines from past events, and judges each run's window.
 * Pure domain code: no I/O, time comes from the injected clock or the run time; the state is saved as bytes.
 *
 *   const engine = new AnomalyEngine(settings, clock);
 *   engine.train(lastTwoWeeks);                       // baselines
 *   const found = engine.evaluate(windowEvents, runTime);   // every evaluationFrequency
 *   engine.toBuffer() / AnomalyEngine.fromBuffer(bytes, clock)
 *
 * The statistics are explained in docs/decisions/0005-pattern-miner.md.
 */
import type { Clock } from '../common/clock.js';
import { AnomalyBook, type AnomalyBookState, type Detection, type PatternView } from './anomalies.js';
import type { TokenVerdict } from './baseline.js';
import { PatternMiner } from './miner/miner.js';
import type { MinerState, Pattern } from './miner/types.js';
import {
  countDropDescription,
  countSpikeDescription,
  newPatternDescription,
  tokenRangeDescription,
  tokenValueDescription,
} from './messages.js';
import {
  DEFAULT_ANOMALY_VISIBILITY_DAYS,
  EVALUATION_PERIOD_MS,
  type Anomaly,
  type DetectorSettings,
  type LogEventInput,
  type LogSample,
  type PatternInfo,
  type Severity,
  type SuppressionEnd,
} from './model.js';
import { PATTERN_SAMPLES, PatternRecord, TRAINING, sampleOf, type PatternRecordState } from './patterns.js';
import { decodeState, encodeState, StateFormatError } from './serialize.js';
import { deviationOfRatio, httpStatusSeverity, maxSeverity, severityOf, type Deviation } from './severity.js';
import { countTails } from './stats.js';
import { describeTokens, tokenNameAt } from './tokens.js';

/** Windows of history before the engine reports anything, and before a pattern's count is judged. */
export const MIN_HISTORY_WINDOWS = 24;
/**
 * One-sided p-value below which a window's count is an anomaly: about one false alarm a year for 50 patterns judged
 * every five minutes (2 × 50 × 105,120 tests).
 */
export const COUNT_ALPHA = 1e-7;
/** Guards of practical significance on top of the test: at least doubled (or halved) and by 3 events or more. */
const MIN_COUNT_RATIO = 2;
const MIN_COUNT_EXCESS = 3;
const WINDOW_SAMPLES = 10;

export interface SuppressionPeriod {
  value: number;
  suppressionUnit: 'SECONDS' | 'MINUTES' | 'HOURS';
}

const UNIT_MS = { SECONDS: 1000, MINUTES: 60_000, HOURS: 3_600_000 } as const;

/**
 * When an UpdateAnomaly suppression ends: INFINITE (any period ignored, as AWS documents), or `now` plus the period
 * (LIMITED, which needs one: the service rejects the request without it before calling this).
 */
export function suppressionEnd(now: number, type: 'LIMITED' | 'INFINITE', period?: SuppressionPeriod): SuppressionEnd {
  if (type === 'INFINITE') return 'INFINITE';
  if (period === undefined) throw new RangeError('a LIMITED suppression needs a suppressionPeriod');
  return now + period.value * UNIT_MS[period.suppressionUnit];
}

interface EngineState {
  v: 1;
  settings: DetectorSettings;
  history: number;
  lastRun: number;
  miner: MinerState;
  records: [string, PatternRecordState][];
  book: AnomalyBookState;
}

/** A pattern's events in the window being judged. */
interface WindowCount {
  count: number;
  samples: LogSample[];
  first: number;
  last: number;
  groups: Set<string>;
}

/** Out-of-place values of one token in the window being judged. */
interface TokenHit {
  patternId: string;
  tokenIndex: number;
  verdict: TokenVerdict;
  value: string;
  count: number;
  samples: LogSample[];
  first: number;
  last: number;
  groups: Set<string>;
}

function addTo(w: { count: number; samples: LogSample[]; first: number; last: number; groups: Set<string> }, ev: LogEventInput): void {
  if (w.count === 0 || ev.timestamp < w.first) w.first = ev.timestamp;
  if (w.count === 0 || ev.timestamp > w.last) w.last = ev.timestamp;
  w.count++;
  if (w.samples.length < WINDOW_SAMPLES) w.samples.push(sampleOf(ev));
  if (ev.logGroupArn !== undefined) w.groups.add(ev.logGroupArn);
}

function isBlank(message: string): boolean {
  return message.trim().length === 0;
}

export class AnomalyEngine {
  private miner = new PatternMiner();
  private records = new Map<string, PatternRecord>();
  private book: AnomalyBook;
  /** Windows of history seen (training span and evaluated runs). */
  private history = 0;
  private lastRun = 0;
  private seenRevision = 0;

  constructor(
    private settings: DetectorSettings,
    private readonly clock: Clock,
  ) {
    this.settings = { ...settings, anomalyVisibilityTime: settings.anomalyVisibilityTime || DEFAULT_ANOMALY_VISIBILITY_DAYS };
    this.book = new AnomalyBook(this.settings);
  }

  private get period(): number {
    return EVALUATION_PERIOD_MS[this.settings.evaluationFrequency];
  }

  /** True once the engine has enough history to report anomalies. */
  get analyzing(): boolean {
    return this.history >= MIN_HISTORY_WINDOWS;
  }

  /** Time of the end of the last window learnt or judged. */
  get lastRunTime(): number {
    return this.lastRun;
  }

  getSettings(): DetectorSettings {
    return { ...this.settings, logGroupArnList: this.settings.logGroupArnList.slice() };
  }

  /**
   * UpdateLogAnomalyDetector: a new evaluation period rescales the count baselines (counts per window grow with the
   * window); a new visibility time applies to open anomalies from now on.
   */
  updateSettings(change: Partial<Pick<DetectorSettings, 'evaluationFrequency' | 'anomalyVisibilityTime' | 'logGroupArnList'>>): void {
    const before = this.period;
    this.settings = { ...this.settings, ...change };
    const ratio = this.period / before;
    if (ratio !== 1) {
      for (const r of this.records.values()) r.counts.rescale(ratio);
      this.history = Math.floor(this.history / ratio);
    }
    this.book.setSettings(this.settings);
  }

  // ---- learning ----

  /**
   * Learn from past events (the log group's last two weeks), window by window over [start, end) — by default from
   * the first event to the last. Events may come in any order. Nothing is reported.
   */
  train(events: readonly LogEventInput[], span?: { start: number; end: number }): void {
    const sorted = isSorted(events) ? events : [...events].sort((a, b) => a.timestamp - b.timestamp);
    const period = this.period;
    if (sorted.length === 0 && span === undefined) return;
    const start = span?.start ?? sorted[0]!.timestamp;
    const end = span?.end ?? sorted[sorted.length - 1]!.timestamp + 1;
    const first = Math.floor(start / period);
    const stop = Math.max(first + 1, Math.ceil(end / period));
    let w = first;
    let counts = new Map<string, number>();
    for (const ev of sorted) {
      if (ev.timestamp < start || ev.timestamp >= end || isBlank(ev.message)) continue;
      const k = Math.floor(ev.timestamp / period);
      while (w < k) {
        this.learnWindow(w, counts);
        counts = new Map();
        w++;
      }
      const r = this.miner.add(ev.message);
      const rec = this.recordOf(r.patternId, TRAINING);
      rec.observe(ev);
      const c = counts.get(r.patternId) ?? 0;
      counts.set(r.patternId, c + 1);
      // the pattern's samples: the first few events of each window, so the latest windows' remain
      if (c < PATTERN_SAMPLES) rec.sample(sampleOf(ev));
      for (let i = 0; i < r.positions.length; i++) rec.token(r.positions[i]!).observe(r.params[i]!);
    }
    for (; w < stop; w++) {
      this.learnWindow(w, counts);
      counts = new Map();
    }
    this.history += stop - first;
    this.lastRun = Math.max(this.lastRun, stop * period);
  }

  /** Fold one training window's counts into every pattern's baseline (zero for those not seen). */
  private learnWindow(w: number, counts: Map<string, number>): void {
    const merged = this.followMerges() ? rekey(counts, (a, b) => a + b, (id) => this.miner.resolve(id)) : counts;
    const start = w * this.period;
    const runTime = start + this.period;
    for (const [id, rec] of this.records) {
      const c = merged.get(id) ?? 0;
      rec.counts.update(start, c);
      rec.addRun(runTime, c);
    }
  }

  private recordOf(patternId: string, origin: number): PatternRecord {
    let rec = this.records.get(patternId);
    if (rec === undefined) this.records.set(patternId, (rec = new PatternRecord(origin)));
    return rec;
  }

  /**
   * Follow the miner's merges: what is kept under ids that are no longer current moves to the surviving pattern
   * (dropped patterns lose theirs). Returns whether ids changed since the last call, in which case data the caller
   * keyed by pattern id during the same stretch must be re-keyed too.
   */
  private followMerges(): boolean {
    if (this.miner.revision === this.seenRevision) return false;
    this.seenRevision = this.miner.revision;
    const resolve = (id: string): string | undefined => this.miner.resolve(id);
    for (const [id, rec] of [...this.records]) {
      const to = resolve(id);
      if (to === id) continue;
      this.records.delete(id);
      if (to === undefined) continue;
      const target = this.records.get(to);
      if (target === undefined) this.records.set(to, rec);
      else target.absorb(rec);
    }
    this.book.remap(resolve);
    return true;
  }

  // ---- judging ----

  /**
   * Judge the window [runTime − evaluation period, runTime): returns the anomalies this run opened or extended
   * (accepted ones excluded), then learns the window.
   */
  evaluate(events: readonly LogEventInput[], runTime: number): Anomaly[] {
    this.applyAcceptances(this.book.refresh(runTime));
    const analyzing = this.analyzing;
    const windows = new Map<string, WindowCount>();
    const hits = new Map<string, TokenHit>();
    for (const ev of events) {
      if (isBlank(ev.message)) continue;
      const r = this.miner.add(ev.message);
      const rec = this.recordOf(r.patternId, analyzing ? runTime : TRAINING);
      rec.observe(ev);
      let wc = windows.get(r.patternId);
      if (wc === undefined) windows.set(r.patternId, (wc = { count: 0, samples: [], first: 0, last: 0, groups: new Set() }));
      addTo(wc, ev);
      const judge = analyzing && rec.origin !== runTime;
      for (let i = 0; i < r.positions.length; i++) {
        const p = r.positions[i]!;
        const v = r.params[i]!;
        const tb = rec.token(p);
        const verdict = judge ? tb.judge(v) : undefined;
        if (verdict === undefined) tb.observe(v);
        else this.hit(hits, r.patternId, p, v, verdict, ev);
      }
    }
    const merged = this.followMerges();
    const counts = merged ? rekey(windows, mergeWindow, (id) => this.miner.resolve(id)) : windows;
    const tokenHits = this.reconcileHits(hits);
    const found = analyzing ? [...this.patternFindings(counts, runTime), ...this.tokenFindings(tokenHits)] : [];
    const touched = this.book.record(found, runTime, (id) => this.view(id));
    this.learnRun(counts, found, tokenHits, runTime);
    this.history++;
    this.lastRun = Math.max(this.lastRun, runTime);
    return touched.filter((a) => !a.baselined).map((a) => structuredClone(a));
  }

  private hit(hits: Map<string, TokenHit>, patternId: string, tokenIndex: number, value: string, verdict: TokenVerdict, ev: LogEventInput): void {
    const key = `${patternId}\u0000${tokenIndex}\u0000${verdict.kind === 'TOKEN_VALUE' ? value : verdict.direction}`;
    let h = hits.get(key);
    if (h === undefined) {
      hits.set(key, (h = { patternId, tokenIndex, verdict, value, count: 0, samples: [], first: 0, last: 0, groups: new Set() }));
    } else if (verdict.kind === 'TOKEN_RANGE' && h.verdict.kind === 'TOKEN_RANGE' && verdict.widths > h.verdict.widths) {
      // a range anomaly shows the most extreme value of the window
      h.verdict = verdict;
      h.value = value;
    }
    addTo(h, ev);
  }

  private reconcileHits(hits: Map<string, TokenHit>): TokenHit[] {
    const out: TokenHit[] = [];
    for (const h of hits.values()) {
      const to = this.miner.resolve(h.patternId);
      if (to === undefined) continue;
      h.patternId = to;
      out.push(h);
    }
    return out;
  }

  /** New patterns, and counts far from their baseline. */
  private *patternFindings(counts: Map<string, WindowCount>, runTime: number): Generator<Detection> {
    const windowStart = runTime - this.period;
    for (const [id, rec] of this.records) {
      const wc = counts.get(id);
      const c = wc?.count ?? 0;
      const pending = this.book.open('NEW_PATTERN', id);
      if (rec.origin === runTime || pending !== undefined) {
        if (wc !== undefined) yield this.newPatternFinding(id, wc, pending !== undefined);
        continue;
      }
      if (rec.counts.history() < MIN_HISTORY_WINDOWS) continue;
      const { expected, dispersion } = rec.counts.expectation(windowStart);
      const spike = c >= MIN_COUNT_RATIO * expected && c - expected >= MIN_COUNT_EXCESS;
      const drop = c * MIN_COUNT_RATIO <= expected && expected - c >= MIN_COUNT_EXCESS;
      if (!spike && !drop) continue;
      const tails = countTails(c, expected, dispersion);
      if (spike && tails.upper < COUNT_ALPHA) {
        yield this.countFinding('COUNT_SPIKE', id, c, expected, dispersion, deviationOfRatio(c / expected), wc, windowStart, runTime);
      } else if (drop && tails.lower < COUNT_ALPHA) {
        const ratio = c === 0 ? Infinity : expected / c;
        yield this.countFinding('COUNT_DROP', id, c, expected, dispersion, deviationOfRatio(ratio), wc, windowStart, runTime);
      }
    }
  }

  private newPatternFinding(patternId: string, wc: WindowCount, continuation: boolean): Detection {
    return {
      kind: 'NEW_PATTERN',
      patternId,
      severity: this.severityOf(patternId, wc.samples),
      deviation: 'MEDIUM',
      count: wc.count,
      samples: wc.samples,
      firstSeen: wc.first,
      lastSeen: wc.last,
      logGroups: [...wc.groups],
      description: newPatternDescription(wc.count),
      continuation,
    };
  }

  private countFinding(
    kind: 'COUNT_SPIKE' | 'COUNT_DROP',
    patternId: string,
    count: number,
    expected: number,
    dispersion: number,
    deviation: Deviation,
    wc: WindowCount | undefined,
    windowStart: number,
    runTime: number,
  ): Detection {
    const samples = wc?.samples ?? [];
    return {
      kind,
      patternId,
      severity: this.severityOf(patternId, samples),
      deviation,
      count,
      samples,
      firstSeen: wc?.first ?? windowStart,
      lastSeen: wc?.last ?? runTime,
      logGroups: wc !== undefined ? [...wc.groups] : [],
      description: (kind === 'COUNT_SPIKE' ? countSpikeDescription : countDropDescription)(count, expected, Math.sqrt(dispersion * expected), this.period),
      expectedCount: expected,
    };
  }

  /** Unseen values of closed sets, and numbers far outside their range. */
  private *tokenFindings(hits: readonly TokenHit[]): Generator<Detection> {
    for (const h of hits) {
      const pattern = this.miner.pattern(h.patternId);
      const rec = this.records.get(h.patternId);
      if (pattern === undefined || rec === undefined) continue;
      const name = tokenNameAt(pattern, describeTokens(pattern, (p) => this.records.get(h.patternId)?.tokens.get(p)), h.tokenIndex);
      let severity = this.severityOf(h.patternId, h.samples);
      const base: Omit<Detection, 'kind' | 'deviation' | 'description'> = {
        patternId: h.patternId,
        severity,
        count: h.count,
        samples: h.samples,
        firstSeen: h.first,
        lastSeen: h.last,
        logGroups: [...h.groups],
        tokenIndex: h.tokenIndex,
        tokenValue: h.value,
      };
      if (h.verdict.kind === 'TOKEN_VALUE') {
        // an HTTP status code the service never answered is as severe as its class (5xx error, 4xx warning)
        if (/status|code|http/i.test(name) || /\bHTTP\b/.test(pattern.patternString)) severity = maxSeverity(severity, httpStatusSeverity(h.value));
        const known = [...(rec.tokens.get(h.tokenIndex)?.values ?? new Map<string, number>())].sort((a, b) => b[1] - a[1]).map(([v]) => v);
        yield { ...base, severity, kind: 'TOKEN_VALUE', deviation: 'MEDIUM', description: tokenValueDescription(name, h.value, known) };
      } else {
        const v = h.verdict;
        yield {
          ...base,
          kind: 'TOKEN_RANGE',
          deviation: v.widths >= 10 ? 'HIGH' : 'MEDIUM',
          rangeDirection: v.direction,
          description: tokenRangeDescription(name, h.value, v.min, v.max),
        };
      }
    }
  }

  private severityOf(patternId: string, samples: readonly LogSample[]): Severity {
    let s = severityOf(this.miner.pattern(patternId)?.patternString ?? '');
    for (const x of samples) s = maxSeverity(s, severityOf(x.message));
    return s;
  }

  /**
   * Learn the judged window: every pattern's count joins its baseline, except a count that was found anomalous and
   * not accepted (a spike must not teach the baseline that spikes are normal); out-of-place token values join only
   * once their anomaly is accepted.
   */
  private learnRun(counts: Map<string, WindowCount>, found: readonly Detection[], hits: readonly TokenHit[], runTime: number): void {
    const held = new Set<string>();
    for (const d of found) {
      if (d.kind !== 'COUNT_SPIKE' && d.kind !== 'COUNT_DROP') continue;
      const a = this.book.current(d);
      if (a === undefined || !a.baselined) held.add(d.patternId);
    }
    const windowStart = runTime - this.period;
    for (const [id, rec] of this.records) {
      const wc = counts.get(id);
      const c = wc?.count ?? 0;
      rec.addRun(runTime, c);
      if (!held.has(id)) rec.counts.update(windowStart, c);
      if (wc !== undefined) for (const s of wc.samples.slice(0, PATTERN_SAMPLES)) rec.sample(s);
    }
    for (const h of hits) {
      const a = this.book.current({
        kind: h.verdict.kind,
        patternId: h.patternId,
        tokenIndex: h.tokenIndex,
        tokenValue: h.value,
        ...(h.verdict.kind === 'TOKEN_RANGE' ? { rangeDirection: h.verdict.direction } : {}),
      });
      if (a?.baselined === true) this.records.get(h.patternId)?.token(h.tokenIndex).observe(h.value, h.count);
    }
  }

  /** Accepted token anomalies make their value normal. */
  private applyAcceptances(accepted: readonly Anomaly[]): void {
    for (const a of accepted) {
      if (a.tokenIndex === undefined || a.tokenValue === undefined) continue;
      const rec = this.records.get(a.patternId);
      if (rec === undefined) continue;
      const times = Object.values(a.histogram).reduce((s, c) => s + c, 0);
      rec.token(a.tokenIndex).observe(a.tokenValue, Math.max(1, times));
    }
  }

  // ---- reading ----

  private view(patternId: string): PatternView | undefined {
    const p = this.miner.pattern(patternId);
    if (p === undefined) return undefined;
    return { patternString: p.patternString, patternRegex: p.patternRegex.source, patternTokens: this.tokensOf(p) };
  }

  private tokensOf(p: Pattern): PatternInfo['patternTokens'] {
    const rec = this.records.get(p.patternId);
    return describeTokens(p, (i) => rec?.tokens.get(i));
  }

  /** The pattern table, most frequent first. */
  patterns(): PatternInfo[] {
    const out: PatternInfo[] = [];
    for (const p of this.miner.patterns()) {
      const rec = this.records.get(p.patternId);
      if (rec === undefined || p.patternString.length === 0) continue;
      const samples = rec.recentSamples();
      let severity = severityOf(p.patternString);
      for (const s of samples) severity = maxSeverity(severity, severityOf(s.message));
      out.push({
        patternId: p.patternId,
        patternString: p.patternString,
        patternRegex: p.patternRegex.source,
        patternTokens: this.tokensOf(p),
        count: rec.total,
        firstSeen: rec.firstSeen,
        lastSeen: rec.lastSeen,
        severity,
        histogram: Object.fromEntries(rec.histogram.map(([t, c]) => [String(t), c])),
        logSamples: samples,
      });
    }
    return out;
  }

  /** Every anomaly (active, suppressed and baseline), as of the clock's now. */
  anomalies(): Anomaly[] {
    this.applyAcceptances(this.book.refresh(this.clock.now()));
    return this.book.list().map((a) => structuredClone(a));
  }

  anomaly(anomalyId: string): Anomaly | undefined {
    this.applyAcceptances(this.book.refresh(this.clock.now()));
    const a = this.book.get(anomalyId);
    return a === undefined ? undefined : structuredClone(a);
  }

  /** Whether a pattern id is (or was merged into) a current pattern. */
  hasPattern(patternId: string): boolean {
    return this.miner.resolve(patternId) !== undefined;
  }

  // ---- UpdateAnomaly ----

  suppressAnomaly(anomalyId: string, end: SuppressionEnd): Anomaly | undefined {
    const a = this.book.suppressAnomaly(anomalyId, end, this.clock.now());
    return a === undefined ? undefined : structuredClone(a);
  }

  unsuppressAnomaly(anomalyId: string): Anomaly | undefined {
    const a = this.book.unsuppressAnomaly(anomalyId);
    return a === undefined ? undefined : structuredClone(a);
  }

  /** Suppress every anomaly of a pattern, including those found later, until `end`. */
  suppressPattern(patternId: string, end: SuppressionEnd): Anomaly[] {
    const id = this.miner.resolve(patternId) ?? patternId;
    return this.book.suppressPattern(id, end, this.clock.now()).map((a) => structuredClone(a));
  }

  unsuppressPattern(patternId: string): Anomaly[] {
    const id = this.miner.resolve(patternId) ?? patternId;
    return this.book.unsuppressPattern(id).map((a) => structuredClone(a));
  }

  /** Accept an anomaly as normal behaviour (true), or take the acceptance back (false). */
  setBaseline(anomalyId: string, baseline: boolean): Anomaly | undefined {
    const before = this.book.get(anomalyId)?.baselined;
    const a = this.book.setBaseline(anomalyId, baseline, this.clock.now());
    if (a === undefined) return undefined;
    if (baseline && before === false) this.applyAcceptances([a]);
    return structuredClone(a);
  }

  // ---- state ----

  toBuffer(): Buffer {
    const state: EngineState = {
      v: 1,
      settings: this.getSettings(),
      history: this.history,
      lastRun: this.lastRun,
      miner: this.miner.toJSON(),
      records: [...this.records].map(([id, r]) => [id, r.toState()]),
      book: this.book.toState(),
    };
    return encodeState(state);
  }

  static fromBuffer(bytes: Uint8Array, clock: Clock): AnomalyEngine {
    const s = decodeState(bytes) as EngineState;
    if (s.v !== 1) throw new StateFormatError(`unsupported anomaly engine state ${String(s.v)}`);
    const e = new AnomalyEngine(s.settings, clock);
    e.history = s.history;
    e.lastRun = s.lastRun;
    e.miner = PatternMiner.fromJSON(s.miner);
    e.seenRevision = e.miner.revision;
    for (const [id, r] of s.records) e.records.set(id, PatternRecord.fromState(r));
    e.book = AnomalyBook.fromState(e.settings, s.book);
    return e;
  }
}

/** `perPattern` keyed by current pattern ids, entries of merged patterns combined, those of dropped ones gone. */
function rekey<T>(perPattern: Map<string, T>, combine: (a: T, b: T) => T, resolve: (id: string) => string | undefined): Map<string, T> {
  const out = new Map<string, T>();
  for (const [id, v] of perPattern) {
    const to = resolve(id);
    if (to === undefined) continue;
    const have = out.get(to);
    out.set(to, have === undefined ? v : combine(have, v));
  }
  return out;
}

function mergeWindow(into: WindowCount, from: WindowCount): WindowCount {
  if (from.count === 0) return into;
  into.first = into.count === 0 ? from.first : Math.min(into.first, from.first);
  into.last = into.count === 0 ? from.last : Math.max(into.last, from.last);
  into.count += from.count;
  for (const s of from.samples) if (into.samples.length < WINDOW_SAMPLES) into.samples.push(s);
  for (const g of from.groups) into.groups.add(g);
  return into;
}

function isSorted(events: readonly LogEventInput[]): boolean {
  for (let i = 1; i < events.length; i++) if (events[i]!.timestamp < events[i - 1]!.timestamp) return false;
  return true;
}
