import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { fmt, spawnLogseal } from './lib.js';
import { batchLimits } from './limits.js';
import { record } from './results.js';

/**
 * CloudWatch Logs ingest and scan, through the wire protocol with SigV4, against a group encrypted under a customer
 * KMS key:
 *
 * - ingest: 4 concurrent clients sending PutLogEvents batches of 1,000 events of ~200 bytes for N seconds, then on
 *   until 1M events exist (10M with LOGSEAL_BENCH_LARGE=1) → events/s, MB/s of message text, server CPU-µs per event;
 * - server RSS after that ingest;
 * - FilterLogEvents over the first 1M events with a pattern matching 1% of them → MB/s of log text scanned;
 * - the rate of `JSON.parse` on the same batch bodies in this process, as the same-run yardstick for ingest.
 *
 * - a Logs Insights query (`filter … | stats count(*) by bin(1m)`) over the same 1M events → MB/s and MB per server
 *   CPU-second beside FilterLogEvents';
 * - FilterLogEvents for a term in no chunk (chunks skipped on their sketch, decision 0024), interleaved with the
 *   matching term's search → server CPU µs per MB of event text skipped (min and median of the rounds), target
 *   ≥ 3 GB/s per core, and the matching term's figure in the same rounds (what the sketch costs where it skips nothing);
 * Targets: ingest ≥ 1,000,000 events/s, filter ≥ 500 MB/s, RSS < 300 MB after 10M events, Insights ≥ 70% of
 * FilterLogEvents' MB per CPU-second.
 */
const TARGET_EVENTS_PER_S = 1_000_000;
const TARGET_FILTER_MBPS = 500;
const TARGET_RSS_MB = 300;

const REGION = 'us-east-1';
const ACCOUNT = '000000000000';
export const GROUP = 'bench';
const CLIENTS = 4;
export const EVENTS_PER_BATCH = 1_000;
const FILTER_EVENTS = 1_000_000;
const LARGE_EVENTS = 10_000_000;
/** Distinct message sets cycled through by the batches (their timestamps differ per batch). */
const VARIANTS = 16;
/** One in this many events holds the filter's term. */
const MATCH_EVERY = 100;
const FILTER_PATTERN = 'ERROR';
/** Batch b holds events at `base + b * BATCH_SPAN_MS + j`: batches never overlap in time, as a live stream's don't. */
const BATCH_SPAN_MS = 1_000;
/** Where the first batch starts: 10M events (10,000 batches) then end before now, within PutLogEvents' window. */
export const START_BEFORE_NOW_MS = 3 * 3600_000;
const FILTER_RUNS = 3;
const PARSE_SECONDS = 2;

export async function logsBench(seconds: number): Promise<boolean> {
  const large = process.env.LOGSEAL_BENCH_LARGE === '1';
  const server = await spawnLogseal();
  const client = new Client(server.url);
  try {
    const pid = server.child.pid!;
    const keyArn = await createLogsKey(client);
    await client.call('logs', 'Logs_20140328.CreateLogGroup', { logGroupName: GROUP, kmsKeyId: keyArn });
    const streams = Array.from({ length: CLIENTS }, (_, i) => `client-${i}`);
    for (const s of streams) await client.call('logs', 'Logs_20140328.CreateLogStream', { logGroupName: GROUP, logStreamName: s });

    // Whole seconds: StartQuery takes its range in seconds, so the Insights phase covers exactly the filtered events.
    const batches = new Batches(Math.floor((Date.now() - START_BEFORE_NOW_MS) / 1000) * 1000);
    console.log(
      `CloudWatch Logs, customer KMS key, SigV4, ${CLIENTS} concurrent clients, batches of ${fmt(EVENTS_PER_BATCH)} events ` +
        `of ~${fmt(batches.messageBytesPerBatch / EVENTS_PER_BATCH)} bytes:`,
    );
    await ingest(client, batches, streams, { events: 20 * EVENTS_PER_BATCH }); // warm-up (JIT, data key cache)
    const timed = await ingest(client, batches, streams, { ms: seconds * 1000 }, pid);
    const target = large ? LARGE_EVENTS : FILTER_EVENTS;
    if (batches.sent * EVENTS_PER_BATCH < target) await ingest(client, batches, streams, { events: target - batches.sent * EVENTS_PER_BATCH });
    const stored = batches.sent * EVENTS_PER_BATCH;
    const rssMb = rssOf(pid);
    const filter = await timeFilter(client, batches, pid);
    const rssAfterFilterMb = rssOf(pid);
    const insights = await timeInsights(client, batches, pid);
    const skip = await timeSkip(client, batches, pid);
    const parse = parseRate(batches, streams[0]!);

    const ok = report({ timed, parse, filter, stored, rssMb, rssAfterFilterMb, large });
    const insightsOk = reportInsights(insights, filter);
    const skipOk = await reportCosts(timed, filter, insights, skip);
    return insightsOk && ok && skipOk;
  } finally {
    client.close();
    await server.stop();
  }
}

