/**
 * Fault-injection benchmark for log anomaly detectors, through the real service path: a logseal server on a loopback
 * port with a simulated clock, log groups written with PutLogEvents by the AWS SDK, a detector made with
 * CreateLogAnomalyDetector, the detection scheduler run as the server runs it, and ListAnomalies read back.
 *
 *   npm run bench:anomalies -- [--seed N] [--rate R] [DIR...]
 *
 * Default DIRs: every folder of <repo>/../shared/loghub-2k/. Any Loghub-format folder works: it needs
 * `<Name>_2k.log_structured.csv` (or one `*_structured.csv`) with `Content` and `EventId`; `Level` is written in front
 * of the content where present, and `Label` (≠ `-` for alert lines) marks the lines used as new event types.
 *
 * For each folder: the normal lines are resampled over 21 simulated days, minute by minute, a Poisson number of
 * events a minute around a daily profile (R events a minute at 14:00 UTC, a tenth of it at 02:00). The detector
 * (FIVE_MIN) is created on day 14, so it trains on the two weeks before; days 15–21 carry faults at known windows:
 *   new    a new event type: the alert lines (Label ≠ `-`), or else event types held out of the normal stream
 *   spike  ten times the expected count of a steady event type, in one window
 *   drop   a steady event type absent for two windows
 *   value  an unseen value of a token that had few values
 *   range  a number far outside the range its token had
 * A fault is found when an anomaly whose pattern matches the fault's events lists, in its histogram, the run of a
 * window the fault was in. A false anomaly is one whose histogram holds no run of a fault window (or the two runs
 * after one). Prints `<Name> recall=… (new=… spike=… drop=… value=… range=…) false_per_day=…` per folder and the
 * average. Deterministic for a seed.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CloudWatchLogsClient,
  CreateLogAnomalyDetectorCommand,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  ListAnomaliesCommand,
  PutLogEventsCommand,
  type Anomaly,
} from '@aws-sdk/client-cloudwatch-logs';
import { DEV_ACCESS_KEY_ID, DEV_ACCOUNT_ID, DEV_SECRET_ACCESS_KEY } from '../src/auth/identity.js';
import { ANOMALY_TASK_NAME } from '../src/anomaly/service/scheduler.js';
import { parseCsv } from '../src/anomaly/miner/accuracy.js';
import { PatternMiner, tokenize } from '../src/anomaly/miner/index.js';
import type { Clock } from '../src/common/clock.js';
import { createApp } from '../src/server/app.js';
import { createHttpServer } from '../src/server/http.js';
import { silentLogger } from '../src/server/logger.js';
import { openDataDir } from '../src/store/index.js';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { repoRoot } from './lib.js';

const MINUTE = 60_000;
const PERIOD = 5 * MINUTE;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const DAYS = 21;
const TRAIN_DAYS = 14;
/** Simulated time fed between scheduler runs. */
const STEP = 6 * HOUR;
/** Faults of each kind per folder. */
const PER_KIND = 4;
const KINDS = ['new', 'spike', 'drop', 'value', 'range'] as const;
type Kind = (typeof KINDS)[number];
const REGION = 'us-east-1';
/** The simulation starts at a fixed UTC midnight, so hours of day are the same on every run. */
const START = Date.UTC(2026, 0, 5);

// ---- deterministic randomness ----

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

function poisson(lambda: number, rand: () => number): number {
  if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * gauss(rand)));
  const l = Math.exp(-lambda);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= rand();
  } while (p > l);
  return k - 1;
}

function gauss(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(rand() || 1e-12)) * Math.cos(2 * Math.PI * rand());
}

/** Events a minute at a time of day: `peak` at 14:00 UTC, a tenth of it at 02:00, a cosine between. */
function rateAt(t: number, peak: number): number {
  const h = ((t % DAY) / HOUR + 24) % 24;
  return peak * (0.55 + 0.45 * Math.cos(((h - 14) / 24) * 2 * Math.PI));
}

// ---- the data ----

interface Line {
  message: string;
  type: string;
  alert: boolean;
}

