import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { decodeEvents, encodeBatch, TransformedKind, type EventColumns } from '../../src/logs/chunks.js';
import { buildSketch, openSketch, requiredText, sealSketch, Sketch } from '../../src/logs/sketch.js';

const place = { groupId: 7, streamId: 9 };

function columns(messages: readonly string[], transformed?: readonly (string | undefined)[]): EventColumns {
  const evs = messages.map((message, i) => ({ timestamp: i, message }));
  const lengths = Uint32Array.from(messages, (m) => Buffer.byteLength(m));
  const t = transformed && {
    kinds: Uint8Array.from(transformed, (x) => (x === undefined ? TransformedKind.None : TransformedKind.Transformed)),
    texts: transformed.map((x) => x ?? ''),
  };
  return decodeEvents(encodeBatch(evs, lengths, 0, evs.length, 0, t), t !== undefined);
}

const sketchOf = (messages: readonly string[]) => new Sketch(buildSketch(columns(messages)));
const bytes = (s: string) => Buffer.from(s, 'utf8');

describe('chunk sketch', () => {
  test('a chunk may contain every piece of text any of its messages holds (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'binary', maxLength: 80 }), { minLength: 1, maxLength: 40 }),
        fc.nat(),
        fc.nat(),
        fc.nat(),
        (messages, which, from, len) => {
          const m = Buffer.from(messages[which % messages.length]!, 'utf8');
          const start = m.length === 0 ? 0 : from % m.length;
          const piece = m.subarray(start, start + (len % 40));
          assert.equal(sketchOf(messages).mayContain(piece), true, `${JSON.stringify(piece.toString())} is in the chunk`);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('rules out most text a chunk does not hold, and never anything shorter than three bytes', () => {
    const messages = Array.from({ length: 1000 }, (_, i) => `2024-05-01T12:00:${i % 60} INFO request ${i} handled path=/api/v1/users in ${i % 97}ms`);
    const s = sketchOf(messages);
    assert.equal(s.mayContain(bytes('handled path=/api')), true);
    assert.equal(s.mayContain(bytes('zq')), true, 'too short to rule out');
    assert.equal(s.mayContain(bytes('')), true);
    const absent = ['ERROR', 'timeout', 'Exception', 'kafka', 'FATAL', 'retrying', 'Zebra', 'quux', 'WARN', 'disk full'];
    const passed = absent.filter((t) => s.mayContain(bytes(t)));
    assert.ok(passed.length <= 1, `absent words pass the sketch rarely, not ${passed.join(', ')}`);
  });

  test('covers the transformed versions of events too, and trigrams never span two messages', () => {
    const cols = columns(['abc', 'def'], ['{"level":"UPPER"}', undefined]);
    const s = new Sketch(buildSketch(cols));
    assert.equal(s.mayContain(bytes('UPPER')), true);
    assert.equal(s.mayContain(bytes('"level"')), true);
    // 'bcd' only exists across the boundary of 'abc' and 'def' (the sketch may still say yes by a collision).
    const withoutTransformed = sketchOf(['abc', 'def']);
    assert.equal(withoutTransformed.mayContain(bytes('UPPER')), false);
  });

  test('a chunk sketch is small: a few KiB at most, folded for chunks with few distinct trigrams', () => {
    const tiny = buildSketch(columns(['one message']));
    assert.ok(tiny.length <= 132, `${tiny.length} bytes`);
    const rich = buildSketch(columns(Array.from({ length: 2000 }, () => randomBytes(100).toString('base64'))));
    assert.ok(rich.length <= 8196, `${rich.length} bytes`);
  });

  test('a clause is allowed when one of its alternatives may be in the chunk; every clause must be', () => {
    const s = sketchOf(['GET /index.html 200', 'POST /login 302']);
    assert.equal(s.allows(requiredText([['index.html'], ['POST']])), true);
    assert.equal(s.allows(requiredText([['index.html'], ['DELETE']])), false);
    assert.equal(s.allows(requiredText([['DELETE', 'POST']])), true);
    assert.equal(s.allows(requiredText([['DELETE', 'PATCH']])), false);
    assert.equal(s.allows(requiredText([['DELETE', 'ab']])), true, 'an alternative too short to rule out allows the clause');
    assert.equal(s.allows(requiredText([])), true);
  });

  test('sealed, it reveals nothing without the key and opens only with it, in its place, unaltered', () => {
    const key = randomBytes(32);
    const plain = buildSketch(columns(['secret token SECRETWORD']));
    const sealed = sealSketch(plain, key, place);
    assert.equal(sealed.includes(plain.subarray(4, 36)), false);
    assert.equal(openSketch(sealed, key, place).mayContain(bytes('SECRETWORD')), true);
    assert.throws(() => openSketch(sealed, randomBytes(32), place));
    assert.throws(() => openSketch(sealed, key, { groupId: 7, streamId: 10 }));
    assert.throws(() => openSketch(sealed, key, { groupId: 8, streamId: 9 }));
    const flipped = Buffer.from(sealed);
    flipped[20]! ^= 1;
    assert.throws(() => openSketch(flipped, key, place));
    const otherFormat = Buffer.from(sealed);
    otherFormat[0] = 2;
    assert.throws(() => openSketch(otherFormat, key, place));
    assert.notDeepEqual(sealSketch(plain, key, place), sealed, 'a fresh IV each time');
  });
});
