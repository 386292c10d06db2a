/**
 * Micro-benchmark of compiled filter patterns: MB/s of log text scanned, one matcher call per event, the way
 * FilterLogEvents walks a log stream. Run: `npx tsx bench/filter.ts` (or compiled: `node dist/bench/filter.js`).
 * Optional argument: total megabytes of synthetic events per corpus (default 64).
 */
import { compileFilter, parseFilterPattern } from '../src/logs/filter/index.js';

const targetMb = Number(process.argv[2] ?? 64);

// mulberry32 with a fixed seed, so runs compare.
let seed = 42;
function rand(n: number): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
}

const LEVELS = ['INFO', 'INFO', 'INFO', 'DEBUG', 'WARN', 'ERROR'];
const PATHS = ['/index.html', '/api/v1/users', '/api/v1/orders/42', '/static/app.js', '/health'];

function textEvent(): string {
  const level = LEVELS[rand(LEVELS.length)]!;
  return `2024-05-0${1 + rand(9)}T12:${10 + rand(50)}:${10 + rand(50)}.123Z ${level} [worker-${rand(16)}] request ${rand(1e6)} handled path=${PATHS[rand(PATHS.length)]} in ${rand(900)}ms user=u${rand(5000)} session=${rand(1e9).toString(16)}`;
}

function apacheEvent(): string {
  const status = [200, 200, 200, 304, 404, 500][rand(6)]!;
  return `10.0.${rand(255)}.${rand(255)} - user${rand(100)} [10/Oct/2000:13:${10 + rand(50)}:${10 + rand(50)} -0700] "GET ${PATHS[rand(PATHS.length)]} HTTP/1.1" ${status} ${rand(20000)}`;
}

function jsonEvent(): string {
  return JSON.stringify({
    eventType: ['UpdateTrail', 'CreateTrail', 'DeleteTrail'][rand(3)],
    sourceIPAddress: `10.0.${rand(255)}.${rand(255)}`,
    latency: rand(2000),
    user: { id: rand(1000), name: `user${rand(1000)}` },
    tags: ['a', 'b', 'c'].slice(0, 1 + rand(3)),
  });
}

function corpus(make: () => string): { events: string[]; bytes: number } {
  const events: string[] = [];
  let bytes = 0;
  while (bytes < targetMb * 1e6) {
    const e = make();
    events.push(e);
    bytes += e.length; // ASCII only, so characters are bytes
  }
  return { events, bytes };
}

function measure(pattern: string, data: { events: string[]; bytes: number }): { mbps: number; matched: number } {
  const match = compileFilter(parseFilterPattern(pattern));
  let best = Infinity;
  let matched = 0;
  for (let run = 0; run < 5; run++) {
    const t0 = process.hrtime.bigint();
    let m = 0;
    const events = data.events;
    for (let i = 0; i < events.length; i++) if (match(events[i]!)) m++;
    const secs = Number(process.hrtime.bigint() - t0) / 1e9;
    best = Math.min(best, secs);
    matched = m;
  }
  return { mbps: data.bytes / 1e6 / best, matched };
}

const text = corpus(textEvent);
const apache = corpus(apacheEvent);
const json = corpus(jsonEvent);

const rows: [string, string, { events: string[]; bytes: number }][] = [
  ['simple term (present in 1/6)', 'ERROR', text],
  ['simple term (absent)', 'CRITICAL', text],
  ['two terms', 'ERROR orders', text],
  ['term with exclusion', 'ERROR -health', text],
  ['?terms', '?ERROR ?WARN', text],
  ['regex', '%handled\\spath=/api/v1/[a-z]+%', text],
  ['regex, no literal', '%[0-9]{3}ms%', text],
  ['JSON equality', '{ $.eventType = "UpdateTrail" }', json],
  ['JSON numeric', '{ $.latency > 1500 }', json],
  ['JSON compound', '{ ($.latency > 1000 && $.user.id < 100) || $.tags[2] = "c" }', json],
  ['space-delimited, 7 fields', '[ip, user, username, timestamp, request, status_code = 5*, bytes > 1000]', apache],
  ['space-delimited, ellipsis', '[..., status_code = 404, bytes]', apache],
];

console.log(`corpora: ${targetMb} MB each (${text.events.length} text, ${apache.events.length} Apache, ${json.events.length} JSON events)`);
console.log('pattern'.padEnd(34) + 'MB/s'.padStart(10) + 'matched'.padStart(12));
for (const [name, pattern, data] of rows) {
  const { mbps, matched } = measure(pattern, data);
  console.log(name.padEnd(34) + mbps.toFixed(0).padStart(10) + String(matched).padStart(12));
}
