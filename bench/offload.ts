import { randomBytes } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { encodeBatch, INGEST_CODEC, openChunk, sealChunk } from '../src/logs/chunks.js';
import { fmt } from './lib.js';

/**
 * Whether a worker-thread pool for the crypto and compression of big batches would lower the p99 of small requests
 * sharing the process (ADR 0022). What a batch holds the event loop with is the JSON parse of its body, its encoding
 * into columns, AES-GCM and (since zstd, ADR 0023) the compression of the chunk and the decompression when it is read:
 * this prints each part's time per batch, with the codec new chunks use (INGEST_CODEC).
 * Run: `npx tsx bench/offload.ts` (or `node dist/bench/offload.js`).
 */
const words = ['GET', '/api/v1/orders', '200', 'user=alice', 'latency_ms=12', 'region=eu-west-1', 'cache=miss', 'trace=ab12cd34'];
function message(i: number): string {
  let s = `2024-05-01T12:00:${String(i % 60).padStart(2, '0')}Z INFO request ${i}`;
  while (s.length < 200) s += ' ' + words[(i * 7 + s.length) % words.length];
  return s.slice(0, 200);
}

async function measure(events: number): Promise<void> {
  const logEvents = Array.from({ length: events }, (_, i) => ({ timestamp: 1714564800000 + i, message: message(i) }));
  const body = JSON.stringify({ logGroupName: 'g', logStreamName: 's', logEvents });
  const key = randomBytes(32);
  const place = { groupId: 1, streamId: 1 };
  const runs = events >= 10_000 ? 20 : 200;
  const t = { parse: 0, encode: 0, seal: 0, aes: 0, open: 0 };
  for (let r = 0; r < runs; r++) {
    let t0 = performance.now();
    const parsed = JSON.parse(body) as { logEvents: { timestamp: number; message: string }[] };
    t.parse += performance.now() - t0;
    t0 = performance.now();
    const lengths = new Uint32Array(parsed.logEvents.length);
    for (let i = 0; i < lengths.length; i++) lengths[i] = Buffer.byteLength(parsed.logEvents[i]!.message);
    const plain = encodeBatch(parsed.logEvents, lengths, 0, lengths.length, Date.now());
    t.encode += performance.now() - t0;
    t0 = performance.now();
    const sealed = await sealChunk(plain, key, place, INGEST_CODEC.compression, INGEST_CODEC.level);
    t.seal += performance.now() - t0;
    // AES-GCM alone over the compressed size: the part of sealChunk that runs on the event loop.
    const { createCipheriv } = await import('node:crypto');
    t0 = performance.now();
    const c = createCipheriv('aes-256-gcm', key, randomBytes(12));
    c.update(sealed);
    c.final();
    t.aes += performance.now() - t0;
    t0 = performance.now();
    await openChunk(sealed, key, place);
    t.open += performance.now() - t0;
  }
  const ms = (v: number) => fmt(v / runs, 3).padStart(8);
  console.log(
    `  ${fmt(events).padStart(6)} events (${fmt(body.length / 1e6, 2)} MB): JSON.parse ${ms(t.parse)} ms  encode ${ms(t.encode)} ms  ` +
      `AES-GCM ${ms(t.aes)} ms  seal (ingest codec + AES) ${ms(t.seal)} ms  open ${ms(t.open)} ms`,
  );
}

/** How long the event loop is held while batches are sealed one after another (p99 of its delay, 1 ms resolution). */
async function loopDelayWhileSealing(events: number, seconds: number): Promise<void> {
  const logEvents = Array.from({ length: events }, (_, i) => ({ timestamp: 1714564800000 + i, message: message(i) }));
  const lengths = new Uint32Array(events).map((_, i) => Buffer.byteLength(logEvents[i]!.message));
  const plain = encodeBatch(logEvents, lengths, 0, events, Date.now());
  const key = randomBytes(32);
  const place = { groupId: 1, streamId: 1 };
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  const end = performance.now() + seconds * 1000;
  let n = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (performance.now() < end) {
        await sealChunk(plain, key, place, INGEST_CODEC.compression, INGEST_CODEC.level);
        n++;
        // A turn of the loop between seals, as a server has (I/O between requests): a seal that runs on the loop
        // (zstd) would otherwise keep it from ever sampling its delay, and this would print 0.
        await new Promise((r) => setImmediate(r));
      }
    }),
  );
  h.disable();
  console.log(`  sealing ${fmt(events)}-event chunks, 4 at a time (${fmt(n / seconds)}/s): event-loop delay p99 ${fmt(h.percentile(99) / 1e6, 2)} ms, max ${fmt(h.max / 1e6, 2)} ms`);
}

/** The same delay with nothing to do: what the machine's other load alone costs this process. */
async function idleLoopDelay(seconds: number): Promise<void> {
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  h.disable();
  console.log(`  idle, for comparison: event-loop delay p99 ${fmt(h.percentile(99) / 1e6, 2)} ms, max ${fmt(h.max / 1e6, 2)} ms`);
}

console.log('On the event loop per PutLogEvents batch of 200-byte events (zstd runs on the event loop, zlib codecs on the libuv pool):');
for (const n of [1_000, 10_000]) await measure(n);
await idleLoopDelay(3);
for (const n of [1_000, 10_000]) await loopDelayWhileSealing(n, 3);