function readFolder(dir: string): { name: string; lines: Line[] } {
  const name = basename(dir.replace(/\/+$/, ''));
  const found = readdirSync(dir).filter((f) => f.endsWith('_structured.csv'));
  const file = found.includes(`${name}_2k.log_structured.csv`) ? `${name}_2k.log_structured.csv` : found.length === 1 ? found[0]! : undefined;
  if (file === undefined) throw new Error(`no *_structured.csv in ${dir}`);
  const rows = parseCsv(readFileSync(join(dir, file), 'utf8'));
  const h = rows[0] ?? [];
  const ci = h.indexOf('Content');
  const ei = h.indexOf('EventId');
  const li = h.indexOf('Level');
  const ai = h.indexOf('Label');
  if (ci < 0 || ei < 0) throw new Error(`${file}: needs Content and EventId columns`);
  const lines: Line[] = [];
  for (const row of rows.slice(1)) {
    if (row.length < 2) continue;
    const level = li >= 0 ? (row[li] ?? '') : '';
    const content = row[ci] ?? '';
    lines.push({ message: level && level !== '-' ? `${level} ${content}` : content, type: row[ei] ?? '', alert: ai >= 0 && (row[ai] ?? '-') !== '-' });
  }
  return { name, lines };
}

/** A stand-in for the detector's miner, run on the folder's lines, to pick event types and tokens to fault. */
interface Analysis {
  /** Event types whose lines all fall in one pattern that holds only them: pattern id by type. */
  pure: Map<string, string>;
  patternOf: string[];
}

function analyse(lines: Line[]): Analysis {
  const m = new PatternMiner();
  const first = lines.map((l) => m.add(l.message).patternId);
  const patternOf = first.map((id) => m.resolve(id) ?? id);
  const typesOf = new Map<string, Set<string>>();
  const patternsOfType = new Map<string, Set<string>>();
  lines.forEach((l, i) => {
    const p = patternOf[i]!;
    (typesOf.get(p) ?? typesOf.set(p, new Set()).get(p)!).add(l.type);
    (patternsOfType.get(l.type) ?? patternsOfType.set(l.type, new Set()).get(l.type)!).add(p);
  });
  const pure = new Map<string, string>();
  for (const [t, ps] of patternsOfType) {
    if (ps.size !== 1) continue;
    const p = [...ps][0]!;
    if (typesOf.get(p)!.size === 1) pure.set(t, p);
  }
  return { pure, patternOf };
}

interface Fault {
  kind: Kind;
  /** Start of the (first) window it is in. */
  at: number;
  windows: number;
  /** Events added (new, spike, value, range). */
  add: string[];
  /** Event type removed (drop). */
  drop?: string;
  /** A message of the fault's pattern, to recognise the anomaly about it. */
  probe: string;
}

/** Harmonic number. */
function harmonic(n: number): number {
  let h = 0;
  for (let i = 1; i <= n; i++) h += 1 / i;
  return h;
}

/** Replace the dynamic part of token `pos` of a message (whitespace-normalised). */
function withToken(message: string, pos: number, from: string, to: string): string | undefined {
  const raw = tokenize(message).raw;
  const tok = raw[pos];
  if (tok === undefined) return undefined;
  const i = tok.lastIndexOf(from);
  if (i < 0) return undefined;
  raw[pos] = tok.slice(0, i) + to + tok.slice(i + from.length);
  return raw.join(' ');
}

interface TokenCandidate {
  type: string;
  lines: number[];
  pos: number;
  values: string[];
}

/** Dynamic tokens of pure patterns, with the values the type's lines give them. */
function tokenCandidates(lines: Line[], a: Analysis): TokenCandidate[] {
  const m = new PatternMiner();
  for (const l of lines) m.add(l.message);
  const out: TokenCandidate[] = [];
  const byType = new Map<string, number[]>();
  lines.forEach((l, i) => {
    if (!l.alert) (byType.get(l.type) ?? byType.set(l.type, []).get(l.type)!).push(i);
  });
  for (const [type, idx] of byType) {
    if (!a.pure.has(type) || idx.length < 5) continue;
    const values = new Map<number, string[]>();
    for (const i of idx) {
      const r = m.match(lines[i]!.message);
      if (r === undefined) continue;
      r.params.forEach((v, k) => (values.get(r.positions[k]!) ?? values.set(r.positions[k]!, []).get(r.positions[k]!)!).push(v));
    }
    for (const [pos, vs] of values) if (vs.length === idx.length) out.push({ type, lines: idx, pos, values: vs });
  }
  return out.sort((x, y) => (x.type + x.pos < y.type + y.pos ? -1 : 1));
}

