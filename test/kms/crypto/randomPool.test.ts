import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fillRandom, randomBuffer } from '../../../src/kms/crypto/randomPool.js';

describe('pooled random bytes (salts, IVs, data keys)', () => {
  it('hands out different bytes every time, across many refills of the pool', () => {
    const seen = new Set<string>();
    // 28 bytes (salt + IV) does not divide the pool: takes straddle each refill.
    for (let i = 0; i < 2_000; i++) {
      const b = randomBuffer(28);
      assert.equal(b.length, 28);
      assert.notDeepEqual(b, Buffer.alloc(28), 'never a zeroed (already handed out) stretch of the pool');
      seen.add(b.toString('hex'));
    }
    assert.equal(seen.size, 2_000);
  });

  it('fills exactly the range asked for and leaves the rest of the buffer alone', () => {
    const buf = Buffer.alloc(64, 0xaa);
    fillRandom(buf, 10, 32);
    assert.deepEqual(buf.subarray(0, 10), Buffer.alloc(10, 0xaa));
    assert.deepEqual(buf.subarray(42), Buffer.alloc(22, 0xaa));
    assert.notDeepEqual(buf.subarray(10, 42), Buffer.alloc(32, 0xaa));
  });

  it('serves sizes larger than it pools straight from the generator', () => {
    const a = randomBuffer(1024);
    const b = randomBuffer(1024);
    assert.equal(a.length, 1024);
    assert.notDeepEqual(a, b);
    // Uniform bytes: each of the 256 values appears, on average, 4 times in 1 KiB; a stuck or zero source would not.
    assert.ok(new Set(a).size > 150);
  });
});
