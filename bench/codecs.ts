import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as zlib from 'node:zlib';
import lz4 from 'lz4-napi';
import zstd from 'zstd-napi/binding.js';
import { MERGED_MAX_BYTES } from '../src/logs/compaction.js';
import { COMPACT_CODEC, Compression, encodeBatch, INGEST_CODEC, openChunk, sealChunk } from '../src/logs/chunks.js';
import { fmt } from './lib.js';

/**
 * `npm run bench -- codecs`: the chunk codecs compared on what is really compressed, chunk plaintexts (columns and
 * text, src/logs/chunks.ts) of ingest batches (1,000 events) and of merged chunks (compaction: up to 1 MB of text):
 *
 * - Loghub 2k samples (../shared/loghub-2k, 12 systems; skipped when absent): each system's lines, one after the
 *   other, as batches of 1,000 and as one merged chunk of its 2,000 lines;
 * - JSON logs from a seeded generator (structured application logs: service, trace ids, HTTP fields, durations).
 *
 * For each codec: ratio, and encode and decode MB/s of plaintext per core (process CPU time, the libuv pool
 * included, so a pool hop is counted), the best and the median of ROUNDS rounds, the codecs interleaved within a
 * round. "pool" rows run on libuv's pool (async zlib, lz4-napi's async API); the others on the calling thread.
 * Then seal and open (AES-256-GCM included, as stored) with the codecs of ingest and compaction, beside Brotli's.
 */
const ROUNDS = Number(process.env.LOGSEAL_BENCH_ROUNDS ?? 5);
/** Plaintext MB processed per measurement (each chunk set is repeated up to this). */
const MB_PER_MEASURE = 12;
const EVENTS_PER_BATCH = 1_000;

interface Codec {
  name: string;
  pool?: boolean;
  encode(plain: Buffer): Buffer | Promise<Buffer>;
  decode(packed: Buffer, plainBytes: number): Buffer | Promise<Buffer>;
}

const brotliParams = (quality: number, bytes: number) => ({
  chunkSize: bytes + 64,
  params: { [zlib.constants.BROTLI_PARAM_QUALITY]: quality, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes },
});
const deflateRaw = promisify(zlib.deflateRaw);
const inflateRaw = promisify(zlib.inflateRaw);
const brotliCompress = promisify(zlib.brotliCompress);
const brotliDecompress = promisify(zlib.brotliDecompress);
const cctx = new zstd.CCtx();
const dctx = new zstd.DCtx();

function zstdCodec(level: number): Codec {
  return {
    name: `zstd ${level}`,
    encode: (p) => {
      const out = Buffer.allocUnsafe(zstd.compressBound(p.length));
      return out.subarray(0, cctx.compress(out, p, level));
    },
    decode: (c, n) => {
      const out = Buffer.allocUnsafeSlow(n);
      dctx.decompress(out, c);
      return out;
    },
  };
}

const codecs: Codec[] = [
  { name: 'deflate-raw 1', encode: (p) => zlib.deflateRawSync(p, { level: 1, chunkSize: p.length + 64 }), decode: (c, n) => zlib.inflateRawSync(c, { chunkSize: n + 64 }) },
  { name: 'deflate-raw 1', pool: true, encode: (p) => deflateRaw(p, { level: 1, chunkSize: p.length + 64 }), decode: (c, n) => inflateRaw(c, { chunkSize: n + 64 }) },
  { name: 'brotli 1', encode: (p) => zlib.brotliCompressSync(p, brotliParams(1, p.length)), decode: (c, n) => zlib.brotliDecompressSync(c, { chunkSize: n + 64 }) },
  { name: 'brotli 1', pool: true, encode: (p) => brotliCompress(p, brotliParams(1, p.length)), decode: (c, n) => brotliDecompress(c, { chunkSize: n + 64 }) },
  { name: 'brotli 5', encode: (p) => zlib.brotliCompressSync(p, brotliParams(5, p.length)), decode: (c, n) => zlib.brotliDecompressSync(c, { chunkSize: n + 64 }) },
  zstdCodec(1),
  zstdCodec(3),
  zstdCodec(6),
  zstdCodec(9),
  { name: 'lz4 (lz4-napi)', encode: (p) => lz4.compressSync(p), decode: (c) => lz4.uncompressSync(c) },
  { name: 'lz4 (lz4-napi)', pool: true, encode: (p) => lz4.compress(p), decode: (c) => lz4.uncompress(c) },
];

