/**
 * A detector's engine on a realistic stream: a week of history and a week judged window by window, with a daily
 * profile (quiet nights, busy days), Poisson volumes and events carrying the variable kinds of real logs (dates with
 * names, hosts, users, sizes with units, key=value lists, JSON, stack frames).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../src/common/clock.js';
import { AnomalyEngine } from '../../src/anomaly/index.js';
import type { Anomaly, DetectorSettings, LogEventInput } from '../../src/anomaly/index.js';

const PERIOD = 300_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 2, 2);
const SETTINGS: DetectorSettings = {
  anomalyDetectorArn: 'arn:aws:logs:us-east-1:000000000000:anomaly-detector:3b9c1f4e-1111-4a3b-9c5d-000000000002',
  logGroupArnList: ['arn:aws:logs:us-east-1:000000000000:log-group:/app/stream'],
  evaluationFrequency: 'FIVE_MIN',
  anomalyVisibilityTime: 7,
};

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
  if (mean > 60) return Math.max(0, Math.round(mean + Math.sqrt(mean) * Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r())));
  const limit = Math.exp(-mean);
  let k = 0;
  let p = r();
  while (p > limit) {
    k++;
    p *= r();
  }
  return k;
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const USERS = ['root', 'alice', 'bob', 'carol', 'deploy', 'backup'];
const HOSTS = ['db1.corp.example.com', 'cache.example.org', 'api.internal', 'mail.example.net'];
const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr'];
const n = (r: () => number, max: number) => Math.floor(r() * max);

/** Event types and their share of the volume. */
const TYPES: [number, (r: () => number, t: number) => string][] = [
  [30, (r) => `INFO GET /api/items/${n(r, 1e6)} status=200 bytes=${n(r, 9000)} took ${5 + n(r, 200)}ms`],
  [12, (r) => `INFO session opened for user ${pick(r, USERS)} by (uid=${n(r, 1100)})`],
  [12, (r) => `INFO session closed for user ${pick(r, USERS)}`],
  [10, (r) => `DEBUG connected to ${pick(r, HOSTS)}:${1000 + n(r, 9000)} in ${(r() * 3).toFixed(2)} s`],
  [8, (r, t) => `INFO backup of /var/lib/app/shard-${n(r, 12)} finished at ${pick(r, DAYS)} ${pick(r, MONTHS)} ${1 + n(r, 28)} ${new Date(t).toISOString().slice(11, 19)} 2026, ${n(r, 900)} MB`],
  [8, (r) => `INFO job {"id":${n(r, 1e5)},"state":"${pick(r, ['queued', 'running', 'done'])}","ms":${n(r, 4000)}} updated`],
  [6, (r) => `WARN retrying request id=${n(r, 1e6)} user=${pick(r, USERS)} attempt=${1 + n(r, 3)}`],
  [5, (r) => `INFO mail to ${pick(r, USERS)}@example.com queued (size ${n(r, 90)}KB)`],
  [4, (r) => `WARN slow query on table orders took ${500 + n(r, 1500)}ms`],
  [3, (r) => `INFO cache ${pick(r, ['hit', 'miss'])} for key k${n(r, 1e4)}`],
  [2, (r) => `at com.example.store.Orders.load(Orders.java:${100 + n(r, 3)})`],
];
const WEIGHT = TYPES.reduce((s, [w]) => s + w, 0);

/** Events a window: 150 in the afternoon, 30 at night. */
function volume(t: number): number {
  const h = (t % DAY) / HOUR;
  return 90 + 60 * Math.cos(((h - 14) / 24) * 2 * Math.PI);
}

function window(r: () => number, start: number, extra: string[] = []): LogEventInput[] {
  const out: LogEventInput[] = [];
  const count = poisson(r, volume(start));
  for (let i = 0; i < count; i++) {
    let x = r() * WEIGHT;
    let k = 0;
    while (x >= TYPES[k]![0]) x -= TYPES[k++]![0];
    const ts = start + n(r, PERIOD);
    out.push({ timestamp: ts, message: TYPES[k]![1](r, ts) });
  }
  extra.forEach((message, i) => out.push({ timestamp: start + 1000 * (i + 1), message }));
  return out.sort((a, b) => a.timestamp - b.timestamp);
}

/** Trains on a week, then judges a week; `inject` gives the extra events of a window (by index from the live start). */
function week(seed: number, inject: (w: number) => string[] = () => []): Anomaly[] {
  const r = rng(seed);
  const live = T0 + 7 * DAY;
  const clock = new ManualClock(live);
  const engine = new AnomalyEngine(SETTINGS, clock);
  const history: LogEventInput[] = [];
  for (let t = T0; t < live; t += PERIOD) history.push(...window(r, t));
  engine.train(history, { start: T0, end: live });
  const byId = new Map<string, Anomaly>();
  for (let w = 0; w < (7 * DAY) / PERIOD; w++) {
    const start = live + w * PERIOD;
    clock.set(start + PERIOD);
    for (const a of engine.evaluate(window(r, start, inject(w)), start + PERIOD)) byId.set(a.anomalyId, a);
  }
  return [...byId.values()];
}

describe('a detector on a week of a realistic stream', () => {
  it('reports at most a handful of anomalies when nothing goes wrong', () => {
    const found = week(11);
    assert.ok(found.length <= 3, found.map((a) => `${a.description} ${a.patternString}`).join('\n'));
  });

  it('reports exactly the one new event type injected, as a new pattern', () => {
    const at = 1000; // a window on the fourth day
    const found = week(11, (w) => (w === at ? ['ERROR replica db1.corp.example.com:5432 lost quorum after 3 attempts', 'ERROR replica cache.example.org:6379 lost quorum after 5 attempts'] : []));
    const fresh = found.filter((a) => a.kind === 'NEW_PATTERN');
    assert.equal(fresh.length, 1, found.map((a) => `${a.description} ${a.patternString}`).join('\n'));
    assert.equal(fresh[0]!.patternString, 'ERROR replica <*> lost quorum after <*> attempts');
    assert.equal(fresh[0]!.priority, 'HIGH');
    // and nothing else than what the same week without the fault reported
    const quiet = week(11).map((a) => a.description);
    assert.deepEqual(found.filter((a) => a !== fresh[0]).map((a) => a.description), quiet);
  });
});
