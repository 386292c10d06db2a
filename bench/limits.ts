import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { encodeBatch, INGEST_CODEC, openChunk, sealChunk } from '../src/logs/chunks.js';
import { Batches } from './logs.js';

/**
 * What the machine can do per MB, measured in this process in the same run as the server figures: the yardsticks
 * of ingest (JSON.parse) and of a scan (AES-GCM, the chunk codec), and SHA-256 (SigV4's payload hash). Each is CPU
 * µs per MB of input (process CPU time, the libuv pool included), the best of a few rounds.
 */
export interface MbLimits {
  jsonParse: number;
  sha256: number;
  aesGcm: number;
  /** Seal (compress + encrypt) and open (decrypt + decompress + decode) of a chunk with the ingest codec, per MB of plaintext. */
  chunkSeal: number;
  chunkOpen: number;
}

/** CPU µs this process spends on `fn` per MB of `mb` megabytes processed, the best of `rounds`. */
async function perMb(mb: number, rounds: number, fn: () => unknown): Promise<number> {
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const c0 = process.cpuUsage();
    await fn();
    const c = process.cpuUsage(c0);
    best = Math.min(best, (c.user + c.system) / mb);
  }
  return best;
}

/**
 * `body` is a representative request body (a PutLogEvents batch); `chunkPlain` the plaintext of one chunk holding
 * its events, sealed and opened the way ingest and scans do.
 */
export async function measureMbLimits(body: string, chunkPlain: Buffer): Promise<MbLimits> {
  const rounds = 5;
  const bodyMb = Buffer.byteLength(body) / 1e6;
  const reps = Math.max(1, Math.round(16 / bodyMb));
  const jsonParse = await perMb(bodyMb * reps, rounds, () => {
    for (let i = 0; i < reps; i++) JSON.parse(body);
  });
  const block = randomBytes(1 << 20);
  const blockMb = block.length / 1e6;
  const sha256 = await perMb(blockMb * 32, rounds, () => {
    for (let i = 0; i < 32; i++) createHash('sha256').update(block).digest();
  });
  const key = randomBytes(32);
  const aesGcm = await perMb(blockMb * 32, rounds, () => {
    for (let i = 0; i < 32; i++) {
      const c = createCipheriv('aes-256-gcm', key, randomBytes(12));
      c.update(block);
      c.final();
      c.getAuthTag();
    }
  });
  const place = { groupId: 1, streamId: 1 };
  const chunkMb = chunkPlain.length / 1e6;
  const chunkReps = Math.max(1, Math.round(16 / chunkMb));
  let sealed: Buffer = Buffer.alloc(0);
  const chunkSeal = await perMb(chunkMb * chunkReps, rounds, async () => {
    for (let i = 0; i < chunkReps; i++) sealed = await sealChunk(chunkPlain, key, place, INGEST_CODEC.compression, INGEST_CODEC.level);
  });
  const chunkOpen = await perMb(chunkMb * chunkReps, rounds, async () => {
    for (let i = 0; i < chunkReps; i++) await openChunk(sealed, key, place);
  });
  return { jsonParse, sha256, aesGcm, chunkSeal, chunkOpen };
}

/** The limits measured on a PutLogEvents batch of the logs bench (1,000 events of ~200 bytes) and its chunk. */
export async function batchLimits(): Promise<MbLimits & { bodyBytes: number; events: number }> {
  const batches = new Batches(Date.now());
  const body = batches.body(0, 'limits').toString('utf8');
  const events = (JSON.parse(body) as { logEvents: { timestamp: number; message: string }[] }).logEvents;
  const lengths = Uint32Array.from(events, (e) => Buffer.byteLength(e.message));
  const plain = encodeBatch(events, lengths, 0, events.length, Date.now());
  return { ...(await measureMbLimits(body, plain)), bodyBytes: Buffer.byteLength(body), events: events.length };
}
