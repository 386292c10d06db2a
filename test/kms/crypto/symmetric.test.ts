import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { CryptoAuthError, CryptoFormatError, CryptoInputError } from '../../../src/kms/crypto/errors.js';
import {
  decryptSymmetric,
  encryptSymmetric,
  MIN_CIPHERTEXT_BYTES,
  parseCiphertextHeader,
  type SymmetricKey,
} from '../../../src/kms/crypto/symmetric.js';
import { ACCOUNT, KEY_ID, MRK_ID } from './fixtures.js';

const material = randomBytes(32);
const key: SymmetricKey = { accountId: ACCOUNT, keyId: KEY_ID, materialId: 'm-0001', material };
const plaintext = Buffer.from('the quick brown fox jumps over the lazy dog');
const context = { purpose: 'test', bucket: 'logs', 'ünïcode': 'välue' };

// Offsets of the v1 layout for `key`: 20 fixed + account (12) + material id (6) = header of 38 bytes.
const HEADER = 20 + ACCOUNT.length + key.materialId.length;
const SALT_AT = HEADER;
const IV_AT = HEADER + 16;
const BODY_AT = IV_AT + 12;

function isTyped(e: unknown): boolean {
  return e instanceof CryptoAuthError || e instanceof CryptoFormatError || e instanceof CryptoInputError;
}