// --- data -------------------------------------------------------------------------------------------------------

function plaintext(messages: string[], t0: number): Buffer {
  const events = messages.map((message, i) => ({ timestamp: t0 + i, message }));
  const lengths = Uint32Array.from(events, (e) => Buffer.byteLength(e.message));
  return encodeBatch(events, lengths, 0, events.length, t0 + 5_000);
}

function asChunks(lines: string[], t0: number): { ingest: Buffer[]; merged: Buffer[] } {
  const ingest: Buffer[] = [];
  for (let i = 0; i < lines.length; i += EVENTS_PER_BATCH) ingest.push(plaintext(lines.slice(i, i + EVENTS_PER_BATCH), t0 + i));
  const merged: Buffer[] = [];
  let start = 0;
  let bytes = 0;
  lines.forEach((l, i) => {
    bytes += Buffer.byteLength(l);
    if (bytes > MERGED_MAX_BYTES) {
      merged.push(plaintext(lines.slice(start, i), t0 + start));
      start = i;
      bytes = Buffer.byteLength(l);
    }
  });
  merged.push(plaintext(lines.slice(start), t0 + start));
  return { ingest, merged };
}

/** The Loghub samples beside the repository, per system (undefined when the shared folder is absent). */
function loghub(): { ingest: Buffer[]; merged: Buffer[]; systems: number; lines: number } | undefined {
  // The shared folder sits beside the repository (a clone in /work/main: /work/shared); a work tree one level deeper.
  const repo = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
  const root = [process.env.LOGSEAL_LOGHUB_DIR, join(repo, '..', 'shared', 'loghub-2k'), join(repo, '..', '..', 'shared', 'loghub-2k')].find(
    (d): d is string => d !== undefined && existsSync(d),
  );
  if (!root) return undefined;
  const out = { ingest: [] as Buffer[], merged: [] as Buffer[], systems: 0, lines: 0 };
  for (const system of readdirSync(root).sort()) {
    const file = join(root, system, `${system}_2k.log`);
    if (!existsSync(file)) continue;
    const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.length > 0);
    const c = asChunks(lines, 1_700_000_000_000);
    out.ingest.push(...c.ingest);
    out.merged.push(...c.merged);
    out.systems++;
    out.lines += lines.length;
  }
  return out;
}

