import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CryptoInputError } from '../../../src/kms/crypto/errors.js';
import { generateMac, verifyMac } from '../../../src/kms/crypto/hmac.js';
import { generateKeyMaterial } from '../../../src/kms/crypto/keys.js';
import { type HmacKeySpec, type MacAlgorithm } from '../../../src/kms/crypto/specs.js';

// RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
const JEFE = Buffer.from('Jefe');
const DATA = Buffer.from('what do ya want for nothing?');
const RFC4231: [HmacKeySpec, MacAlgorithm, string][] = [
  ['HMAC_224', 'HMAC_SHA_224', 'a30e01098bc6dbbf45690f3a7e9e6d0f8bbea2a39e6148008fd05e44'],
  ['HMAC_256', 'HMAC_SHA_256', '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843'],
  [
    'HMAC_384',
    'HMAC_SHA_384',
    'af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649',
  ],
  [
    'HMAC_512',
    'HMAC_SHA_512',
    '164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737',
  ],
];

describe('generateMac / verifyMac', () => {
  for (const [spec, algorithm, hex] of RFC4231) {
    it(`computes the RFC 4231 ${algorithm} tag`, () => {
      assert.equal(generateMac(spec, JEFE, algorithm, DATA).toString('hex'), hex);
    });

    it(`verifies its own ${algorithm} tag and rejects an altered one or message`, () => {
      const material = generateKeyMaterial(spec);
      const tag = generateMac(spec, material, algorithm, DATA);
      assert.ok(verifyMac(spec, material, algorithm, DATA, tag));
      const bad = Buffer.from(tag);
      bad[bad.length - 1]! ^= 1;
      assert.ok(!verifyMac(spec, material, algorithm, DATA, bad));
      assert.ok(!verifyMac(spec, material, algorithm, Buffer.from('other'), tag));
      assert.ok(!verifyMac(spec, material, algorithm, DATA, tag.subarray(1)));
      assert.ok(!verifyMac(spec, material, algorithm, DATA, Buffer.alloc(0)));
    });
  }

  it('computes a tag for an empty message', () => {
    const material = generateKeyMaterial('HMAC_256');
    assert.equal(generateMac('HMAC_256', material, 'HMAC_SHA_256', Buffer.alloc(0)).length, 32);
  });

  it('throws INCOMPATIBLE_ALGORITHM when the algorithm does not match the key spec', () => {
    const material = generateKeyMaterial('HMAC_256');
    const isIncompatible = (e: unknown) => e instanceof CryptoInputError && e.reason === 'INCOMPATIBLE_ALGORITHM';
    assert.throws(() => generateMac('HMAC_256', material, 'HMAC_SHA_384', DATA), isIncompatible);
    assert.throws(() => verifyMac('HMAC_256', material, 'HMAC_SHA_512', DATA, Buffer.alloc(64)), isIncompatible);
    assert.throws(() => generateMac('SYMMETRIC_DEFAULT', material, 'HMAC_SHA_256', DATA), isIncompatible);
    assert.throws(() => generateMac('HMAC_256', material, 'HMAC_MD5' as MacAlgorithm, DATA), CryptoInputError);
  });
});
