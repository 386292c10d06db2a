/**
 * The anomalies of one detector and their life cycle:
 *   - found → `Active` (active while it recurs; each run that finds it again adds to its histogram);
 *   - `anomalyVisibilityTime` days after it was first seen, or when UpdateAnomaly sets `baseline`, it becomes
 *     `Baseline`: accepted as normal, and reported again only by a recurrence of higher priority (as a new anomaly);
 *   - suppression (of the anomaly, or of every anomaly of its pattern) until a time or indefinitely → `Suppressed`.
 * An anomaly is identified by what it is about (kind, pattern, token, value), so a recurrence finds it again.
 */
import { createHash } from 'node:crypto';
import type {
  Anomaly,
  AnomalyKind,
  AnomalyState,
  DetectorSettings,
  LogSample,
  PatternTokenInfo,
  Priority,
  Severity,
  SuppressionEnd,
} from './model.js';
import { maxPriority, maxSeverity, priorityOf, priorityRank, type Deviation } from './severity.js';

export const DAY_MS = 86_400_000;
export const ANOMALY_SAMPLES = 10;
/** Runs kept in an anomaly's histogram (a month of 15-minute runs); older runs go first. */
export const ANOMALY_HISTOGRAM_RUNS = 2880;

/** One finding of one run, before it is matched to an anomaly. */
export interface Detection {
  kind: AnomalyKind;
  patternId: string;
  severity: Severity;
  deviation: Deviation;
  /** Occurrences in this run's window (for a drop: the pattern's count). */
  count: number;
  samples: LogSample[];
  firstSeen: number;
  lastSeen: number;
  logGroups: string[];
  description: string;
  expectedCount?: number;
  tokenIndex?: number;
  tokenValue?: string;
  rangeDirection?: 'above' | 'below';
  /** Only extends an open anomaly, never opens one (a new pattern seen again in a later run). */
  continuation?: boolean;
}

/** The pattern as the anomaly shows it, looked up when the anomaly is opened or updated. */
export interface PatternView {
  patternString: string;
  patternRegex: string;
  patternTokens: PatternTokenInfo[];
}

interface PatternSuppression {
  date: number;
  /** 0: indefinitely. */
  until: number;
}

export interface AnomalyBookState {
  anomalies: Anomaly[];
  index: [string, string][];
  patterns: [string, PatternSuppression][];
}

/** The fields that say what an anomaly is about. */
export interface AnomalySubject {
  kind: AnomalyKind;
  patternId: string;
  tokenIndex?: number;
  tokenValue?: string;
  rangeDirection?: 'above' | 'below';
}

/** What an anomaly is about: a recurrence has the same key. */
export function anomalyKey(a: AnomalySubject): string {
  const detail = a.kind === 'TOKEN_VALUE' ? (a.tokenValue ?? '') : a.kind === 'TOKEN_RANGE' ? (a.rangeDirection ?? '') : '';
  return `${a.kind}\u0000${a.patternId}\u0000${a.tokenIndex ?? ''}\u0000${detail}`;
}