interface Figures {
  timed: IngestResult;
  parse: { eventsPerS: number; mbps: number };
  filter: FilterResult;
  stored: number;
  rssMb: number;
  rssAfterFilterMb: number;
  large: boolean;
}

/** Prints the figures beside their targets; true when all are met (the RSS target is about 10M events). */
function report({ timed, parse, filter, stored, rssMb, rssAfterFilterMb, large }: Figures): boolean {
  const ingestOk = timed.eventsPerS >= TARGET_EVENTS_PER_S;
  const filterOk = filter.mbps >= TARGET_FILTER_MBPS;
  const rssOk = rssMb < TARGET_RSS_MB;
  console.log(
    `  ingest       ${fmt(timed.eventsPerS)} events/s  ${fmt(timed.mbps, 1)} MB/s of messages over ${fmt(timed.seconds, 1)} s  ` +
      `server ${fmt(timed.serverCpuUsPerEvent, 2)} CPU-µs/event, client ${fmt(timed.clientCpuUsPerEvent, 2)} CPU-µs/event`,
  );
  console.log(`  ${''.padEnd(12)} ${pct(timed.eventsPerS, TARGET_EVENTS_PER_S)} of ${fmt(TARGET_EVENTS_PER_S)} events/s ${ingestOk ? 'OK' : 'BELOW TARGET'}`);
  console.log(
    `  JSON.parse   ${fmt(parse.eventsPerS)} events/s  ${fmt(parse.mbps, 1)} MB/s of bodies (this process); ` +
      `ingest is ${pct(timed.eventsPerS, parse.eventsPerS)} of it`,
  );
  console.log(
    `  filter       ${fmt(filter.mbps, 1)} MB/s of log text (best of ${FILTER_RUNS}; ${fmt(filter.events)} events, ${fmt(filter.mb, 1)} MB, ` +
      `${fmt(filter.matched)} matched in ${filter.calls} calls)  server ${fmt(filter.serverMbPerCpuS, 1)} MB per CPU-second ` +
      `(${fmt(1000 / filter.serverMbPerCpuS, 2)} CPU-ms per MB)`,
  );
  console.log(`  ${''.padEnd(12)} ${pct(filter.mbps, TARGET_FILTER_MBPS)} of ${TARGET_FILTER_MBPS} MB/s ${filterOk ? 'OK' : 'BELOW TARGET'}`);
  const which = large ? '' : ` (not ${fmt(LARGE_EVENTS)}: set LOGSEAL_BENCH_LARGE=1)`;
  console.log(`  RSS          ${fmt(rssMb, 1)} MB after ${fmt(stored)} events${which}; ${fmt(rssAfterFilterMb, 1)} MB after the filter`);
  console.log(`  ${''.padEnd(12)} ${pct(rssMb, TARGET_RSS_MB)} of ${TARGET_RSS_MB} MB ${rssOk ? 'OK' : 'ABOVE TARGET'}${large ? '' : ' (not the 10M-event figure)'}`);
  return ingestOk && filterOk && rssOk && large;
}

