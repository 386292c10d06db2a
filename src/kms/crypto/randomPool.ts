/**
 * Small random values (salts, IVs, data keys) taken from a buffer of OpenSSL's CSPRNG output refilled in one call,
 * as node's own `randomUUID` does: each `randomFillSync`/`randomBytes` call costs 2–3 µs of setup for 28 or 32
 * bytes, a copy from the pool ~0.1 µs. Bytes handed out are zeroed in the pool at once, so no value stays in memory
 * after it was given; larger requests go to OpenSSL directly.
 */
import { randomFillSync } from 'node:crypto';

const POOL_BYTES = 4096;
/** Requests above this size bypass the pool. */
const MAX_POOLED = 256;
const pool = Buffer.alloc(POOL_BYTES); // its own memory, never node's shared allocation pool
let at = POOL_BYTES;

/** Fills `buf[offset, offset + size)` with cryptographically strong random bytes. */
export function fillRandom(buf: Uint8Array, offset: number, size: number): void {
  if (size > MAX_POOLED) {
    randomFillSync(buf, offset, size);
    return;
  }
  if (at + size > POOL_BYTES) {
    randomFillSync(pool);
    at = 0;
  }
  pool.copy(buf, offset, at, at + size);
  pool.fill(0, at, at + size);
  at += size;
}

/** `size` fresh random bytes in a buffer of their own. */
export function randomBuffer(size: number): Buffer {
  const out = Buffer.allocUnsafeSlow(size);
  fillRandom(out, 0, size);
  return out;
}