/** A name-based UUID (SHA-1, version 5 layout): the same finding of the same detector gets the same id. */
export function anomalyIdFor(detectorArn: string, key: string, runTime: number): string {
  const h = createHash('sha1').update(`${detectorArn}\u0000${key}\u0000${runTime}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

function stateOf(a: Anomaly): AnomalyState {
  return a.baselined ? 'Baseline' : a.suppressed ? 'Suppressed' : 'Active';
}

function mergeSamples(old: LogSample[], add: LogSample[]): LogSample[] {
  if (add.length === 0) return old;
  return [...old, ...add].sort((a, b) => a.timestamp - b.timestamp).slice(-ANOMALY_SAMPLES);
}

function clearSuppression(a: Anomaly): void {
  a.suppressed = false;
  delete a.suppressedDate;
  delete a.suppressedUntil;
  delete a.isPatternLevelSuppression;
}

export class AnomalyBook {
  private byId = new Map<string, Anomaly>();
  /** Key → the anomaly a recurrence of that key belongs to. */
  private index = new Map<string, string>();
  private patternSuppressions = new Map<string, PatternSuppression>();

  constructor(private settings: DetectorSettings) {}

  setSettings(settings: DetectorSettings): void {
    this.settings = settings;
  }

  private get visibilityMs(): number {
    return this.settings.anomalyVisibilityTime * DAY_MS;
  }

  get(anomalyId: string): Anomaly | undefined {
    return this.byId.get(anomalyId);
  }

  list(): Anomaly[] {
    return [...this.byId.values()];
  }

  /** The open (not baselined) anomaly of a key, if any. */
  open(kind: AnomalyKind, patternId: string): Anomaly | undefined {
    const id = this.index.get(anomalyKey({ kind, patternId }));
    const a = id === undefined ? undefined : this.byId.get(id);
    return a !== undefined && !a.baselined ? a : undefined;
  }

  /** The anomaly a finding belongs to, open or accepted. */
  current(d: AnomalySubject): Anomaly | undefined {
    const id = this.index.get(anomalyKey(d));
    return id === undefined ? undefined : this.byId.get(id);
  }

  /**
   * Match a run's findings to anomalies, opening new ones; anomalies not found again in this run stop being active.
   * Returns the anomalies the run opened or extended.
   */
  record(found: readonly Detection[], runTime: number, view: (patternId: string) => PatternView | undefined): Anomaly[] {
    const touched = new Set<Anomaly>();
    for (const d of found) {
      const a = this.current(d);
      const priority = priorityOf(d.severity, d.deviation);
      if (a !== undefined && !a.baselined) {
        this.extend(a, d, priority, runTime, view(d.patternId));
        touched.add(a);
        continue;
      }
      if (d.continuation) continue;
      // accepted behaviour is reported again only when it comes back worse
      if (a !== undefined && priorityRank(priority) <= priorityRank(a.priority)) continue;
      const v = view(d.patternId);
      if (v === undefined) continue;
      touched.add(this.openAnomaly(d, priority, runTime, v));
    }
    for (const a of this.byId.values()) if (a.active && !touched.has(a)) a.active = false;
    return [...touched];
  }

  private openAnomaly(d: Detection, priority: Priority, runTime: number, v: PatternView): Anomaly {
    const key = anomalyKey(d);
    const a: Anomaly = {
      anomalyId: anomalyIdFor(this.settings.anomalyDetectorArn, key, runTime),
      patternId: d.patternId,
      anomalyDetectorArn: this.settings.anomalyDetectorArn,
      patternString: v.patternString,
      patternRegex: v.patternRegex,
      priority,
      firstSeen: d.firstSeen,
      lastSeen: d.lastSeen,
      description: d.description,
      active: true,
      state: 'Active',
      histogram: { [String(runTime)]: d.count },
      logSamples: mergeSamples([], d.samples),
      patternTokens: v.patternTokens,
      logGroupArnList: d.logGroups.length > 0 ? d.logGroups.slice() : this.settings.logGroupArnList.slice(),
      suppressed: false,
      kind: d.kind,
      severity: d.severity,
      baselined: false,
    };
    if (d.expectedCount !== undefined) a.expectedCount = d.expectedCount;
    if (d.tokenIndex !== undefined) a.tokenIndex = d.tokenIndex;
    if (d.tokenValue !== undefined) a.tokenValue = d.tokenValue;
    if (d.rangeDirection !== undefined) a.rangeDirection = d.rangeDirection;
    const ps = this.patternSuppressions.get(d.patternId);
    if (ps !== undefined) this.applySuppression(a, ps.date, ps.until, true);
    a.state = stateOf(a);
    this.byId.set(a.anomalyId, a);
    this.index.set(key, a.anomalyId);
    return a;
  }

  private extend(a: Anomaly, d: Detection, priority: Priority, runTime: number, v: PatternView | undefined): void {
    a.firstSeen = Math.min(a.firstSeen, d.firstSeen);
    a.lastSeen = Math.max(a.lastSeen, d.lastSeen);
    const k = String(runTime);
    a.histogram[k] = (a.histogram[k] ?? 0) + d.count;
    const runs = Object.keys(a.histogram);
    if (runs.length > ANOMALY_HISTOGRAM_RUNS) {
      runs.sort((x, y) => Number(x) - Number(y));
      for (const old of runs.slice(0, runs.length - ANOMALY_HISTOGRAM_RUNS)) delete a.histogram[old];
    }
    a.logSamples = mergeSamples(a.logSamples, d.samples);
    for (const g of d.logGroups) if (!a.logGroupArnList.includes(g)) a.logGroupArnList.push(g);
    a.priority = maxPriority(a.priority, priority);
    a.severity = maxSeverity(a.severity, d.severity);
    a.description = d.description;
    if (d.expectedCount !== undefined) a.expectedCount = d.expectedCount;
    if (d.kind === 'TOKEN_RANGE' && d.tokenValue !== undefined) a.tokenValue = d.tokenValue;
    a.active = true;
    if (v !== undefined) {
      a.patternString = v.patternString;
      a.patternRegex = v.patternRegex;
      a.patternTokens = v.patternTokens;
    }
  }

  /**
   * Apply the passage of time: suppressions that ended are lifted, anomalies older than the visibility time are
   * accepted as baseline, anomalies accepted a whole visibility time ago are forgotten. Returns the anomalies
   * accepted now (the engine folds what they found into its baselines).
   */
  refresh(now: number): Anomaly[] {
    const accepted: Anomaly[] = [];
    for (const [p, s] of this.patternSuppressions) if (s.until > 0 && now >= s.until) this.patternSuppressions.delete(p);
    for (const a of [...this.byId.values()]) {
      if (a.suppressed && a.suppressedUntil !== undefined && a.suppressedUntil > 0 && now >= a.suppressedUntil) clearSuppression(a);
      if (!a.baselined && now - a.firstSeen >= this.visibilityMs) {
        a.baselined = true;
        a.baselinedAt = now;
        a.active = false;
        accepted.push(a);
      }
      if (a.baselined && now - (a.baselinedAt ?? a.lastSeen) >= this.visibilityMs) this.forget(a);
      a.state = stateOf(a);
    }
    return accepted;
  }

  private forget(a: Anomaly): void {
    this.byId.delete(a.anomalyId);
    const key = anomalyKey(a);
    if (this.index.get(key) === a.anomalyId) this.index.delete(key);
  }

  private applySuppression(a: Anomaly, date: number, until: number, patternLevel: boolean): void {
    a.suppressed = true;
    a.suppressedDate = date;
    a.suppressedUntil = until;
    a.isPatternLevelSuppression = patternLevel;
    a.state = stateOf(a);
  }

  suppressAnomaly(anomalyId: string, end: SuppressionEnd, now: number): Anomaly | undefined {
    const a = this.byId.get(anomalyId);
    if (a === undefined) return undefined;
    this.applySuppression(a, now, end === 'INFINITE' ? 0 : end, false);
    return a;
  }

  unsuppressAnomaly(anomalyId: string): Anomaly | undefined {
    const a = this.byId.get(anomalyId);
    if (a === undefined) return undefined;
    clearSuppression(a);
    a.state = stateOf(a);
    return a;
  }

  /** Suppress the pattern: its anomalies, present and to come, until `end`. Returns its present anomalies. */
  suppressPattern(patternId: string, end: SuppressionEnd, now: number): Anomaly[] {
    const until = end === 'INFINITE' ? 0 : end;
    this.patternSuppressions.set(patternId, { date: now, until });
    const mine = this.list().filter((a) => a.patternId === patternId);
    for (const a of mine) this.applySuppression(a, now, until, true);
    return mine;
  }

  /** Lift a pattern's suppression; anomalies suppressed one by one stay suppressed. */
  unsuppressPattern(patternId: string): Anomaly[] {
    this.patternSuppressions.delete(patternId);
    const mine = this.list().filter((a) => a.patternId === patternId);
    for (const a of mine) {
      if (a.isPatternLevelSuppression === true) clearSuppression(a);
      a.state = stateOf(a);
    }
    return mine;
  }

  isPatternSuppressed(patternId: string): boolean {
    return this.patternSuppressions.has(patternId);
  }

  /** UpdateAnomaly `baseline`: true accepts the anomaly as normal; false takes back an acceptance. */
  setBaseline(anomalyId: string, baseline: boolean, now: number): Anomaly | undefined {
    const a = this.byId.get(anomalyId);
    if (a === undefined) return undefined;
    if (baseline) {
      if (!a.baselined) a.baselinedAt = now;
      a.baselined = true;
      a.active = false;
    } else if (now - a.firstSeen < this.visibilityMs) {
      a.baselined = false;
      delete a.baselinedAt;
    }
    a.state = stateOf(a);
    return a;
  }

  /** Follow pattern merges: anomalies, index and pattern suppressions move to the surviving pattern id. */
  remap(resolve: (patternId: string) => string | undefined): void {
    let moved = false;
    for (const a of this.byId.values()) {
      const to = resolve(a.patternId);
      if (to !== undefined && to !== a.patternId) {
        a.patternId = to;
        moved = true;
      }
    }
    for (const [p, s] of [...this.patternSuppressions]) {
      const to = resolve(p);
      if (to !== undefined && to !== p) {
        this.patternSuppressions.delete(p);
        if (!this.patternSuppressions.has(to)) this.patternSuppressions.set(to, s);
      }
    }
    if (!moved) return;
    // the newest anomaly of a key is the one recurrences extend
    this.index.clear();
    for (const a of this.byId.values()) this.index.set(anomalyKey(a), a.anomalyId);
  }

  toState(): AnomalyBookState {
    return {
      anomalies: this.list().map((a) => structuredClone(a)),
      index: [...this.index],
      patterns: [...this.patternSuppressions].map(([p, s]) => [p, { ...s }]),
    };
  }

  static fromState(settings: DetectorSettings, s: AnomalyBookState): AnomalyBook {
    const b = new AnomalyBook(settings);
    for (const a of s.anomalies) b.byId.set(a.anomalyId, structuredClone(a));
    for (const [k, id] of s.index) b.index.set(k, id);
    for (const [p, ps] of s.patterns) b.patternSuppressions.set(p, { ...ps });
    return b;
  }
}