function pct(n: number, of: number): string {
  return `${fmt((n / of) * 100, 1)}%`;
}

// --- the batches ------------------------------------------------------------------------------------------------

/**
 * PutLogEvents bodies built from a few message sets: one body per (stream, set), whose timestamps (fixed width) are
 * rewritten in place for each batch, so the clients spend little CPU next to the server they measure. A stream's
 * bodies are used by its client only, one request at a time.
 */
export class Batches {
  /** Batches handed out so far (all acknowledged once an ingest phase returns). */
  sent = 0;
  readonly messageBytesPerBatch: number;
  private readonly templates: { events: Buffer; tsOffsets: Uint32Array }[] = [];
  private readonly bodies = new Map<string, Buffer>();

  constructor(readonly base: number) {
    const rand = mulberry32(42);
    let bytes = 0;
    for (let v = 0; v < VARIANTS; v++) {
      const messages = Array.from({ length: EVENTS_PER_BATCH }, (_, j) => logLine(rand, (v * EVENTS_PER_BATCH + j) % MATCH_EVERY === 0));
      bytes += messages.reduce((n, m) => n + m.length, 0);
      this.templates.push(template(messages));
    }
    this.messageBytesPerBatch = bytes / VARIANTS;
  }

  /** Time range of the first `events` events. */
  timeRange(events: number): { startTime: number; endTime: number } {
    const lastBatch = Math.ceil(events / EVENTS_PER_BATCH) - 1;
    return { startTime: this.base, endTime: this.base + lastBatch * BATCH_SPAN_MS + EVENTS_PER_BATCH - 1 };
  }

  /** The body of batch `b` for `stream`; valid until the next call for the same stream. */
  body(b: number, stream: string): Buffer {
    const t = this.templates[b % VARIANTS]!;
    const id = `${stream}\n${b % VARIANTS}`;
    let body = this.bodies.get(id);
    if (!body) {
      body = Buffer.concat([t.events, Buffer.from(`],"logGroupName":"${GROUP}","logStreamName":"${stream}"}`)]);
      this.bodies.set(id, body);
    }
    const first = this.base + b * BATCH_SPAN_MS;
    for (let j = 0; j < EVENTS_PER_BATCH; j++) body.write(String(first + j), t.tsOffsets[j]!, 'latin1');
    return body;
  }
}

/** `{"logEvents":[…` with 13-digit timestamp placeholders, and where each one is. */
function template(messages: string[]): { events: Buffer; tsOffsets: Uint32Array } {
  const tsOffsets = new Uint32Array(messages.length);
  let s = '{"logEvents":[';
  messages.forEach((m, j) => {
    s += `${j ? ',' : ''}{"timestamp":`;
    tsOffsets[j] = s.length; // ASCII: characters are bytes
    s += `0000000000000,"message":${JSON.stringify(m)}}`;
  });
  return { events: Buffer.from(s, 'latin1'), tsOffsets };
}

const LEVELS = ['INFO', 'INFO', 'INFO', 'DEBUG', 'WARN'];
const PATHS = ['/index.html', '/api/v1/users', '/api/v1/orders/42', '/static/app.js', '/health'];

/** A ~200-byte application log line; only lines with `match` hold the filter's term. */
export function logLine(rand: (n: number) => number, match: boolean): string {
  const level = match ? 'ERROR' : LEVELS[rand(LEVELS.length)]!;
  const line =
    `2024-05-0${1 + rand(9)}T12:${10 + rand(50)}:${10 + rand(50)}.${100 + rand(900)}Z ${level} [worker-${rand(16)}] ` +
    `request ${rand(1e6)} handled path=${PATHS[rand(PATHS.length)]} in ${rand(900)}ms user=u${rand(5000)} ` +
    `session=${rand(1e9).toString(16)} trace=${rand(1e9).toString(16)}${rand(1e9).toString(16)} bytes=${rand(1e5)}`;
  return line.padEnd(200, ' .');
}

