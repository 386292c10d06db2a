import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { canonicalEncryptionContext } from '../../../src/kms/crypto/context.js';
import { CryptoInputError } from '../../../src/kms/crypto/errors.js';

describe('canonicalEncryptionContext', () => {
  it('encodes an absent context and {} identically', () => {
    assert.deepEqual(canonicalEncryptionContext(undefined), canonicalEncryptionContext({}));
    assert.deepEqual(canonicalEncryptionContext(undefined), Buffer.alloc(4));
  });

  it('encodes pairs length-prefixed after a pair count', () => {
    const enc = canonicalEncryptionContext({ k: 'vv' });
    assert.deepEqual(enc, Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 0x6b, 0, 0, 0, 2, 0x76, 0x76]));
  });

  it('gives the same bytes whatever the insertion order', () => {
    assert.deepEqual(canonicalEncryptionContext({ b: '2', a: '1' }), canonicalEncryptionContext({ a: '1', b: '2' }));
  });

  it('orders keys by UTF-8 bytes rather than UTF-16 code units', () => {
    // U+FF21 (EF BC A1) sorts before U+1F600 (F0 9F 98 80) in UTF-8 but after it in UTF-16 (FF21 > D83D).
    const enc = canonicalEncryptionContext({ '\u{1F600}': 'emoji', '\uFF21': 'fullwidth' });
    const firstKey = enc.subarray(8, 8 + enc.readUInt32BE(4));
    assert.equal(firstKey.toString('utf8'), '\uFF21');
  });

  it('keeps contexts with the same concatenation apart', () => {
    assert.notDeepEqual(canonicalEncryptionContext({ ab: 'c' }), canonicalEncryptionContext({ a: 'bc' }));
    assert.notDeepEqual(canonicalEncryptionContext({ a: '' }), canonicalEncryptionContext({}));
  });

  it('rejects non-string values with CryptoInputError', () => {
    assert.throws(() => canonicalEncryptionContext({ a: 1 } as unknown as Record<string, string>), CryptoInputError);
    assert.throws(() => canonicalEncryptionContext(['a'] as unknown as Record<string, string>), CryptoInputError);
  });

  it('is injective over distinct contexts (property)', () => {
    const ctx = fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 4 });
    fc.assert(
      fc.property(ctx, ctx, (a, b) => {
        const same = JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());
        return canonicalEncryptionContext(a).equals(canonicalEncryptionContext(b)) === same;
      }),
      { numRuns: 1000 },
    );
  });
});