describe('encryptSymmetric / decryptSymmetric', () => {
  it('round-trips plaintext with and without an encryption context', () => {
    const blob = encryptSymmetric(key, plaintext, context);
    assert.deepEqual(decryptSymmetric(material, blob, context), plaintext);
    const bare = encryptSymmetric(key, plaintext);
    assert.deepEqual(decryptSymmetric(material, bare), plaintext);
  });

  it('round-trips an empty plaintext and a 4096-byte plaintext', () => {
    assert.equal(decryptSymmetric(material, encryptSymmetric(key, Buffer.alloc(0))).length, 0);
    const big = randomBytes(4096);
    assert.deepEqual(decryptSymmetric(material, encryptSymmetric(key, big)), big);
  });

  it('produces a different blob for the same plaintext each time', () => {
    const a = encryptSymmetric(key, plaintext);
    const b = encryptSymmetric(key, plaintext);
    assert.notDeepEqual(a, b);
    assert.notDeepEqual(a.subarray(SALT_AT, BODY_AT), b.subarray(SALT_AT, BODY_AT));
  });

  it('does not contain the plaintext in the blob', () => {
    const blob = encryptSymmetric(key, plaintext);
    assert.equal(blob.indexOf(plaintext), -1);
    assert.equal(blob.length, BODY_AT + plaintext.length + 16);
  });

  it('names the account, key id and material version in a readable header', () => {
    const blob = encryptSymmetric(key, plaintext, context);
    assert.deepEqual(parseCiphertextHeader(blob), { accountId: ACCOUNT, keyId: KEY_ID, materialId: 'm-0001' });
    assert.equal(blob[0], 1, 'format version byte');
  });

  it('keeps a multi-Region mrk- key id intact', () => {
    const blob = encryptSymmetric({ ...key, keyId: MRK_ID }, plaintext);
    assert.equal(parseCiphertextHeader(blob).keyId, MRK_ID);
    assert.deepEqual(decryptSymmetric(material, blob), plaintext);
  });

  it('decrypts blobs of an older material version with that version\'s material after rotation', () => {
    const oldMaterial = randomBytes(32);
    const oldBlob = encryptSymmetric({ ...key, materialId: 'v1', material: oldMaterial }, plaintext);
    const newBlob = encryptSymmetric({ ...key, materialId: 'v2', material }, plaintext);
    assert.equal(parseCiphertextHeader(oldBlob).materialId, 'v1');
    assert.equal(parseCiphertextHeader(newBlob).materialId, 'v2');
    assert.deepEqual(decryptSymmetric(oldMaterial, oldBlob), plaintext);
    assert.throws(() => decryptSymmetric(material, oldBlob), CryptoAuthError);
  });

  it('treats an absent context and an empty context as the same', () => {
    assert.deepEqual(decryptSymmetric(material, encryptSymmetric(key, plaintext), {}), plaintext);
    assert.deepEqual(decryptSymmetric(material, encryptSymmetric(key, plaintext, {})), plaintext);
  });

  it('accepts the context keys in any order', () => {
    const blob = encryptSymmetric(key, plaintext, { a: '1', b: '2', c: '3' });
    assert.deepEqual(decryptSymmetric(material, blob, { c: '3', a: '1', b: '2' }), plaintext);
  });

  it('throws CryptoAuthError for a wrong context value', () => {
    const blob = encryptSymmetric(key, plaintext, context);
    assert.throws(() => decryptSymmetric(material, blob, { ...context, purpose: 'other' }), CryptoAuthError);
  });

  it('throws CryptoAuthError for an extra context key', () => {
    const blob = encryptSymmetric(key, plaintext, context);
    assert.throws(() => decryptSymmetric(material, blob, { ...context, extra: 'x' }), CryptoAuthError);
  });

  it('throws CryptoAuthError for a missing context', () => {
    const blob = encryptSymmetric(key, plaintext, context);
    assert.throws(() => decryptSymmetric(material, blob), CryptoAuthError);
    const bare = encryptSymmetric(key, plaintext);
    assert.throws(() => decryptSymmetric(material, bare, { a: 'b' }), CryptoAuthError);
  });

  it('does not confuse contexts whose concatenations match', () => {
    const blob = encryptSymmetric(key, plaintext, { ab: 'c' });
    assert.throws(() => decryptSymmetric(material, blob, { a: 'bc' }), CryptoAuthError);
  });

  it('throws CryptoAuthError for the wrong key material', () => {
    const blob = encryptSymmetric(key, plaintext);
    assert.throws(() => decryptSymmetric(randomBytes(32), blob), CryptoAuthError);
  });

  it('throws CryptoAuthError when a blob is re-labelled with another key id', () => {
    const blob = encryptSymmetric(key, plaintext);
    const other = encryptSymmetric({ ...key, keyId: '00000000-0000-4000-8000-000000000000' }, Buffer.alloc(0));
    const forged = Buffer.from(blob);
    other.copy(forged, 0, 0, 18); // same-length header fields, different key id
    assert.equal(parseCiphertextHeader(forged).keyId, '00000000-0000-4000-8000-000000000000');
    assert.throws(() => decryptSymmetric(material, forged), CryptoAuthError);
  });

  for (const [region, at] of [
    ['header (key id)', 5],
    ['header (account id)', 20],
    ['header (material id)', HEADER - 1],
    ['KDF salt', SALT_AT + 3],
    ['IV', IV_AT + 5],
    ['ciphertext', BODY_AT + 2],
    ['tag', -1],
  ] as const) {
    it(`throws a typed error, never plaintext, when a bit of the ${region} flips`, () => {
      const blob = encryptSymmetric(key, plaintext, context);
      const i = at < 0 ? blob.length + at : at;
      for (const bit of [0x01, 0x80]) {
        const t = Buffer.from(blob);
        t[i]! ^= bit;
        assert.throws(() => decryptSymmetric(material, t, context), (e: unknown) => isTyped(e));
      }
    });
  }

  it('throws CryptoAuthError for a flip at every byte position of the blob', () => {
    const blob = encryptSymmetric(key, plaintext, context);
    for (let i = 1; i < blob.length; i++) {
      const t = Buffer.from(blob);
      t[i]! ^= 0x04;
      assert.throws(() => decryptSymmetric(material, t, context), (e: unknown) => isTyped(e), `byte ${i}`);
    }
  });

  it('throws a typed error for every truncation of a blob', () => {
    const blob = encryptSymmetric(key, plaintext, context);
    for (let len = 0; len < blob.length; len++) {
      assert.throws(() => decryptSymmetric(material, blob.subarray(0, len), context), (e: unknown) => isTyped(e), `length ${len}`);
    }
  });

  it('throws a typed error when bytes are appended to a blob', () => {
    const blob = encryptSymmetric(key, plaintext);
    assert.throws(() => decryptSymmetric(material, Buffer.concat([blob, Buffer.from([0])])), CryptoAuthError);
  });

  it('throws CryptoFormatError for an unknown format version', () => {
    const blob = encryptSymmetric(key, plaintext);
    blob[0] = 2;
    assert.throws(() => parseCiphertextHeader(blob), (e: unknown) => e instanceof CryptoFormatError && e.reason === 'UNKNOWN_VERSION');
  });

  it('throws CryptoFormatError for a blob shorter than the minimum', () => {
    assert.throws(() => parseCiphertextHeader(new Uint8Array(MIN_CIPHERTEXT_BYTES - 1).fill(1)), CryptoFormatError);
    assert.throws(() => parseCiphertextHeader(new Uint8Array(0)), CryptoFormatError);
  });

  it('rejects key material that is not 32 bytes', () => {
    assert.throws(() => encryptSymmetric({ ...key, material: randomBytes(16) }, plaintext), CryptoInputError);
    const blob = encryptSymmetric(key, plaintext);
    assert.throws(() => decryptSymmetric(randomBytes(31), blob), CryptoInputError);
  });

  it('rejects malformed key ids, account ids and material ids', () => {
    for (const keyId of ['', 'alias/x', KEY_ID.toUpperCase(), 'mrk-123', `${KEY_ID}x`]) {
      assert.throws(() => encryptSymmetric({ ...key, keyId }, plaintext), (e: unknown) => e instanceof CryptoInputError && e.reason === 'INVALID_KEY_ID');
    }
    assert.throws(() => encryptSymmetric({ ...key, accountId: '' }, plaintext), CryptoInputError);
    assert.throws(() => encryptSymmetric({ ...key, materialId: 'x'.repeat(65) }, plaintext), CryptoInputError);
    assert.throws(() => encryptSymmetric({ ...key, materialId: 'has space' }, plaintext), CryptoInputError);
    assert.doesNotThrow(() => encryptSymmetric({ ...key, materialId: 'f'.repeat(64) }, plaintext));
  });

  it('never puts key material or plaintext into error messages', () => {
    const blob = encryptSymmetric(key, plaintext, context);
    blob[blob.length - 1]! ^= 1;
    try {
      decryptSymmetric(material, blob, context);
      assert.fail('expected a throw');
    } catch (e) {
      const msg = (e as Error).message;
      assert.ok(!msg.includes(material.toString('hex')) && !msg.includes(material.toString('base64')));
      assert.ok(!msg.includes(plaintext.toString()));
    }
  });

  it('throws only typed errors for arbitrary bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 200 }), (bytes) => {
        try {
          decryptSymmetric(material, bytes);
          return false; // random bytes must never authenticate
        } catch (e) {
          return isTyped(e);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('throws only typed errors for arbitrary bytes behind a valid header (property)', () => {
    const prefix = encryptSymmetric(key, plaintext).subarray(0, HEADER);
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 200 }), (tail) => {
        const blob = Buffer.concat([prefix, tail]);
        try {
          decryptSymmetric(material, blob);
          return false;
        } catch (e) {
          return isTyped(e);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('parses arbitrary bytes after a version byte into a header or a CryptoFormatError (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(1, 2), fc.uint8Array({ minLength: 0, maxLength: 160 }), (kind, tail) => {
        const blob = Buffer.concat([Buffer.from([1, kind]), tail]);
        try {
          const h = parseCiphertextHeader(blob);
          return typeof h.accountId === 'string' && /^(mrk-[0-9a-f]{32}|[0-9a-f-]{36})$/.test(h.keyId);
        } catch (e) {
          return e instanceof CryptoFormatError;
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('round-trips any plaintext and context (property)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 512 }),
        fc.dictionary(fc.string({ maxLength: 12 }), fc.string({ maxLength: 24 }), { maxKeys: 5 }),
        (pt, ctx) => {
          const blob = encryptSymmetric(key, pt, ctx);
          const reordered = Object.fromEntries(Object.entries(ctx).reverse());
          return Buffer.from(pt).equals(decryptSymmetric(material, blob, reordered));
        },
      ),
      { numRuns: 300 },
    );
  });
});