function isNumber(v: string): boolean {
  return /^-?\d+(\.\d+)?$/.test(v);
}

/** Choose the faults of a folder: times in the last 7 days, a few windows apart, busy hours for counts. */
function planFaults(lines: Line[], a: Analysis, normal: number[], peak: number, rand: () => number): Fault[] {
  const faults: Fault[] = [];
  const evalStart = START + TRAIN_DAYS * DAY;
  const taken: number[] = [];
  const pick = (busy: boolean, windows: number): number => {
    for (;;) {
      const day = Math.floor(rand() * (DAYS - TRAIN_DAYS));
      const hour = busy ? 10 + rand() * 8 : rand() * 24;
      const at = evalStart + day * DAY + Math.floor((hour * HOUR) / PERIOD) * PERIOD;
      if (at < evalStart + PERIOD * 3 || at + windows * PERIOD > START + DAYS * DAY - STEP) continue;
      if (taken.some((t) => Math.abs(t - at) < 12 * PERIOD)) continue;
      taken.push(at);
      return at;
    }
  };
  const count = new Map<string, number>();
  for (const i of normal) count.set(lines[i]!.type, (count.get(lines[i]!.type) ?? 0) + 1);
  const sample = (type: string, n: number): string[] => {
    const idx = normal.filter((i) => lines[i]!.type === type);
    return Array.from({ length: n }, () => lines[idx[Math.floor(rand() * idx.length)]!]!.message);
  };

  // new event types: alert lines, or types held out of the normal stream
  const normalTypes = new Set(normal.map((i) => lines[i]!.type));
  const newTypes = [...new Set(lines.filter((l) => !normalTypes.has(l.type)).map((l) => l.type))].filter((t) => a.pure.has(t)).sort();
  for (const t of shuffle(newTypes, rand).slice(0, PER_KIND)) {
    const ls = lines.filter((l) => l.type === t).map((l) => l.message);
    const n = 1 + Math.floor(rand() * 5);
    const add = Array.from({ length: n }, () => ls[Math.floor(rand() * ls.length)]!);
    faults.push({ kind: 'new', at: pick(false, 1), windows: 1, add, probe: add[0]! });
  }

  // steady types: expected at least 20 events a window in busy hours
  const share = (t: string) => (count.get(t) ?? 0) / normal.length;
  const steady = [...count.keys()].filter((t) => a.pure.has(t) && share(t) * peak * 0.55 * 5 >= 20).sort();
  const spiky = [...count.keys()].filter((t) => a.pure.has(t) && share(t) * peak * 0.55 * 5 >= 2).sort();
  for (const t of shuffle(spiky, rand).slice(0, PER_KIND)) {
    const at = pick(true, 1);
    const expected = share(t) * rateAt(at, peak) * 5;
    const add = sample(t, Math.round(expected * 9));
    faults.push({ kind: 'spike', at, windows: 1, add, probe: add[0]! });
  }
  for (const t of shuffle(steady, rand).slice(0, PER_KIND)) {
    faults.push({ kind: 'drop', at: pick(true, 2), windows: 2, add: [], drop: t, probe: sample(t, 1)[0]! });
  }

  // token values: few values (at most 5, none rare) → an unseen one; stationary numbers → one far outside
  const cands = tokenCandidates(
    lines.map((l, i) => (normal.includes(i) ? l : { ...l, alert: true })),
    a,
  ).filter((c) => count.has(c.type) && share(c.type) * peak * 0.55 * 5 >= 0.2);
  const valueCands = cands.filter((c) => {
    const distinct = new Map<string, number>();
    for (const v of c.values) distinct.set(v, (distinct.get(v) ?? 0) + 1);
    return distinct.size <= 5 && [...distinct.values()].every((k) => k >= 2) && c.values.every((v) => v.length > 0 && v.length < 40);
  });
  const usedTypes = new Set<string>();
  for (const c of shuffle(valueCands, rand)) {
    if (faults.filter((f) => f.kind === 'value').length >= PER_KIND || usedTypes.has(c.type)) continue;
    const known = new Set(c.values);
    let fresh: string;
    if (c.values.every(isNumber)) {
      const nums = [...known].map(Number);
      fresh = String(Math.max(...nums) + 1);
      for (let v = Math.min(...nums) + 1; v < Math.max(...nums); v++) if (!known.has(String(v))) fresh = String(v);
    } else if (c.values.every((v) => !/\d/.test(v))) {
      fresh = c.values[0]! === c.values[0]!.toUpperCase() ? 'UNEXPECTED' : 'unexpected';
    } else continue;
    const base = lines[c.lines[0]!]!.message;
    const msg = withToken(base, c.pos, c.values[0]!, fresh);
    if (msg === undefined) continue;
    usedTypes.add(c.type);
    const add = [msg, msg, msg];
    faults.push({ kind: 'value', at: pick(false, 1), windows: 1, add, probe: base });
  }
  const rangeCands = cands.filter((c) => {
    if (!c.values.every(isNumber)) return false;
    const nums = c.values.map(Number);
    if (new Set(nums).size < 3) return false;
    return true;
  });
  for (const c of shuffle(rangeCands, rand)) {
    if (faults.filter((f) => f.kind === 'range').length >= PER_KIND || usedTypes.has(c.type)) continue;
    const nums = c.values.map(Number);
    const min = Math.min(...nums);
    const max = Math.max(...nums);
    const width = Math.max(max - min, Math.abs(max) / 10, 1);
    const far = c.values.every((v) => /^-?\d+$/.test(v)) ? String(Math.round(max + 100 * width)) : (max + 100 * width).toFixed(2);
    const base = lines[c.lines[0]!]!.message;
    const msg = withToken(base, c.pos, c.values[0]!, far);
    if (msg === undefined) continue;
    usedTypes.add(c.type);
    faults.push({ kind: 'range', at: pick(false, 1), windows: 1, add: [msg], probe: base });
  }
  void harmonic;
  return faults;
}

