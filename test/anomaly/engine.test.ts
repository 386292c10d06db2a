import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../src/common/clock.js';
import { AnomalyEngine, MIN_HISTORY_WINDOWS, StateFormatError, suppressionEnd } from '../../src/anomaly/index.js';
import type { Anomaly, DetectorSettings, LogEventInput } from '../../src/anomaly/index.js';

const PERIOD = 300_000;
const DAY = 86_400_000;
/** A Monday, 00:00 UTC. */
const T0 = Date.UTC(2026, 0, 5);
const TRAIN_DAYS = 3;
const LIVE = T0 + TRAIN_DAYS * DAY;
const DETECTOR = 'arn:aws:logs:us-east-1:000000000000:anomaly-detector:3b9c1f4e-1111-4a3b-9c5d-000000000001';
const GROUP = 'arn:aws:logs:us-east-1:000000000000:log-group:/app/api';

const SETTINGS: DetectorSettings = {
  anomalyDetectorArn: DETECTOR,
  logGroupArnList: [GROUP],
  evaluationFrequency: 'FIVE_MIN',
  anomalyVisibilityTime: 7,
};

/** What goes wrong in a window. */
interface Incident {
  newError?: boolean;
  /** Factor on the access log's volume. */
  spike?: number;
  /** No heartbeats at all. */
  drop?: boolean;
  /** One request in ten answers 503. */
  status503?: boolean;
  /** One request takes 60 s. */
  slow?: boolean;
  /** Factor on the slow-query warnings' volume. */
  warnings?: number;
}

/** Deterministic random numbers (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function poisson(r: () => number, mean: number): number {
  if (mean > 60) return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(r)));
  const limit = Math.exp(-mean);
  let k = 0;
  let p = r();
  while (p > limit) {
    k++;
    p *= r();
  }
  return k;
}

function gaussian(r: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

/**
 * One five-minute window of a small web service: requests (status 200 or 404, 10–200 ms), worker heartbeats, cache
 * lookups and slow-query warnings, with Poisson volumes; `scale` multiplies them.
 */
function windowEvents(r: () => number, start: number, scale = 1, inc: Incident = {}): LogEventInput[] {
  const out: LogEventInput[] = [];
  const at = (): number => start + Math.floor(r() * PERIOD);
  const requests = poisson(r, 100 * scale * (inc.spike ?? 1));
  for (let i = 0; i < requests; i++) {
    const status = inc.status503 === true && i % 10 === 0 ? 503 : r() < 0.9 ? 200 : 404;
    const latency = inc.slow === true && i === 0 ? 60_000 : 10 + Math.floor(r() * 190);
    out.push({ timestamp: at(), message: `INFO GET /api/items/${Math.floor(r() * 1e6)} status=${status} latency=${latency}ms`, logGroupArn: GROUP });
  }
  const beats = inc.drop === true ? 0 : poisson(r, 50 * scale);
  for (let i = 0; i < beats; i++) out.push({ timestamp: at(), message: `INFO heartbeat from worker-${Math.floor(r() * 8)} ok` });
  const lookups = poisson(r, 30 * scale);
  for (let i = 0; i < lookups; i++) out.push({ timestamp: at(), message: `DEBUG cache lookup for shard ${Math.floor(r() * 1000)} took ${Math.floor(r() * 900)}us` });
  const warnings = poisson(r, 20 * scale * (inc.warnings ?? 1));
  for (let i = 0; i < warnings; i++) out.push({ timestamp: at(), message: `WARN slow query on table orders took ${500 + Math.floor(r() * 1500)}ms` });
  if (inc.newError === true) {
    for (let i = 0; i < 5; i++) out.push({ timestamp: start + i * 1000, message: `ERROR database connection refused to db-${i}.internal:5432` });
  }
  return out;
}

/** The `days` of normal windows before `end`. */
function trainingEvents(r: () => number, end: number, days: number, scale = 1): LogEventInput[] {
  const events: LogEventInput[] = [];
  const start = end - days * DAY;
  for (let w = 0; w < (days * DAY) / PERIOD; w++) for (const e of windowEvents(r, start + w * PERIOD, scale)) events.push(e);
  return events;
}

