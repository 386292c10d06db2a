/**
 * The cost of log transformers at ingestion: MB/s of log text a transformer turns into its transformed versions,
 * one event at a time as PutLogEvents does, in CPU time, beside the same-run yardstick of a JSON round trip of each
 * event's transformed version (`JSON.stringify(JSON.parse(…))`): building an object of that shape and writing it as
 * JSON is the least any transformer must do per event. Two transformers: a grok line parser with mutators and a date
 * conversion (the costly kind), and parseJSON with JSON mutators.
 *
 * Target: each transformer at least a third of the round trip's rate (decision 0020).
 */
import type { Processor } from '../src/protocol/generated/logs.js';
import { compileTransformer } from '../src/logs/transform/processors.js';
import { fmt } from './lib.js';

const TARGET_RATIO = 1 / 3;

let seed = 11;
function rand(n: number): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
}

const LEVELS = ['INFO', 'WARN', 'ERROR', 'DEBUG'];
const line = () =>
  `2024-05-0${1 + rand(9)}T12:${10 + rand(50)}:${10 + rand(50)}.123Z ${LEVELS[rand(4)]} 10.${rand(255)}.${rand(255)}.${rand(255)} user=u${rand(9999)} GET /api/v1/orders/${rand(1e5)} status=200 took ${rand(900)}ms`;
const json = () => JSON.stringify({ time: Date.now(), level: LEVELS[rand(4)], user: { id: `u${rand(9999)}`, tier: 'gold' }, path: `/api/v1/orders/${rand(1e5)}`, status: 200, ms: rand(900), debug: 'x'.repeat(rand(40)) });

const GROK: Processor[] = [
  { grok: { match: '%{TIMESTAMP_ISO8601:time} %{LOGLEVEL:level} %{IP:client} user=%{WORD:user} %{WORD:method} %{URIPATH:path} status=%{INT:status} took %{INT:ms}ms' } },
  { lowerCaseString: { withKeys: ['level'] } },
  { typeConverter: { entries: [{ key: 'status', type: 'integer' }, { key: 'ms', type: 'integer' }] } },
  { dateTimeConverter: { source: 'time', target: 'day', matchPatterns: ["yyyy-MM-dd'T'HH:mm:ss.SSS'Z'"], targetFormat: 'yyyy-MM-dd' } },
  { copyValue: { entries: [{ source: '@logGroupName', target: 'group' }] } },
];
const JSON_MUTATORS: Processor[] = [
  { parseJSON: {} },
  { deleteKeys: { withKeys: ['debug'] } },
  { renameKeys: { entries: [{ key: 'ms', renameTo: 'latencyMs' }] } },
  { moveKeys: { entries: [{ source: 'user.tier', target: 'tier' }] } },
  { addKeys: { entries: [{ key: 'env', value: 'prod' }] } },
];

export async function transformBench(seconds: number): Promise<boolean> {
  const meta = { logGroupName: '/app', logStreamName: 's', accountId: '123456789012', region: 'us-east-1' };
  let ok = true;
  for (const [name, config, make] of [
    ['grok', GROK, line],
    ['parseJSON', JSON_MUTATORS, json],
  ] as const) {
    const events: string[] = [];
    let bytes = 0;
    while (bytes < 8e6) {
      const e = make();
      events.push(e);
      bytes += e.length;
    }
    const t = compileTransformer(config);
    const asJson = events.map((e) => {
      const r = t.apply(e, meta);
      return r.ok ? r.json : '{}';
    });
    const rate = (fn: () => void): number => {
      let best = Infinity;
      const until = Date.now() + (seconds * 1000) / 4;
      do {
        const c0 = process.cpuUsage();
        fn();
        const c = process.cpuUsage(c0);
        best = Math.min(best, (c.user + c.system) / 1e6);
      } while (Date.now() < until);
      return bytes / 1e6 / best;
    };
    let failed = 0;
    const transform = rate(() => {
      failed = 0;
      for (const e of events) if (!t.apply(e, meta).ok) failed++;
    });
    const parse = rate(() => {
      for (const j of asJson) JSON.stringify(JSON.parse(j));
    });
    const usPerEvent = (bytes / events.length / 1e6 / transform) * 1e6;
    const ratio = transform / parse;
    const met = ratio >= TARGET_RATIO && failed === 0;
    ok &&= met;
    console.log(`  ${name.padEnd(10)} ${fmt(transform, 1)} MB/CPU-s, ${fmt(usPerEvent, 2)} µs CPU per event (${fmt(failed)} failed of ${fmt(events.length)})`);
    console.log(`  round trip ${fmt(parse, 1)} MB/CPU-s: JSON.parse and JSON.stringify of each transformed version (limit)`);
    console.log(`  ratio       ${fmt(ratio, 2)} (target ≥ ${fmt(TARGET_RATIO, 2)}) ${met ? 'met' : 'NOT met'}`);
  }
  return ok;
}

if (import.meta.url === `file://${process.argv[1]}`) await transformBench(Number(process.env.LOGSEAL_BENCH_SECONDS ?? 8));