/** mulberry32 with a fixed seed, so runs compare. */
export function mulberry32(seed: number): (n: number) => number {
  return (n) => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

// --- the phases -------------------------------------------------------------------------------------------------

export interface IngestResult {
  seconds: number;
  eventsPerS: number;
  mbps: number;
  serverCpuUsPerEvent: number;
  clientCpuUsPerEvent: number;
}

/** Runs the clients until the time is up or that many more events were acknowledged. */
export async function ingest(client: Client, batches: Batches, streams: string[], until: { ms?: number; events?: number }, pid?: number): Promise<IngestResult> {
  const startBatch = batches.sent;
  const lastBatch = until.events !== undefined ? startBatch + Math.ceil(until.events / EVENTS_PER_BATCH) : Infinity;
  const cpu0 = pid !== undefined ? cpuMicros(pid) : 0;
  const client0 = process.cpuUsage();
  const t0 = performance.now();
  const deadline = until.ms !== undefined ? t0 + until.ms : Infinity;
  await Promise.all(
    streams.map(async (stream) => {
      while (performance.now() < deadline && batches.sent < lastBatch) {
        const b = batches.sent++;
        await client.call('logs', 'Logs_20140328.PutLogEvents', batches.body(b, stream));
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const events = (batches.sent - startBatch) * EVENTS_PER_BATCH;
  const clientCpu = process.cpuUsage(client0);
  return {
    seconds,
    eventsPerS: events / seconds,
    mbps: ((batches.sent - startBatch) * batches.messageBytesPerBatch) / 1e6 / seconds,
    serverCpuUsPerEvent: pid !== undefined ? (cpuMicros(pid) - cpu0) / events : 0,
    clientCpuUsPerEvent: (clientCpu.user + clientCpu.system) / events,
  };
}

export interface FilterResult {
  mbps: number;
  mb: number;
  events: number;
  matched: number;
  calls: number;
  serverMbPerCpuS: number;
}

/** FilterLogEvents over the first 1M events, following nextToken to the end; the best of a few runs. */
export async function timeFilter(client: Client, batches: Batches, pid: number, events = FILTER_EVENTS, runs = FILTER_RUNS): Promise<FilterResult> {
  const mb = ((events / EVENTS_PER_BATCH) * batches.messageBytesPerBatch) / 1e6;
  let best: FilterResult | undefined;
  for (let run = 0; run < runs; run++) {
    const cpu0 = cpuMicros(pid);
    const t0 = performance.now();
    let matched = 0;
    let calls = 0;
    let nextToken: string | undefined;
    do {
      const input = { logGroupName: GROUP, filterPattern: FILTER_PATTERN, ...batches.timeRange(events), ...(nextToken ? { nextToken } : {}) };
      const out = (await client.call('logs', 'Logs_20140328.FilterLogEvents', input)) as { events: unknown[]; nextToken?: string };
      matched += out.events.length;
      nextToken = out.nextToken;
      calls++;
    } while (nextToken);
    const seconds = (performance.now() - t0) / 1000;
    const cpuS = (cpuMicros(pid) - cpu0) / 1e6;
    if (matched !== events / MATCH_EVERY) throw new Error(`FilterLogEvents matched ${matched} events, expected ${events / MATCH_EVERY}`);
    const r = { mbps: mb / seconds, mb, events, matched, calls, serverMbPerCpuS: mb / cpuS };
    if (!best || r.mbps > best.mbps) best = r;
  }
  return best!;
}

/** A term that occurs in no chunk (the bench's lines are lower-case words, upper-case levels, digits and hex). */
const ABSENT_PATTERN = 'OutOfMemoryError';
/**
 * Matches exactly the events FILTER_PATTERN matches (only ERROR holds an upper-case "RO"), but is too short for a
 * trigram: its search never consults a sketch, as every search did before sketches. The A/B of what sketches cost
 * where they skip nothing.
 */
const UNSKETCHED_PATTERN = 'RO';
const SKIP_ROUNDS = 5;
/** Searches for the absent term per measurement: one costs a few ticks of /proc/PID/stat's 10 ms clock. */
const ABSENT_REPEATS = 10;

interface SkipResult {
  /**
   * Server CPU µs per MB of event text, per round: the term in no chunk, FILTER_PATTERN, and UNSKETCHED_PATTERN
   * (same events, no sketch consulted), interleaved.
   */
  absentUsPerMb: number[];
  presentUsPerMb: number[];
  unsketchedUsPerMb: number[];
  mb: number;
}

/** One whole FilterLogEvents search over the first 1M events (following nextToken); server CPU µs per MB. */
async function filterCpuPerMb(client: Client, batches: Batches, pid: number, pattern: string, expected: number, repeats = 1): Promise<number> {
  const mb = ((FILTER_EVENTS / EVENTS_PER_BATCH) * batches.messageBytesPerBatch) / 1e6;
  const cpu0 = cpuMicros(pid);
  for (let r = 0; r < repeats; r++) {
    let matched = 0;
    let nextToken: string | undefined;
    do {
      const input = { logGroupName: GROUP, filterPattern: pattern, ...batches.timeRange(FILTER_EVENTS), ...(nextToken ? { nextToken } : {}) };
      const out = (await client.call('logs', 'Logs_20140328.FilterLogEvents', input)) as { events: unknown[]; nextToken?: string };
      matched += out.events.length;
      nextToken = out.nextToken;
    } while (nextToken);
    if (matched !== expected) throw new Error(`FilterLogEvents ${pattern} matched ${matched} events, expected ${expected}`);
  }
  return (cpuMicros(pid) - cpu0) / (mb * repeats);
}

/**
 * FilterLogEvents for a term in no chunk (every chunk skipped on its sketch, decision 0024) and for FILTER_PATTERN
 * (in every chunk: the sketch only costs there), interleaved, SKIP_ROUNDS rounds.
 */
async function timeSkip(client: Client, batches: Batches, pid: number): Promise<SkipResult> {
  const mb = ((FILTER_EVENTS / EVENTS_PER_BATCH) * batches.messageBytesPerBatch) / 1e6;
  const out: SkipResult = { absentUsPerMb: [], presentUsPerMb: [], unsketchedUsPerMb: [], mb };
  for (let r = 0; r < SKIP_ROUNDS; r++) {
    out.absentUsPerMb.push(await filterCpuPerMb(client, batches, pid, ABSENT_PATTERN, 0, ABSENT_REPEATS));
    out.presentUsPerMb.push(await filterCpuPerMb(client, batches, pid, FILTER_PATTERN, FILTER_EVENTS / MATCH_EVERY));
    out.unsketchedUsPerMb.push(await filterCpuPerMb(client, batches, pid, UNSKETCHED_PATTERN, FILTER_EVENTS / MATCH_EVERY));
  }
  return out;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** Logs Insights must scan at least this share of FilterLogEvents' MB per server CPU-second. */
const TARGET_INSIGHTS_RATIO = 0.7;
const INSIGHTS_QUERY = `filter @message like /${FILTER_PATTERN}/ | stats count(*) as n by bin(1m)`;

interface InsightsResult {
  mbps: number;
  mb: number;
  serverMbPerCpuS: number;
  counted: number;
}

/** One Logs Insights query over the same 1M events as the filter: StartQuery, then GetQueryResults until it ends. */
async function timeInsights(client: Client, batches: Batches, pid: number): Promise<InsightsResult> {
  const mb = ((FILTER_EVENTS / EVENTS_PER_BATCH) * batches.messageBytesPerBatch) / 1e6;
  const range = batches.timeRange(FILTER_EVENTS);
  const cpu0 = cpuMicros(pid);
  const t0 = performance.now();
  const { queryId } = (await client.call('logs', 'Logs_20140328.StartQuery', {
    logGroupName: GROUP,
    startTime: Math.floor(range.startTime / 1000),
    endTime: Math.floor(range.endTime / 1000),
    queryString: INSIGHTS_QUERY,
  })) as { queryId: string };
  let out: { status: string; results: { field: string; value: string }[][] };
  for (;;) {
    out = (await client.call('logs', 'Logs_20140328.GetQueryResults', { queryId })) as typeof out;
    if (out.status !== 'Running' && out.status !== 'Scheduled') break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpuS = (cpuMicros(pid) - cpu0) / 1e6;
  if (out.status !== 'Complete') throw new Error(`Insights query ended ${out.status}`);
  const counted = out.results.reduce((sum, row) => sum + Number(row.find((f) => f.field === 'n')?.value ?? 0), 0);
  return { mbps: mb / seconds, mb, serverMbPerCpuS: mb / cpuS, counted };
}

function reportInsights(r: InsightsResult, filter: FilterResult): boolean {
  const ratio = r.serverMbPerCpuS / filter.serverMbPerCpuS;
  const ok = ratio >= TARGET_INSIGHTS_RATIO && r.counted === FILTER_EVENTS / MATCH_EVERY;
  console.log(
    `  insights     ${fmt(r.mbps, 1)} MB/s of log text (\`${INSIGHTS_QUERY}\`, ${fmt(r.mb, 1)} MB, ${fmt(r.counted)} counted)  ` +
      `server ${fmt(r.serverMbPerCpuS, 1)} MB per CPU-second (${fmt(1000 / r.serverMbPerCpuS, 2)} CPU-ms per MB, ` +
      `FilterLogEvents ${fmt(1000 / filter.serverMbPerCpuS, 2)})`,
  );
  console.log(`  ${''.padEnd(12)} ${pct(r.serverMbPerCpuS, filter.serverMbPerCpuS * TARGET_INSIGHTS_RATIO)} of ${Math.round(TARGET_INSIGHTS_RATIO * 100)}% of FilterLogEvents' MB per CPU-second ${ok ? 'OK' : 'BELOW TARGET'}`);
  return ok;
}

/** Ingest: at most this many server CPU-µs per ~200-byte event (≥ 1M events/s per core), durably acknowledged. */
const TARGET_INGEST_US_PER_EVENT = 1;
/** FilterLogEvents: at least 800 MB/s of event text per core on customer-key data. */
const TARGET_FILTER_US_PER_MB = 1e6 / 800;
/** FilterLogEvents for a term in no chunk: at least 3 GB/s of event text per core (issue 16). */
const TARGET_SKIP_US_PER_MB = 1e6 / 3000;

/**
 * The server's cost per unit of work (CPU of the server process alone) beside the limits measured in this process
 * in the same run: JSON.parse per event for ingest, the chunk codec (decrypt, decompress, decode) per MB for scans.
 */
async function reportCosts(timed: IngestResult, filter: FilterResult, insights: InsightsResult, skip: SkipResult): Promise<boolean> {
  const l = await batchLimits();
  const parsePerEvent = (l.jsonParse * l.bodyBytes) / 1e6 / l.events;
  const ingest = record({
    bench: 'logs',
    name: 'PutLogEvents server CPU per event',
    unit: 'µs/event',
    value: timed.serverCpuUsPerEvent,
    limit: { name: 'JSON.parse of the batch', value: parsePerEvent },
    target: TARGET_INGEST_US_PER_EVENT,
  });
  const open = { name: 'chunk open (AES-GCM + decompress + decode)', value: l.chunkOpen };
  const scan = record({ bench: 'logs', name: 'FilterLogEvents server CPU per MB', unit: 'µs/MB', value: 1e6 / filter.serverMbPerCpuS, limit: open, target: TARGET_FILTER_US_PER_MB });
  const query = record({ bench: 'logs', name: 'Insights server CPU per MB', unit: 'µs/MB', value: 1e6 / insights.serverMbPerCpuS, limit: open });
  console.log('  per core     (server CPU per unit of work, limit measured in this process, target)');
  console.log(
    `    ingest     ${fmt(ingest.value, 2)} µs/event  JSON.parse ${fmt(parsePerEvent, 2)} µs/event (${fmt(ingest.value / parsePerEvent, 1)}×)  ` +
      `target ≤ ${TARGET_INGEST_US_PER_EVENT} µs ${ingest.ok ? 'OK' : 'ABOVE TARGET'}`,
  );
  console.log(
    `    filter     ${fmt(scan.value, 0)} µs/MB  chunk open ${fmt(l.chunkOpen, 0)} µs/MB, AES-GCM ${fmt(l.aesGcm, 0)} µs/MB  ` +
      `target ≤ ${fmt(TARGET_FILTER_US_PER_MB, 0)} µs/MB ${scan.ok ? 'OK' : 'ABOVE TARGET'}`,
  );
  console.log(`    insights   ${fmt(query.value, 0)} µs/MB  chunk open ${fmt(l.chunkOpen, 0)} µs/MB`);
  const absentMin = Math.min(...skip.absentUsPerMb);
  const presentMin = Math.min(...skip.presentUsPerMb);
  const skipped = record({
    bench: 'logs',
    name: 'FilterLogEvents server CPU per MB, term in no chunk',
    unit: 'µs/MB',
    value: median(skip.absentUsPerMb),
    limit: open,
    target: TARGET_SKIP_US_PER_MB,
  });
  record({ bench: 'logs', name: 'FilterLogEvents server CPU per MB, term in every chunk (same rounds)', unit: 'µs/MB', value: median(skip.presentUsPerMb), limit: open });
  record({ bench: 'logs', name: 'FilterLogEvents server CPU per MB, same events without consulting sketches (same rounds)', unit: 'µs/MB', value: median(skip.unsketchedUsPerMb), limit: open });
  console.log(
    `    skip       ${fmt(absentMin, 0)} / ${fmt(skipped.value, 0)} µs/MB min / median (${fmt(1e6 / absentMin, 0)} / ${fmt(1e6 / skipped.value, 0)} MB per CPU-second), ` +
      `\`${ABSENT_PATTERN}\` in no chunk, ${SKIP_ROUNDS} rounds  target ≤ ${fmt(TARGET_SKIP_US_PER_MB, 0)} µs/MB (≥ 3,000 MB/s) ${skipped.ok ? 'OK' : 'ABOVE TARGET'}`,
  );
  const unsketchedMin = Math.min(...skip.unsketchedUsPerMb);
  console.log(
    `    match      ${fmt(presentMin, 0)} / ${fmt(median(skip.presentUsPerMb), 0)} µs/MB min / median, \`${FILTER_PATTERN}\` (in every chunk: ` +
      `sketches opened, none skipped); ${fmt(unsketchedMin, 0)} / ${fmt(median(skip.unsketchedUsPerMb), 0)} µs/MB \`${UNSKETCHED_PATTERN}\` ` +
      `(same events, no sketch consulted); interleaved with the line above`,
  );
  return skipped.ok === true;
}

/** JSON.parse of the same PutLogEvents bodies, in this process. */
function parseRate(batches: Batches, stream: string): { eventsPerS: number; mbps: number } {
  const bodies = Array.from({ length: VARIANTS }, (_, b) => batches.body(b, stream).toString('utf8'));
  let parsed = 0;
  let bytes = 0;
  const t0 = performance.now();
  let elapsed = 0;
  while (elapsed < PARSE_SECONDS * 1000) {
    const body = bodies[parsed % VARIANTS]!;
    if ((JSON.parse(body) as { logEvents: unknown[] }).logEvents.length !== EVENTS_PER_BATCH) throw new Error('bad body');
    parsed++;
    bytes += body.length;
    elapsed = performance.now() - t0;
  }
  return { eventsPerS: (parsed * EVENTS_PER_BATCH) / (elapsed / 1000), mbps: bytes / 1e6 / (elapsed / 1000) };
}

// --- setup ------------------------------------------------------------------------------------------------------

/** A customer key whose policy lets the account administer it and CloudWatch Logs of the region use it. */
export async function createLogsKey(client: Client): Promise<string> {
  const policy = {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' },
      {
        Sid: 'Allow CloudWatch Logs',
        Effect: 'Allow',
        Principal: { Service: `logs.${REGION}.amazonaws.com` },
        Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        Resource: '*',
        Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:*` } },
      },
    ],
  };
  const out = (await client.call('kms', 'TrentService.CreateKey', { Policy: JSON.stringify(policy) })) as { KeyMetadata: { Arn: string } };
  return out.KeyMetadata.Arn;
}

// --- the client -------------------------------------------------------------------------------------------------

/** SHA-256 for the signer from node:crypto: the SDK's JavaScript one would make the clients the bottleneck. */
class NodeSha256 {
  private h: Hash | Hmac;
  constructor(private readonly secret?: string | ArrayBuffer | ArrayBufferView) {
    this.h = this.fresh();
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.h.update(typeof data === 'string' ? data : bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.h.digest());
  }
  reset(): void {
    this.h = this.fresh();
  }
  private fresh(): Hash | Hmac {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', typeof this.secret === 'string' ? this.secret : bytes(this.secret));
  }
}

function bytes(d: ArrayBuffer | ArrayBufferView): Buffer {
  return ArrayBuffer.isView(d) ? Buffer.from(d.buffer, d.byteOffset, d.byteLength) : Buffer.from(d);
}

/** Signed AWS JSON 1.1 calls over keep-alive connections (one per concurrent caller). */
export class Client {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  private readonly url: URL;
  private readonly signers = new Map<string, SignatureV4>();

  constructor(url: string) {
    this.url = new URL(url);
  }

  async call(service: string, target: string, input: object | Buffer): Promise<unknown> {
    const body = Buffer.isBuffer(input) ? input : Buffer.from(JSON.stringify(input));
    const signed = await this.signer(service).sign(
      new HttpRequest({
        method: 'POST',
        hostname: this.url.hostname,
        port: Number(this.url.port),
        path: '/',
        headers: { host: this.url.host, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target, 'content-length': String(body.length) },
        body,
      }),
    );
    const { status, text } = await this.post(signed.headers, body);
    if (status !== 200) throw new Error(`${target} failed: ${status} ${text}`);
    return JSON.parse(text);
  }

  close(): void {
    this.agent.destroy();
  }

  private signer(service: string): SignatureV4 {
    let s = this.signers.get(service);
    if (!s) {
      s = new SignatureV4({ service, region: REGION, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, sha256: NodeSha256 });
      this.signers.set(service, s);
    }
    return s;
  }

  private post(headers: Record<string, string>, body: Buffer): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const req = request({ agent: this.agent, host: this.url.hostname, port: this.url.port, method: 'POST', path: '/', headers }, (res) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(parts).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  }
}

// --- the server process -----------------------------------------------------------------------------------------

/** User + system CPU time of a process so far, in microseconds (all its threads, the libuv pool included). */
export function cpuMicros(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name: state is field 3, utime 14 and stime 15 (clock ticks, 100 Hz).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