function shuffle<T>(xs: T[], rand: () => number): T[] {
  const a = xs.slice();
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

// ---- the server ----

class SimClock implements Clock {
  constructor(public ms: number) {}
  now(): number {
    return this.ms;
  }
}

async function startServer(clock: SimClock) {
  const dataDir = mkdtempSync(join(tmpdir(), 'logseal-bench-anomalies-'));
  const opened = await openDataDir(dataDir, {});
  const app = createApp({ store: opened.store, keyring: opened.keyring, clock, dev: true, logger: silentLogger });
  await app.accounts.ensureAccount(DEV_ACCOUNT_ID);
  const server = createHttpServer(app).server;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // the scheduler is the server's own background task, run when the simulated clock says, not on a timer
  const task = app.background.find((t) => t.name === ANOMALY_TASK_NAME);
  if (!task) throw new Error('no anomaly detection task');
  const logs = new CloudWatchLogsClient({
    endpoint: url,
    region: REGION,
    credentials: { accessKeyId: DEV_ACCESS_KEY_ID, secretAccessKey: DEV_SECRET_ACCESS_KEY },
    maxAttempts: 1,
  });
  logs.middlewareStack.add((next) => (args) => ((logs.config.systemClockOffset = clock.now() - Date.now()), next(args)), {
    step: 'initialize',
    name: 'simulatedClock',
  });
  return {
    logs,
    runScheduler: () => task.runOnce(),
    async close() {
      logs.destroy();
      await new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      });
      await app.store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// ---- one folder ----

interface Result {
  name: string;
  found: Record<Kind, [number, number]>;
  falsePerDay: number;
  events: number;
  seconds: number;
}

async function runFolder(dir: string, seed: number, peak: number): Promise<Result> {
  const t0 = Date.now();
  const { name, lines } = readFolder(dir);
  const rand = rng(seed ^ parseInt(createHash('sha1').update(name).digest('hex').slice(0, 8), 16));
  const a = analyse(lines);
  // normal lines: not alerts; without labels, a few pure event types are held out as the new ones
  let normal = lines.map((_, i) => i).filter((i) => !lines[i]!.alert);
  if (!lines.some((l) => l.alert)) {
    const counts = new Map<string, number>();
    for (const l of lines) counts.set(l.type, (counts.get(l.type) ?? 0) + 1);
    const rare = [...counts].filter(([t, c]) => a.pure.has(t) && c <= lines.length / 100).map(([t]) => t).sort();
    const held = new Set(shuffle(rare, rand).slice(0, PER_KIND));
    normal = normal.filter((i) => !held.has(lines[i]!.type));
  }
  const faults = planFaults(lines, a, normal, peak, rand);

  const clock = new SimClock(START);
  const srv = await startServer(clock);
  const group = `/bench/${name}`;
  await srv.logs.send(new CreateLogGroupCommand({ logGroupName: group }));
  await srv.logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: 's' }));
  let events = 0;
  let detectorArn: string | undefined;
  for (let t = START; t < START + DAYS * DAY; t += STEP) {
    if (t === START + TRAIN_DAYS * DAY) {
      const out = await srv.logs.send(
        new CreateLogAnomalyDetectorCommand({
          logGroupArnList: [`arn:aws:logs:${REGION}:${DEV_ACCOUNT_ID}:log-group:${group}`],
          evaluationFrequency: 'FIVE_MIN',
          detectorName: name,
        }),
      );
      detectorArn = out.anomalyDetectorArn!;
      await srv.runScheduler(); // trains on the two weeks before
    }
    // the step's events, minute by minute
    const batch: { timestamp: number; message: string }[] = [];
    for (let m = t; m < t + STEP; m += MINUTE) {
      const dropped = faults.filter((f) => f.drop !== undefined && m >= f.at && m < f.at + f.windows * PERIOD).map((f) => f.drop);
      const n = poisson(rateAt(m, peak), rand);
      const offsets: number[] = [];
      for (let k = 0; k < n; k++) offsets.push(Math.floor(rand() * MINUTE));
      const msgs: string[] = [];
      for (let k = 0; k < n; k++) {
        const l = lines[normal[Math.floor(rand() * normal.length)]!]!;
        if (!dropped.includes(l.type)) msgs.push(l.message);
      }
      for (const f of faults) {
        if (f.add.length === 0 || m < f.at || m >= f.at + f.windows * PERIOD) continue;
        // spread the fault's events over the minutes of its window
        const minuteIdx = (m - f.at) / MINUTE;
        const per = f.windows * (PERIOD / MINUTE);
        for (let k = minuteIdx; k < f.add.length; k += per) msgs.push(f.add[k]!);
      }
      const offs = msgs.map(() => Math.floor(rand() * MINUTE)).sort((x, y) => x - y);
      msgs.forEach((message, k) => batch.push({ timestamp: m + offs[k]!, message }));
      void offsets;
    }
    clock.ms = t + STEP;
    await put(srv.logs, group, batch);
    events += batch.length;
    if (detectorArn !== undefined) await srv.runScheduler();
  }
  clock.ms += PERIOD;
  await srv.runScheduler();
  const anomalies: Anomaly[] = [];
  let nextToken: string | undefined;
  do {
    const page = await srv.logs.send(new ListAnomaliesCommand({ anomalyDetectorArn: detectorArn, nextToken }));
    anomalies.push(...(page.anomalies ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  await srv.close();

  // score
  const runsOf = (f: Fault) => Array.from({ length: f.windows }, (_, k) => f.at + (k + 1) * PERIOD);
  const covers = (an: Anomaly, msg: string) => {
    try {
      return new RegExp(an.patternRegex ?? '^$').test(msg.slice(0, 1500).replace(/\s+/g, ' '));
    } catch {
      return false;
    }
  };
  const found = Object.fromEntries(KINDS.map((k) => [k, [0, 0]])) as unknown as Record<Kind, [number, number]>;
  for (const f of faults) {
    found[f.kind][1]++;
    const runs = runsOf(f);
    if (anomalies.some((an) => covers(an, f.probe) && runs.some((r) => an.histogram?.[String(r)] !== undefined))) found[f.kind][0]++;
  }
  const faultRuns = new Set<number>();
  for (const f of faults) for (let k = 0; k < f.windows + 2; k++) faultRuns.add(f.at + (k + 1) * PERIOD);
  const falseOnes = anomalies.filter((an) => !Object.keys(an.histogram ?? {}).some((r) => faultRuns.has(Number(r))));
  if (process.env.LOGSEAL_BENCH_VERBOSE) {
    console.log(`  ${anomalies.length} anomalies, ${faults.length} faults`);
    for (const an of falseOnes) console.log(`  false: ${an.description} | ${an.patternString?.slice(0, 120)} | runs=${Object.keys(an.histogram ?? {}).length}`);
    for (const f of faults) {
      const runs = runsOf(f);
      const ok = anomalies.some((an) => covers(an, f.probe) && runs.some((r) => an.histogram?.[String(r)] !== undefined));
      const by = anomalies.find((an) => covers(an, f.probe) && runs.some((r) => an.histogram?.[String(r)] !== undefined));
      console.log(`  ${ok ? 'found' : 'missed'} ${f.kind} at ${new Date(f.at).toISOString()} (${f.add.length} events): ${f.probe.slice(0, 100)}${by ? ` <- ${by.priority} ${by.description}` : ''}`);
    }
  }
  return { name, found, falsePerDay: falseOnes.length / (DAYS - TRAIN_DAYS), events, seconds: (Date.now() - t0) / 1000 };
}

async function put(logs: CloudWatchLogsClient, group: string, events: { timestamp: number; message: string }[]): Promise<void> {
  // PutLogEvents takes at most 10,000 events and 1 MB (26 bytes of overhead an event) per call
  let i = 0;
  while (i < events.length) {
    let bytes = 0;
    let j = i;
    while (j < events.length && j - i < 10_000) {
      const b = Buffer.byteLength(events[j]!.message) + 26;
      if (bytes + b > 700_000) break;
      bytes += b;
      j++;
    }
    const out = await logs.send(new PutLogEventsCommand({ logGroupName: group, logStreamName: 's', logEvents: events.slice(i, j) }));
    if (out.rejectedLogEventsInfo) throw new Error(`events rejected: ${JSON.stringify(out.rejectedLogEventsInfo)}`);
    i = j;
  }
}

function fmt(f: [number, number]): string {
  return f[1] === 0 ? 'n/a' : (f[0] / f[1]).toFixed(2);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  let seed = 1;
  let peak = 300;
  const dirs: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--seed') seed = Number(args[++i]);
    else if (args[i] === '--rate') peak = Number(args[++i]);
    else dirs.push(args[i]!);
  }
  if (dirs.length === 0) {
    const base = join(repoRoot, '..', 'shared', 'loghub-2k');
    if (!existsSync(base)) throw new Error(`no folders given and ${base} does not exist`);
    for (const f of readdirSync(base).sort()) if (statSync(join(base, f)).isDirectory()) dirs.push(join(base, f));
  }
  const total = Object.fromEntries(KINDS.map((k) => [k, [0, 0]])) as unknown as Record<Kind, [number, number]>;
  let falseSum = 0;
  let recallSum = 0;
  for (const dir of dirs) {
    const r = await runFolder(dir, seed, peak);
    let f = 0;
    let n = 0;
    for (const k of KINDS) {
      f += r.found[k][0];
      n += r.found[k][1];
      total[k][0] += r.found[k][0];
      total[k][1] += r.found[k][1];
    }
    const recall = n === 0 ? 1 : f / n;
    recallSum += recall;
    falseSum += r.falsePerDay;
    const kinds = KINDS.map((k) => `${k}=${fmt(r.found[k])}`).join(' ');
    console.log(`${r.name} recall=${recall.toFixed(2)} (${kinds}) false_per_day=${r.falsePerDay.toFixed(2)} events=${r.events} seconds=${r.seconds.toFixed(0)}`);
  }
  const kinds = KINDS.map((k) => `${k}=${fmt(total[k])}`).join(' ');
  const all = KINDS.reduce((s, k) => s + total[k][0], 0) / Math.max(1, KINDS.reduce((s, k) => s + total[k][1], 0));
  console.log(`average recall=${(recallSum / dirs.length).toFixed(2)} (${kinds}) pooled_recall=${all.toFixed(2)} false_per_day=${(falseSum / dirs.length).toFixed(2)}`);
}

await main();