/** mulberry32 with a fixed seed, so runs compare. */
function seeded(seed: number): (n: number) => number {
  return (n) => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

/** `n` structured JSON log lines as a service's logger writes them (one JSON object a line, ~300 bytes). */
export function jsonLogLines(n: number, seed = 7): string[] {
  const r = seeded(seed);
  const pick = <T>(xs: readonly T[]): T => xs[r(xs.length)]!;
  const services = ['checkout', 'payments', 'inventory', 'auth', 'search', 'notifications'];
  const levels = ['info', 'info', 'info', 'info', 'debug', 'warn', 'error'];
  const methods = ['GET', 'GET', 'GET', 'POST', 'PUT', 'DELETE'];
  const routes = ['/api/v1/orders/{id}', '/api/v1/users/{id}', '/api/v1/cart', '/api/v1/search', '/healthz', '/api/v1/payments/{id}/capture'];
  const messages = ['request completed', 'request completed', 'cache miss', 'retrying upstream call', 'slow query', 'token refreshed', 'payment declined'];
  const hex = (digits: number) => Array.from({ length: digits }, () => '0123456789abcdef'[r(16)]).join('');
  const t0 = Date.UTC(2026, 11, 3, 8, 0, 0);
  return Array.from({ length: n }, (_, i) => {
    const route = pick(routes);
    const status = r(20) === 0 ? pick([404, 500, 502, 503]) : pick([200, 200, 200, 201, 204]);
    const line: Record<string, unknown> = {
      time: new Date(t0 + i * 37 + r(30)).toISOString(),
      level: pick(levels),
      service: pick(services),
      host: `ip-10-0-${r(8)}-${r(250)}.ec2.internal`,
      pid: 1000 + r(40),
      trace_id: hex(32),
      span_id: hex(16),
      msg: pick(messages),
      http: { method: pick(methods), route, path: route.replace('{id}', String(r(100000))), status, duration_ms: Math.round(r(200000) / 100) / 10, bytes: r(50000) },
      user_id: `u-${r(20000)}`,
    };
    if (status >= 500) line.error = { type: pick(['UpstreamTimeout', 'ConnectionReset', 'DeadlineExceeded']), attempt: 1 + r(3) };
    return JSON.stringify(line);
  });
}

// --- measuring --------------------------------------------------------------------------------------------------

interface Row {
  codec: Codec;
  ratio: number;
  encodeUs: number[];
  decodeUs: number[];
}

async function cpuUs(fn: () => Promise<void>): Promise<number> {
  const c0 = process.cpuUsage();
  await fn();
  const c = process.cpuUsage(c0);
  return c.user + c.system;
}

/** Ratio and CPU µs per MB of plaintext for each codec on `plains`, ROUNDS interleaved rounds. */
async function measureSet(plains: Buffer[]): Promise<Row[]> {
  const raw = plains.reduce((n, b) => n + b.length, 0);
  const reps = Math.max(1, Math.round((MB_PER_MEASURE * 1e6) / raw));
  const mb = (raw * reps) / 1e6;
  const rows: Row[] = [];
  const packed: Buffer[][] = [];
  for (const codec of codecs) {
    const p: Buffer[] = [];
    for (const plain of plains) {
      const c = await codec.encode(plain);
      if (!(await codec.decode(c, plain.length)).equals(plain)) throw new Error(`${codec.name} does not give back its input`);
      p.push(c);
    }
    packed.push(p);
    rows.push({ codec, ratio: raw / p.reduce((n, b) => n + b.length, 0), encodeUs: [], decodeUs: [] });
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const [k, row] of rows.entries()) {
      const { codec } = row;
      row.encodeUs.push(
        (await cpuUs(async () => {
          for (let r = 0; r < reps; r++) for (const plain of plains) await codec.encode(plain);
        })) / mb,
      );
      row.decodeUs.push(
        (await cpuUs(async () => {
          for (let r = 0; r < reps; r++) for (let i = 0; i < plains.length; i++) await codec.decode(packed[k]![i]!, plains[i]!.length);
        })) / mb,
      );
    }
  }
  return rows;
}

const best = (xs: number[]) => Math.min(...xs);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mbps = (usPerMb: number) => 1e6 / usPerMb;

function printRows(title: string, plains: Buffer[], rows: Row[]): void {
  const raw = plains.reduce((n, b) => n + b.length, 0);
  console.log(`  ${title}: ${plains.length} chunks, ${fmt(raw / plains.length / 1e3, 0)} KB of plaintext each on average`);
  console.log(`    ${'codec'.padEnd(22)} ${'ratio'.padStart(6)}  ${'encode MB/s best / median'.padStart(25)}  ${'decode MB/s best / median'.padStart(25)}`);
  for (const r of rows) {
    const name = `${r.codec.name}${r.codec.pool ? ' (pool)' : ''}`;
    const enc = `${fmt(mbps(best(r.encodeUs)), 0)} / ${fmt(mbps(median(r.encodeUs)), 0)}`;
    const dec = `${fmt(mbps(best(r.decodeUs)), 0)} / ${fmt(mbps(median(r.decodeUs)), 0)}`;
    console.log(`    ${name.padEnd(22)} ${fmt(r.ratio, 2).padStart(6)}  ${enc.padStart(25)}  ${dec.padStart(25)}`);
  }
}

