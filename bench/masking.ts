/**
 * The cost of masking at read time: MB/s of log text scanned by every managed data identifier logseal implements
 * (the worst policy), one event at a time as GetLogEvents and FilterLogEvents mask, beside the same-run yardstick of
 * one `JSON.parse` of the same events (the work a read does anyway to answer). Half the events hold something to mask.
 *
 * Target: masking with every managed identifier at least a third of the JSON.parse rate, so a policy at most
 * quadruples the text-handling cost of a read (decision 0016).
 */
import { MANAGED_IDENTIFIERS } from '../src/logs/dataProtection/identifiers.js';
import { maskText } from '../src/logs/dataProtection/mask.js';
import { fmt } from './lib.js';

const TARGET_RATIO = 1 / 3;

let seed = 7;
function rand(n: number): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
}

const SECRETS = [
  () => `user u${rand(9999)}@example.com logged in`,
  () => `payment card 4111 1111 1111 1111 accepted`,
  () => `peer 10.${rand(255)}.${rand(255)}.${rand(255)} connected`,
  () => `phone (415) 555-${1000 + rand(8999)} verified`,
  () => `ssn: 123-45-${1000 + rand(8999)} on file`,
];

function event(): string {
  const base = `2024-05-0${1 + rand(9)}T12:${10 + rand(50)}:${10 + rand(50)}.123Z INFO [worker-${rand(16)}] request ${rand(1e6)} handled in ${rand(900)}ms`;
  return rand(2) === 0 ? `${base} ${SECRETS[rand(SECRETS.length)]!()}` : `${base} path=/api/v1/orders/${rand(1e5)} status=200`;
}

export async function maskingBench(seconds: number): Promise<boolean> {
  const events: string[] = [];
  let bytes = 0;
  while (bytes < 16e6) {
    const e = event();
    events.push(e);
    bytes += e.length;
  }
  const ids = [...MANAGED_IDENTIFIERS.values()];
  const asJson = events.map((e) => JSON.stringify({ timestamp: 1, message: e, ingestionTime: 1 }));
  const rate = (fn: () => void): number => {
    let best = Infinity;
    const until = Date.now() + (seconds * 1000) / 2;
    do {
      const t0 = process.hrtime.bigint();
      fn();
      best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
    } while (Date.now() < until);
    return bytes / 1e6 / best;
  };
  let found = 0;
  const mask = rate(() => {
    found = 0;
    for (const e of events) found += maskText(e, ids).findings.size;
  });
  const parse = rate(() => {
    for (const j of asJson) JSON.parse(j);
  });
  const ratio = mask / parse;
  const ok = ratio >= TARGET_RATIO;
  console.log(`  masking      ${fmt(mask, 1)} MB/s with ${ids.length} managed identifiers (${fmt(found)} events with findings of ${fmt(events.length)})`);
  console.log(`  JSON.parse   ${fmt(parse, 1)} MB/s of the same events (this process)`);
  console.log(`  ${''.padEnd(12)} ${fmt(ratio * 100)}% of JSON.parse, target ${fmt(TARGET_RATIO * 100)}% ${ok ? 'OK' : 'BELOW TARGET'}`);
  return ok;
}

if (import.meta.url === `file://${process.argv[1]}`) await maskingBench(Number(process.env.LOGSEAL_BENCH_SECONDS ?? 8));
