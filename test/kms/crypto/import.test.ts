import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { constants, createPrivateKey, createPublicKey, generateKeyPairSync, publicEncrypt, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { CryptoAuthError, CryptoInputError } from '../../../src/kms/crypto/errors.js';
import {
  aesKeyUnwrapPad,
  aesKeyWrapPad,
  checkWrappingAlgorithmForKeySpec,
  generateWrappingKeyPair,
  generateWrappingKeyPairAsync,
  unwrapKeyMaterial,
  validateImportedKeyMaterial,
  wrapKeyMaterial,
} from '../../../src/kms/crypto/import.js';
import { generateKeyMaterial, keySpecOf, toPublicKey } from '../../../src/kms/crypto/keys.js';
import { WRAPPING_ALGORITHMS, type WrappingAlgorithm } from '../../../src/kms/crypto/specs.js';
import { keyPair } from './fixtures.js';

const wrapping2048 = generateWrappingKeyPair('RSA_2048');

describe('AES key wrap with padding (RFC 5649)', () => {
  // RFC 5649 section 6 test vectors (192-bit KEK).
  const kek = Buffer.from('5840df6e29b02af1ab493b705bf16ea1ae8338f4dcc176a8', 'hex');
  for (const [key, wrapped] of [
    ['c37b7e6492584340bed12207808941155068f738', '138bdeaa9b8fa7fc61f97742e72248ee5ae6ae5360d1ae6a5f54f373fa543b6a'],
    ['466f7250617369', 'afbeb0f07dfbf5419200f2ccb50bb24f'],
  ]) {
    it(`matches the RFC 5649 vector for a ${key.length / 2}-byte key`, () => {
      assert.equal(aesKeyWrapPad(kek, Buffer.from(key, 'hex')).toString('hex'), wrapped);
      assert.equal(aesKeyUnwrapPad(kek, Buffer.from(wrapped, 'hex')).toString('hex'), key);
    });
  }

  it('throws CryptoAuthError for altered wrapped data or the wrong KEK', () => {
    const kek = randomBytes(32);
    const w = aesKeyWrapPad(kek, randomBytes(32));
    const t = Buffer.from(w);
    t[t.length - 1]! ^= 1;
    assert.throws(() => aesKeyUnwrapPad(kek, t), CryptoAuthError);
    assert.throws(() => aesKeyUnwrapPad(randomBytes(32), w), CryptoAuthError);
  });
});

describe('wrapping key pairs', () => {
  it('generates RSA wrapping keys of the requested size', async () => {
    assert.equal(keySpecOf(toPublicKey(wrapping2048.publicKeyDer)), 'RSA_2048');
    const w3072 = await generateWrappingKeyPairAsync('RSA_3072');
    assert.equal(keySpecOf(toPublicKey(w3072.publicKeyDer)), 'RSA_3072');
  });

  it('rejects a non-RSA wrapping key spec', () => {
    assert.throws(() => generateWrappingKeyPair('SM2' as 'RSA_2048'), CryptoInputError);
  });
});

describe('unwrapKeyMaterial', () => {
  const symmetric = generateKeyMaterial('SYMMETRIC_DEFAULT');

  for (const algorithm of WRAPPING_ALGORITHMS) {
    it(`round-trips 32-byte symmetric material wrapped with ${algorithm}`, () => {
      const blob = wrapKeyMaterial(wrapping2048.publicKeyDer, algorithm, symmetric);
      assert.deepEqual(unwrapKeyMaterial(wrapping2048.privateKeyDer, algorithm, blob), symmetric);
    });
  }

  it('unwraps RSAES_OAEP_SHA_256 material encrypted by node:crypto.publicEncrypt, as a client would', () => {
    const key = createPublicKey({ key: wrapping2048.publicKeyDer, format: 'der', type: 'spki' });
    const blob = publicEncrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, symmetric);
    assert.deepEqual(unwrapKeyMaterial(wrapping2048.privateKeyDer, 'RSAES_OAEP_SHA_256', blob), symmetric);
  });

  it('unwraps an RSA_4096 private key wrapped with RSA_AES_KEY_WRAP_SHA_256 under a 4096-bit wrapping key', () => {
    const wrapping = keyPair('RSA_4096');
    const material = keyPair('RSA_2048').privateKeyDer;
    const blob = wrapKeyMaterial(wrapping.publicKeyDer, 'RSA_AES_KEY_WRAP_SHA_256', material);
    const unwrapped = unwrapKeyMaterial(wrapping.privateKeyDer, 'RSA_AES_KEY_WRAP_SHA_256', blob);
    assert.deepEqual(unwrapped, material);
    validateImportedKeyMaterial('RSA_2048', unwrapped);
  });

  it('unwraps ECC and HMAC material with RSA_AES_KEY_WRAP_SHA_1', () => {
    for (const spec of ['ECC_NIST_P521', 'ECC_SECG_P256K1', 'HMAC_512'] as const) {
      const material = generateKeyMaterial(spec);
      const blob = wrapKeyMaterial(wrapping2048.publicKeyDer, 'RSA_AES_KEY_WRAP_SHA_1', material);
      const unwrapped = unwrapKeyMaterial(wrapping2048.privateKeyDer, 'RSA_AES_KEY_WRAP_SHA_1', blob);
      assert.deepEqual(unwrapped, material);
      validateImportedKeyMaterial(spec, unwrapped);
    }
  });

  it('unwraps material wrapped by the OpenSSL command line, as the KMS import guide does it', (t) => {
    let dir: string | undefined;
    try {
      execFileSync('openssl', ['version'], { stdio: 'ignore' });
    } catch {
      t.skip('openssl command line not available');
      return;
    }
    try {
      dir = mkdtempSync(join(tmpdir(), 'logseal-import-'));
      const p = (f: string) => join(dir!, f);
      writeFileSync(p('pub.der'), wrapping2048.publicKeyDer);
      writeFileSync(p('material.bin'), symmetric);
      const aesKey = randomBytes(32);
      writeFileSync(p('aes.bin'), aesKey);
      execFileSync('openssl', ['enc', '-id-aes256-wrap-pad', '-K', aesKey.toString('hex'), '-iv', 'A65959A6', '-in', p('material.bin'), '-out', p('wrapped.bin')]);
      execFileSync('openssl', [
        'pkeyutl', '-encrypt', '-in', p('aes.bin'), '-out', p('aes.enc'), '-inkey', p('pub.der'), '-keyform', 'DER', '-pubin',
        '-pkeyopt', 'rsa_padding_mode:oaep', '-pkeyopt', 'rsa_oaep_md:sha256', '-pkeyopt', 'rsa_mgf1_md:sha256',
      ]);
      const blob = Buffer.concat([readFileSync(p('aes.enc')), readFileSync(p('wrapped.bin'))]);
      assert.deepEqual(unwrapKeyMaterial(wrapping2048.privateKeyDer, 'RSA_AES_KEY_WRAP_SHA_256', blob), symmetric);
    } finally {
      if (dir) rmSync(dir, { recursive: true, force: true });
    }
  });

  it('throws UNSUPPORTED_ALGORITHM for RSAES_PKCS1_V1_5 and SM2PKE', () => {
    for (const algorithm of ['RSAES_PKCS1_V1_5', 'SM2PKE'] as WrappingAlgorithm[]) {
      assert.throws(
        () => unwrapKeyMaterial(wrapping2048.privateKeyDer, algorithm, Buffer.alloc(256)),
        (e: unknown) => e instanceof CryptoInputError && e.reason === 'UNSUPPORTED_ALGORITHM',
      );
      assert.throws(() => wrapKeyMaterial(wrapping2048.publicKeyDer, algorithm, symmetric), CryptoInputError);
    }
  });

  it('throws CryptoAuthError for the wrong algorithm, the wrong wrapping key, tampering and truncation', () => {
    const blob = wrapKeyMaterial(wrapping2048.publicKeyDer, 'RSA_AES_KEY_WRAP_SHA_256', symmetric);
    assert.throws(() => unwrapKeyMaterial(wrapping2048.privateKeyDer, 'RSA_AES_KEY_WRAP_SHA_1', blob), CryptoAuthError);
    assert.throws(() => unwrapKeyMaterial(keyPair('RSA_2048').privateKeyDer, 'RSA_AES_KEY_WRAP_SHA_256', blob), CryptoAuthError);
    for (const at of [10, 256 + 3, blob.length - 1]) {
      const t = Buffer.from(blob);
      t[at]! ^= 1;
      assert.throws(() => unwrapKeyMaterial(wrapping2048.privateKeyDer, 'RSA_AES_KEY_WRAP_SHA_256', t), CryptoAuthError, `byte ${at}`);
    }
    for (const len of [0, 255, 256, 256 + 15, blob.length - 8]) {
      assert.throws(() => unwrapKeyMaterial(wrapping2048.privateKeyDer, 'RSA_AES_KEY_WRAP_SHA_256', blob.subarray(0, len)), CryptoAuthError);
    }
    const direct = wrapKeyMaterial(wrapping2048.publicKeyDer, 'RSAES_OAEP_SHA_1', symmetric);
    assert.throws(() => unwrapKeyMaterial(wrapping2048.privateKeyDer, 'RSAES_OAEP_SHA_256', direct), CryptoAuthError);
    assert.throws(() => unwrapKeyMaterial(wrapping2048.privateKeyDer, 'RSAES_OAEP_SHA_1', direct.subarray(1)), CryptoAuthError);
  });

  it('throws only CryptoAuthError for arbitrary encrypted key material (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...WRAPPING_ALGORITHMS), fc.uint8Array({ minLength: 0, maxLength: 400 }), (algorithm, bytes) => {
        try {
          unwrapKeyMaterial(wrapping2048.privateKeyDer, algorithm, bytes);
          return false;
        } catch (e) {
          return e instanceof CryptoAuthError;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('cannot wrap an RSA private key directly with RSA-OAEP', () => {
    assert.throws(
      () => wrapKeyMaterial(wrapping2048.publicKeyDer, 'RSAES_OAEP_SHA_256', keyPair('RSA_2048').privateKeyDer),
      (e: unknown) => e instanceof CryptoInputError && e.reason === 'PLAINTEXT_TOO_LARGE',
    );
    assert.throws(() => checkWrappingAlgorithmForKeySpec('RSA_3072', 'RSAES_OAEP_SHA_1'), CryptoInputError);
    assert.doesNotThrow(() => checkWrappingAlgorithmForKeySpec('RSA_3072', 'RSA_AES_KEY_WRAP_SHA_1'));
    assert.doesNotThrow(() => checkWrappingAlgorithmForKeySpec('ECC_NIST_P256', 'RSAES_OAEP_SHA_256'));
  });
});

describe('validateImportedKeyMaterial', () => {
  const invalid = (e: unknown) => e instanceof CryptoInputError && e.reason === 'INVALID_KEY_MATERIAL';

  it('accepts exactly 32 bytes for SYMMETRIC_DEFAULT', () => {
    validateImportedKeyMaterial('SYMMETRIC_DEFAULT', randomBytes(32));
    assert.throws(() => validateImportedKeyMaterial('SYMMETRIC_DEFAULT', randomBytes(16)), invalid);
    assert.throws(() => validateImportedKeyMaterial('SYMMETRIC_DEFAULT', randomBytes(33)), invalid);
  });

  it('accepts HMAC material from the digest size up to the block size', () => {
    validateImportedKeyMaterial('HMAC_224', randomBytes(28));
    validateImportedKeyMaterial('HMAC_224', randomBytes(64));
    assert.throws(() => validateImportedKeyMaterial('HMAC_224', randomBytes(27)), invalid);
    assert.throws(() => validateImportedKeyMaterial('HMAC_256', randomBytes(65)), invalid);
    validateImportedKeyMaterial('HMAC_384', randomBytes(128));
    assert.throws(() => validateImportedKeyMaterial('HMAC_384', randomBytes(47)), invalid);
    validateImportedKeyMaterial('HMAC_512', randomBytes(64));
    assert.throws(() => validateImportedKeyMaterial('HMAC_512', randomBytes(129)), invalid);
  });

  it('accepts PKCS#8 keys of the matching type, size and curve', () => {
    for (const spec of ['RSA_2048', 'ECC_NIST_P256', 'ECC_NIST_P384', 'ECC_NIST_P521', 'ECC_SECG_P256K1'] as const) {
      validateImportedKeyMaterial(spec, keyPair(spec).privateKeyDer);
    }
  });

  it('rejects keys of another size, curve or type', () => {
    assert.throws(() => validateImportedKeyMaterial('RSA_3072', keyPair('RSA_2048').privateKeyDer), invalid);
    assert.throws(() => validateImportedKeyMaterial('ECC_NIST_P256', keyPair('ECC_SECG_P256K1').privateKeyDer), invalid);
    assert.throws(() => validateImportedKeyMaterial('ECC_NIST_P384', keyPair('RSA_2048').privateKeyDer), invalid);
    const ed = generateKeyPairSync('ed25519', { privateKeyEncoding: { type: 'pkcs8', format: 'der' }, publicKeyEncoding: { type: 'spki', format: 'der' } });
    assert.throws(() => validateImportedKeyMaterial('ECC_NIST_P256', ed.privateKey), invalid);
  });

  it('rejects non-PKCS#8 encodings: SEC1 EC keys, PKCS#1 RSA keys, SPKI and garbage', () => {
    const sec1 = generateKeyPairSync('ec', {
      namedCurve: 'prime256v1',
      privateKeyEncoding: { type: 'sec1', format: 'der' },
      publicKeyEncoding: { type: 'spki', format: 'der' },
    });
    assert.throws(() => validateImportedKeyMaterial('ECC_NIST_P256', sec1.privateKey), invalid);
    assert.throws(() => validateImportedKeyMaterial('ECC_NIST_P256', sec1.publicKey), invalid);
    const pkcs1 = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs1', format: 'der' },
      publicKeyEncoding: { type: 'spki', format: 'der' },
    });
    assert.throws(() => validateImportedKeyMaterial('RSA_2048', pkcs1.privateKey), invalid);
    assert.throws(() => validateImportedKeyMaterial('RSA_2048', randomBytes(1200)), invalid);
    assert.throws(() => validateImportedKeyMaterial('RSA_2048', Buffer.alloc(0)), invalid);
  });

  it('rejects an RSA private key whose private exponent does not match its modulus', () => {
    const good = toPublicKey(keyPair('RSA_2048').publicKeyDer);
    const jwk = { ...(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' })) };
    // Graft another key's modulus onto this key's private parts: parses as PKCS#8, but cannot sign verifiably.
    const forged = { ...jwk, n: good.export({ format: 'jwk' }).n };
    const der = createPrivateKey({ key: forged, format: 'jwk' }).export({ type: 'pkcs8', format: 'der' });
    assert.throws(() => validateImportedKeyMaterial('RSA_2048', der), invalid);
  });
});
