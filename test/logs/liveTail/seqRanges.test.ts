import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { SeqRanges } from '../../../src/logs/liveTail/seqRanges.js';

describe('SeqRanges', () => {
  test('contiguous chunks stay one range', () => {
    const r = new SeqRanges();
    r.add(10, 20);
    r.add(20, 35);
    r.add(35, 36);
    assert.equal(r.size, 1);
    assert.deepEqual([r.has(9), r.has(10), r.has(35), r.has(36)], [false, true, true, false]);
  });

  test('holds exactly the numbers added, in any order (against a plain set)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(200), fc.nat(20)), { maxLength: 40 }), (adds) => {
        const r = new SeqRanges();
        const set = new Set<number>();
        for (const [start, len] of adds) {
          r.add(start, start + len);
          for (let i = start; i < start + len; i++) set.add(i);
        }
        for (let i = 0; i < 230; i++) assert.equal(r.has(i), set.has(i), `seq ${i}`);
      }),
    );
  });
});