/** Seal and open as stored (compression + AES-256-GCM; open also decodes the columns), CPU µs per MB of plaintext. */
async function sealOpen(plains: Buffer[], compression: Compression, level: number): Promise<{ seal: number[]; open: number[] }> {
  const key = randomBytes(32);
  const place = { groupId: 1, streamId: 1 };
  const raw = plains.reduce((n, b) => n + b.length, 0);
  const reps = Math.max(1, Math.round((MB_PER_MEASURE * 1e6) / raw));
  const mb = (raw * reps) / 1e6;
  const sealed = await Promise.all(plains.map((p) => sealChunk(p, key, place, compression, level)));
  for (const s of sealed) await openChunk(s, key, place); // warm-up, as measureSet's round trip is
  const seal: number[] = [];
  const open: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    seal.push((await cpuUs(async () => {
      for (let r = 0; r < reps; r++) for (const p of plains) await sealChunk(p, key, place, compression, level);
    })) / mb);
    open.push((await cpuUs(async () => {
      for (let r = 0; r < reps; r++) for (const s of sealed) await openChunk(s, key, place);
    })) / mb);
  }
  return { seal, open };
}

export async function codecsBench(): Promise<boolean> {
  console.log(
    `Chunk codecs on chunk plaintexts; MB/s of plaintext per core (CPU time, best / median of ${ROUNDS} interleaved rounds); ` +
      `zstd ${zstd.versionString()} (zstd-napi), lz4-napi (lz4_flex), node ${process.versions.node} zlib ${process.versions.zlib} brotli ${process.versions.brotli}`,
  );
  const sets: { name: string; ingest: Buffer[]; merged: Buffer[] }[] = [];
  const hub = loghub();
  if (hub) sets.push({ name: `Loghub (${hub.systems} systems, ${fmt(hub.lines)} lines)`, ...hub });
  else console.log('  (Loghub samples not found beside the repository: JSON logs only)');
  sets.push({ name: 'JSON logs (seeded, 20,000 lines)', ...asChunks(jsonLogLines(20_000), Date.UTC(2026, 11, 3)) });
  for (const set of sets) {
    printRows(`${set.name}, ingest batches of ${fmt(EVENTS_PER_BATCH)} events`, set.ingest, await measureSet(set.ingest));
    printRows(`${set.name}, merged chunks (compaction, ≤ ${fmt(MERGED_MAX_BYTES / 1e6, 1)} MB of text)`, set.merged, await measureSet(set.merged));
  }
  // Seal/open as stored, with today's codecs beside Brotli's (ingest quality 1, compaction 5).
  const all = { ingest: sets.flatMap((s) => s.ingest), merged: sets.flatMap((s) => s.merged) };
  console.log('  sealed chunks (compression + AES-256-GCM; open also decodes the columns), all sets, CPU µs per MB of plaintext, best / median:');
  for (const [what, plains, codec, old] of [
    ['ingest', all.ingest, INGEST_CODEC, { compression: Compression.Brotli, level: 1 }],
    ['compaction', all.merged, COMPACT_CODEC, { compression: Compression.Brotli, level: 5 }],
  ] as const) {
    for (const c of [old, codec]) {
      const r = await sealOpen(plains as Buffer[], c.compression, c.level);
      const name = `${c.compression === Compression.Zstd ? 'zstd' : 'brotli'} ${c.level}${c === codec ? ' (now)' : ' (before)'}`;
      console.log(
        `    ${what.padEnd(10)} ${name.padEnd(16)} seal ${fmt(best(r.seal), 0)} / ${fmt(median(r.seal), 0)} µs/MB  ` +
          `open ${fmt(best(r.open), 0)} / ${fmt(median(r.open), 0)} µs/MB (${fmt(mbps(best(r.open)), 0)} MB/s)`,
      );
    }
  }
  return true;
}