/** Runs one window per incident (`{}` for a normal window) from `start`; returns what each run reported. */
function run(engine: AnomalyEngine, clock: ManualClock, r: () => number, start: number, plan: Incident[], scale = 1): Anomaly[][] {
  return plan.map((inc, i) => {
    const runTime = start + (i + 1) * PERIOD;
    clock.set(runTime);
    return engine.evaluate(windowEvents(r, start + i * PERIOD, scale, inc), runTime);
  });
}

/** Distinct anomalies across runs, the latest version of each. */
function distinct(runs: Anomaly[][]): Anomaly[] {
  const byId = new Map<string, Anomaly>();
  for (const found of runs) for (const a of found) byId.set(a.anomalyId, a);
  return [...byId.values()];
}

const MODEL_REQUIRED = [
  'anomalyId',
  'patternId',
  'anomalyDetectorArn',
  'patternString',
  'firstSeen',
  'lastSeen',
  'description',
  'active',
  'state',
  'histogram',
  'logSamples',
  'patternTokens',
  'logGroupArnList',
] as const;

describe('AnomalyEngine', () => {
  let trained: Buffer;
  const normal = (n: number): Incident[] => Array.from({ length: n }, () => ({}));

  before(() => {
    const engine = new AnomalyEngine(SETTINGS, new ManualClock(LIVE));
    engine.train(trainingEvents(rng(1), LIVE, TRAIN_DAYS), { start: T0, end: LIVE });
    trained = engine.toBuffer();
  });

  function fresh(): { engine: AnomalyEngine; clock: ManualClock } {
    const clock = new ManualClock(LIVE);
    return { engine: AnomalyEngine.fromBuffer(trained, clock), clock };
  }

  describe('behaviour', () => {
    it('reports a new error pattern once, as a HIGH new-pattern anomaly, while it recurs', () => {
      const { engine, clock } = fresh();
      const runs = run(engine, clock, rng(2), LIVE, [...normal(2), { newError: true }, { newError: true }, ...normal(2)]);
      const found = distinct(runs);
      assert.equal(found.length, 1, JSON.stringify(found.map((a) => a.description)));
      const a = found[0]!;
      assert.equal(a.kind, 'NEW_PATTERN');
      assert.equal(a.priority, 'HIGH');
      assert.equal(a.severity, 'ERROR');
      assert.equal(a.patternString, 'ERROR database connection refused to <*>');
      assert.equal(a.description, 'New pattern: 5 events matched a pattern not seen before.');
      assert.deepEqual(a.histogram, { [String(LIVE + 3 * PERIOD)]: 5, [String(LIVE + 4 * PERIOD)]: 5 });
      assert.equal(a.firstSeen, LIVE + 2 * PERIOD);
      assert.equal(a.lastSeen, LIVE + 3 * PERIOD + 4000);
      assert.equal(a.logSamples.length, 10);
      assert.equal(a.logSamples[0]!.message, 'ERROR database connection refused to db-0.internal:5432');
      assert.deepEqual(runs.map((x) => x.length), [0, 0, 1, 1, 0, 0]);
      const now = engine.anomaly(a.anomalyId)!;
      assert.equal(now.active, false);
      assert.equal(now.state, 'Active');
    });

    it('reports a tenfold spike of a routine pattern once, as a MEDIUM count spike', () => {
      const { engine, clock } = fresh();
      const found = distinct(run(engine, clock, rng(3), LIVE, [...normal(2), { spike: 10 }, { spike: 10 }, ...normal(2)]));
      assert.equal(found.length, 1, JSON.stringify(found.map((a) => a.description)));
      const a = found[0]!;
      assert.equal(a.kind, 'COUNT_SPIKE');
      assert.equal(a.priority, 'MEDIUM');
      assert.equal(a.patternString, 'INFO GET <*> status=<*> latency=<*>ms');
      assert.ok(a.expectedCount! > 80 && a.expectedCount! < 120, String(a.expectedCount));
      assert.equal(Object.keys(a.histogram).length, 2);
      assert.ok(Object.values(a.histogram).every((c) => c > 800));
      assert.match(a.description, /^Count spike: \d+ events in 5 min, baseline \d+ ± [\d.]+\.$/);
      assert.deepEqual(a.logGroupArnList, [GROUP]);
    });

    it('reports a drop to zero once, as a MEDIUM count drop', () => {
      const { engine, clock } = fresh();
      const found = distinct(run(engine, clock, rng(4), LIVE, [...normal(2), { drop: true }, { drop: true }, { drop: true }, ...normal(2)]));
      assert.equal(found.length, 1, JSON.stringify(found.map((a) => a.description)));
      const a = found[0]!;
      assert.equal(a.kind, 'COUNT_DROP');
      assert.equal(a.priority, 'MEDIUM');
      assert.equal(a.patternString, 'INFO heartbeat from worker-<*> ok');
      assert.deepEqual(Object.values(a.histogram), [0, 0, 0]);
      assert.deepEqual(a.logSamples, []);
      assert.match(a.description, new RegExp(`^Count drop: 0 events in 5 min, baseline ${Math.round(a.expectedCount!)} ± [\\d.]+\\.$`));
      // a detector watching one log group names it on anomalies whose events carry none
      assert.deepEqual(a.logGroupArnList, [GROUP]);
    });

    it('reports an HTTP status never seen before (503 where only 200 and 404 were) once, as HIGH', () => {
      const { engine, clock } = fresh();
      const found = distinct(run(engine, clock, rng(5), LIVE, [...normal(2), { status503: true }, ...normal(2)]));
      assert.equal(found.length, 1, JSON.stringify(found.map((a) => a.description)));
      const a = found[0]!;
      assert.equal(a.kind, 'TOKEN_VALUE');
      assert.equal(a.priority, 'HIGH');
      assert.equal(a.tokenValue, '503');
      assert.equal(a.description, 'Unusual value: token status-2 was 503, usually one of 200, 404.');
      const status = a.patternTokens.find((t) => t.inferredTokenName === 'status-2')!;
      assert.equal(status.isDynamic, true);
      assert.equal(status.tokenString, '<*>');
      assert.ok(status.enumerations!['503']! > 0 && status.enumerations!['200']! > 1000);
      assert.ok(a.logSamples.every((s) => s.message.includes('status=503')));
    });

    it('reports a number far outside its learnt range', () => {
      const { engine, clock } = fresh();
      const found = distinct(run(engine, clock, rng(6), LIVE, [...normal(2), { slow: true }, ...normal(2)]));
      assert.equal(found.length, 1, JSON.stringify(found.map((a) => a.description)));
      const a = found[0]!;
      assert.equal(a.kind, 'TOKEN_RANGE');
      assert.equal(a.rangeDirection, 'above');
      assert.equal(a.priority, 'MEDIUM');
      assert.equal(a.description, 'Unusual value: token latency-3 was 60000, usually between 10 and 199.');
    });

    it('fills in every field the model requires of an anomaly', () => {
      const { engine, clock } = fresh();
      const a = distinct(run(engine, clock, rng(2), LIVE, [{ newError: true }]))[0]!;
      for (const f of MODEL_REQUIRED) assert.notEqual(a[f], undefined, f);
      assert.equal(a.anomalyId.length, 36);
      assert.match(a.anomalyId, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      assert.match(a.patternId, /^[0-9a-f]{32}$/);
      assert.equal(a.anomalyDetectorArn, DETECTOR);
      assert.ok(new RegExp(a.patternRegex!).test('ERROR database connection refused to db-7.internal:5432'));
      assert.equal(a.suppressed, false);
    });

    it('reports nothing for a steady stream of a million normal events', () => {
      const clock = new ManualClock(LIVE);
      const engine = new AnomalyEngine(SETTINGS, clock);
      const r = rng(7);
      engine.train(trainingEvents(r, LIVE, 1, 5), { start: LIVE - DAY, end: LIVE });
      let events = 0;
      let runTime = LIVE;
      const reported: Anomaly[] = [];
      while (events < 1_000_000) {
        const window = windowEvents(r, runTime, 5);
        events += window.length;
        runTime += PERIOD;
        clock.set(runTime);
        reported.push(...engine.evaluate(window, runTime));
      }
      assert.deepEqual(reported.map((a) => a.description), []);
      assert.equal(engine.patterns().length, 4);
    });

    it('reports nothing before it has enough history, however new the events', () => {
      const clock = new ManualClock(LIVE);
      const engine = new AnomalyEngine(SETTINGS, clock);
      const r = rng(8);
      const early = run(engine, clock, r, LIVE, Array.from({ length: MIN_HISTORY_WINDOWS }, () => ({ newError: true })));
      assert.deepEqual(early.flat(), []);
      assert.equal(engine.analyzing, true);
      // then it judges: 24 windows of requests are enough to trust their set of status codes
      const later = run(engine, clock, r, LIVE + MIN_HISTORY_WINDOWS * PERIOD, [{ status503: true }]);
      assert.deepEqual(later.flat().map((a) => [a.kind, a.tokenValue]), [['TOKEN_VALUE', '503']]);
    });
  });

  describe('lifecycle', () => {
    it('accepts an anomaly as baseline after anomalyVisibilityTime and stops reporting it', () => {
      const { engine, clock } = fresh();
      const r = rng(9);
      const [first] = run(engine, clock, r, LIVE, [{ newError: true }]);
      const id = first![0]!.anomalyId;
      // a week later (the visibility time) the error still occurs
      const later = LIVE + 7 * DAY;
      const runs = run(engine, clock, r, later, [{ newError: true }, {}]);
      assert.deepEqual(runs.flat(), []);
      const a = engine.anomaly(id)!;
      assert.equal(a.state, 'Baseline');
      assert.equal(a.baselined, true);
      assert.equal(a.active, false);
      // forgotten a visibility time after it was accepted
      clock.set(later + 7 * DAY + PERIOD);
      assert.equal(engine.anomaly(id), undefined);
    });

    it('no longer reports an anomaly accepted as baseline unless it comes back worse', () => {
      const { engine, clock } = fresh();
      const r = rng(10);
      const [first] = run(engine, clock, r, LIVE, [{ warnings: 3 }]);
      assert.equal(first!.length, 1);
      const spike = first![0]!;
      assert.equal(spike.kind, 'COUNT_SPIKE');
      assert.equal(spike.priority, 'MEDIUM');
      assert.equal(engine.setBaseline(spike.anomalyId, true)!.state, 'Baseline');
      const same = run(engine, clock, r, LIVE + PERIOD, [{ warnings: 3 }, {}]);
      assert.deepEqual(same.flat(), []);
      const worse = run(engine, clock, r, LIVE + 3 * PERIOD, [{ warnings: 10 }]);
      assert.equal(worse.flat().length, 1);
      assert.equal(worse[0]![0]!.priority, 'HIGH');
      assert.notEqual(worse[0]![0]!.anomalyId, spike.anomalyId);
    });

    it('suppresses an anomaly until a time, then shows it again', () => {
      const { engine, clock } = fresh();
      const r = rng(11);
      const [first] = run(engine, clock, r, LIVE, [{ newError: true }]);
      const id = first![0]!.anomalyId;
      const now = clock.now();
      const end = suppressionEnd(now, 'LIMITED', { value: 2, suppressionUnit: 'HOURS' });
      assert.equal(end, now + 2 * 3_600_000);
      assert.equal(suppressionEnd(now, 'INFINITE', { value: 2, suppressionUnit: 'HOURS' }), 'INFINITE');
      assert.throws(() => suppressionEnd(now, 'LIMITED'), RangeError);
      const s = engine.suppressAnomaly(id, end)!;
      assert.equal(s.state, 'Suppressed');
      assert.equal(s.suppressed, true);
      assert.equal(s.suppressedDate, now);
      assert.equal(s.suppressedUntil, end);
      assert.equal(s.isPatternLevelSuppression, false);
      // it still recurs, suppressed
      const again = run(engine, clock, r, LIVE + PERIOD, [{ newError: true }]);
      assert.equal(again[0]![0]!.state, 'Suppressed');
      clock.set(end);
      const after = engine.anomaly(id)!;
      assert.equal(after.state, 'Active');
      assert.equal(after.suppressed, false);
      assert.equal(after.suppressedUntil, undefined);
    });

    it('suppresses a pattern indefinitely, anomalies found later included, until unsuppressed', () => {
      const { engine, clock } = fresh();
      const r = rng(12);
      const [first] = run(engine, clock, r, LIVE, [{ status503: true }]);
      const a = first![0]!;
      const suppressed = engine.suppressPattern(a.patternId, 'INFINITE');
      assert.deepEqual(
        suppressed.map((x) => [x.anomalyId, x.state, x.suppressedUntil, x.isPatternLevelSuppression]),
        [[a.anomalyId, 'Suppressed', 0, true]],
      );
      const [spike] = run(engine, clock, r, LIVE + PERIOD, [{ spike: 10 }]);
      assert.equal(spike![0]!.kind, 'COUNT_SPIKE');
      assert.equal(spike![0]!.state, 'Suppressed');
      assert.equal(spike![0]!.isPatternLevelSuppression, true);
      clock.set(LIVE + 5 * DAY);
      assert.ok(engine.anomalies().filter((x) => x.patternId === a.patternId).every((x) => x.state === 'Suppressed'));
      engine.unsuppressPattern(a.patternId);
      assert.deepEqual(
        engine.anomalies().filter((x) => x.patternId === a.patternId).map((x) => x.state),
        ['Active', 'Active'],
      );
    });

    it('answers undefined for an anomaly it does not have', () => {
      const { engine } = fresh();
      assert.equal(engine.suppressAnomaly('00000000-0000-0000-0000-000000000000', 'INFINITE'), undefined);
      assert.equal(engine.setBaseline('00000000-0000-0000-0000-000000000000', true), undefined);
      assert.equal(engine.anomaly('00000000-0000-0000-0000-000000000000'), undefined);
    });
  });

  describe('pattern table', () => {
    it('lists each pattern with its tokens, run histogram and recent samples', () => {
      const { engine } = fresh();
      const table = engine.patterns();
      assert.deepEqual(table.map((p) => p.patternString), [
        'INFO GET <*> status=<*> latency=<*>ms',
        'INFO heartbeat from worker-<*> ok',
        'DEBUG cache lookup for shard <*> took <*>us',
        'WARN slow query on table orders took <*>ms',
      ]);
      const access = table[0]!;
      assert.deepEqual(
        access.patternTokens.filter((t) => t.isDynamic).map((t) => t.inferredTokenName),
        ['Path-1', 'status-2', 'latency-3'],
      );
      assert.equal(Object.keys(access.histogram).length, (TRAIN_DAYS * DAY) / PERIOD);
      assert.equal(access.logSamples.length, 5);
      assert.equal(table[3]!.severity, 'WARN');
      const worker = table[1]!.patternTokens.find((t) => t.isDynamic)!;
      assert.equal(Object.keys(worker.enumerations!).length, 8);
    });
  });

  describe('serialization', () => {
    it('restores from bytes to an engine that continues exactly as the original', () => {
      const { engine, clock } = fresh();
      run(engine, clock, rng(13), LIVE, [{ newError: true }, { spike: 10 }, {}]);
      engine.suppressPattern(engine.patterns()[0]!.patternId, LIVE + DAY);
      const bytes = engine.toBuffer();
      const copy = AnomalyEngine.fromBuffer(bytes, clock);
      assert.ok(copy.toBuffer().equals(bytes));
      const plan: Incident[] = [{ drop: true }, { status503: true }, { newError: true }, {}];
      const a = run(engine, clock, rng(14), LIVE + 3 * PERIOD, plan);
      const b = run(copy, clock, rng(14), LIVE + 3 * PERIOD, plan);
      assert.deepEqual(b, a);
      assert.ok(copy.toBuffer().equals(engine.toBuffer()));
      assert.deepEqual(copy.anomalies(), engine.anomalies());
      assert.deepEqual(copy.patterns(), engine.patterns());
    });

    it('refuses bytes that are not engine state', () => {
      assert.throws(() => AnomalyEngine.fromBuffer(Buffer.from('hello'), new ManualClock()), StateFormatError);
      const bytes = Buffer.from(trained);
      bytes[4] = 9;
      assert.throws(() => AnomalyEngine.fromBuffer(bytes, new ManualClock()), /unsupported anomaly engine state version 9/);
    });
  });
});
