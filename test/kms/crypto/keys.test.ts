import assert from 'node:assert/strict';
import { createPrivateKey, createPublicKey, verify as nodeVerify, sign as nodeSign } from 'node:crypto';
import { describe, it } from 'node:test';
import { CryptoInputError } from '../../../src/kms/crypto/errors.js';
import {
  generateDataKeyPair,
  generateDataKeyPairAsync,
  generateKeyMaterial,
  generateKeyMaterialAsync,
  getPublicKey,
  keySpecOf,
  toPrivateKey,
  toPublicKey,
} from '../../../src/kms/crypto/keys.js';
import type { KeySpec } from '../../../src/kms/crypto/specs.js';
import { keyPair } from './fixtures.js';

describe('key material generation', () => {
  it('generates 32 random bytes for SYMMETRIC_DEFAULT', () => {
    const a = generateKeyMaterial('SYMMETRIC_DEFAULT');
    assert.equal(a.length, 32);
    assert.notDeepEqual(a, generateKeyMaterial('SYMMETRIC_DEFAULT'));
  });

  it('generates HMAC keys as long as the spec names (224/256/384/512 bits)', () => {
    assert.equal(generateKeyMaterial('HMAC_224').length, 28);
    assert.equal(generateKeyMaterial('HMAC_256').length, 32);
    assert.equal(generateKeyMaterial('HMAC_384').length, 48);
    assert.equal(generateKeyMaterial('HMAC_512').length, 64);
  });

  for (const [spec, type, detail] of [
    ['ECC_NIST_P256', 'ec', 'prime256v1'],
    ['ECC_NIST_P384', 'ec', 'secp384r1'],
    ['ECC_NIST_P521', 'ec', 'secp521r1'],
    ['ECC_SECG_P256K1', 'ec', 'secp256k1'],
  ] as const) {
    it(`generates a PKCS#8 ${detail} private key for ${spec}`, () => {
      const der = generateKeyMaterial(spec);
      const key = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
      assert.equal(key.asymmetricKeyType, type);
      assert.equal(key.asymmetricKeyDetails?.namedCurve, detail);
      assert.equal(keySpecOf(key), spec);
    });
  }

  it('generates a PKCS#8 RSA-2048 private key with e = 65537', () => {
    const key = createPrivateKey({ key: generateKeyMaterial('RSA_2048'), format: 'der', type: 'pkcs8' });
    assert.equal(key.asymmetricKeyType, 'rsa');
    assert.equal(key.asymmetricKeyDetails?.modulusLength, 2048);
    assert.equal(key.asymmetricKeyDetails?.publicExponent, 65537n);
  });

  it('generates RSA-3072 material off the event loop', async () => {
    const der = await generateKeyMaterialAsync('RSA_3072');
    assert.equal(keySpecOf(toPrivateKey(der)), 'RSA_3072');
    assert.equal((await generateKeyMaterialAsync('HMAC_384')).length, 48);
  });

  it('throws CryptoInputError for an unsupported key spec', () => {
    assert.throws(() => generateKeyMaterial('SM2' as KeySpec), CryptoInputError);
    assert.throws(() => generateKeyMaterial('ML_DSA_44' as KeySpec), CryptoInputError);
  });
});

describe('getPublicKey', () => {
  it('returns the SubjectPublicKeyInfo DER that verifies the private key\'s signatures', () => {
    for (const spec of ['RSA_2048', 'ECC_NIST_P256', 'ECC_SECG_P256K1'] as const) {
      const { privateKeyDer, publicKeyDer } = keyPair(spec);
      const spki = getPublicKey(privateKeyDer);
      assert.deepEqual(spki, publicKeyDer);
      const pub = createPublicKey({ key: spki, format: 'der', type: 'spki' });
      const sig = nodeSign('sha256', Buffer.from('m'), createPrivateKey({ key: privateKeyDer, format: 'der', type: 'pkcs8' }));
      assert.ok(nodeVerify('sha256', Buffer.from('m'), pub, sig));
    }
  });

  it('throws CryptoInputError for bytes that are not a PKCS#8 key', () => {
    assert.throws(() => getPublicKey(Buffer.from('not a key')), CryptoInputError);
    assert.throws(() => toPublicKey(Buffer.from('not a key')), CryptoInputError);
  });
});

describe('generateDataKeyPair', () => {
  for (const spec of ['ECC_NIST_P256', 'ECC_NIST_P384', 'ECC_NIST_P521', 'ECC_SECG_P256K1', 'RSA_2048'] as const) {
    it(`returns a matching PKCS#8 / SPKI pair for ${spec}`, () => {
      const { privateKeyDer, publicKeyDer } = generateDataKeyPair(spec);
      assert.equal(keySpecOf(toPrivateKey(privateKeyDer)), spec);
      assert.deepEqual(getPublicKey(privateKeyDer), publicKeyDer);
    });
  }

  it('returns RSA_3072 and RSA_4096 pairs asynchronously', async () => {
    for (const spec of ['RSA_3072', 'RSA_4096'] as const) {
      const { privateKeyDer, publicKeyDer } = await generateDataKeyPairAsync(spec);
      assert.equal(keySpecOf(toPrivateKey(privateKeyDer)), spec);
      assert.equal(keySpecOf(toPublicKey(publicKeyDer)), spec);
    }
  });
});
