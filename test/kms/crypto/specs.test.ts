import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CryptoInputError } from '../../../src/kms/crypto/errors.js';
import {
  algorithmsFor,
  digestLengthFor,
  isKeySpec,
  keyUsagesFor,
  rsaMaxPlaintextBytes,
  SUPPORTED_KEY_SPECS,
} from '../../../src/kms/crypto/specs.js';

describe('key spec metadata', () => {
  it('reports SYMMETRIC_DEFAULT as ENCRYPT_DECRYPT with SYMMETRIC_DEFAULT encryption', () => {
    assert.deepEqual(keyUsagesFor('SYMMETRIC_DEFAULT'), ['ENCRYPT_DECRYPT']);
    assert.deepEqual(algorithmsFor('SYMMETRIC_DEFAULT', 'ENCRYPT_DECRYPT'), { EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'] });
  });

  it('reports RSA encryption algorithms in DescribeKey order', () => {
    for (const spec of ['RSA_2048', 'RSA_3072', 'RSA_4096'] as const) {
      assert.deepEqual(keyUsagesFor(spec), ['ENCRYPT_DECRYPT', 'SIGN_VERIFY']);
      assert.deepEqual(algorithmsFor(spec, 'ENCRYPT_DECRYPT'), { EncryptionAlgorithms: ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'] });
    }
  });

  it('reports the six RSA signing algorithms with PKCS#1 v1.5 first, as DescribeKey does', () => {
    assert.deepEqual(algorithmsFor('RSA_2048', 'SIGN_VERIFY'), {
      SigningAlgorithms: [
        'RSASSA_PKCS1_V1_5_SHA_256',
        'RSASSA_PKCS1_V1_5_SHA_384',
        'RSASSA_PKCS1_V1_5_SHA_512',
        'RSASSA_PSS_SHA_256',
        'RSASSA_PSS_SHA_384',
        'RSASSA_PSS_SHA_512',
      ],
    });
  });

  it('reports one ECDSA algorithm per curve', () => {
    assert.deepEqual(algorithmsFor('ECC_NIST_P256', 'SIGN_VERIFY'), { SigningAlgorithms: ['ECDSA_SHA_256'] });
    assert.deepEqual(algorithmsFor('ECC_NIST_P384', 'SIGN_VERIFY'), { SigningAlgorithms: ['ECDSA_SHA_384'] });
    assert.deepEqual(algorithmsFor('ECC_NIST_P521', 'SIGN_VERIFY'), { SigningAlgorithms: ['ECDSA_SHA_512'] });
    assert.deepEqual(algorithmsFor('ECC_SECG_P256K1', 'SIGN_VERIFY'), { SigningAlgorithms: ['ECDSA_SHA_256'] });
  });

  it('allows key agreement on NIST curves but not on secp256k1', () => {
    assert.deepEqual(keyUsagesFor('ECC_NIST_P384'), ['SIGN_VERIFY', 'KEY_AGREEMENT']);
    assert.deepEqual(algorithmsFor('ECC_NIST_P384', 'KEY_AGREEMENT'), { KeyAgreementAlgorithms: ['ECDH'] });
    assert.deepEqual(keyUsagesFor('ECC_SECG_P256K1'), ['SIGN_VERIFY']);
  });

  it('reports the matching MAC algorithm for each HMAC spec', () => {
    const expected = { HMAC_224: 'HMAC_SHA_224', HMAC_256: 'HMAC_SHA_256', HMAC_384: 'HMAC_SHA_384', HMAC_512: 'HMAC_SHA_512' } as const;
    for (const [spec, alg] of Object.entries(expected) as [keyof typeof expected, string][]) {
      assert.deepEqual(keyUsagesFor(spec), ['GENERATE_VERIFY_MAC']);
      assert.deepEqual(algorithmsFor(spec, 'GENERATE_VERIFY_MAC'), { MacAlgorithms: [alg] });
    }
  });

  it('throws CryptoInputError for a usage the spec does not allow', () => {
    assert.throws(() => algorithmsFor('SYMMETRIC_DEFAULT', 'SIGN_VERIFY'), CryptoInputError);
    assert.throws(() => algorithmsFor('HMAC_256', 'ENCRYPT_DECRYPT'), CryptoInputError);
    assert.throws(() => algorithmsFor('ECC_SECG_P256K1', 'KEY_AGREEMENT'), CryptoInputError);
  });

  it('gives the documented RSA-OAEP plaintext limits', () => {
    assert.equal(rsaMaxPlaintextBytes('RSA_2048', 'RSAES_OAEP_SHA_1'), 214);
    assert.equal(rsaMaxPlaintextBytes('RSA_2048', 'RSAES_OAEP_SHA_256'), 190);
    assert.equal(rsaMaxPlaintextBytes('RSA_3072', 'RSAES_OAEP_SHA_1'), 342);
    assert.equal(rsaMaxPlaintextBytes('RSA_3072', 'RSAES_OAEP_SHA_256'), 318);
    assert.equal(rsaMaxPlaintextBytes('RSA_4096', 'RSAES_OAEP_SHA_1'), 470);
    assert.equal(rsaMaxPlaintextBytes('RSA_4096', 'RSAES_OAEP_SHA_256'), 446);
  });

  it('gives digest lengths per signing algorithm', () => {
    assert.equal(digestLengthFor('ECDSA_SHA_256'), 32);
    assert.equal(digestLengthFor('RSASSA_PSS_SHA_384'), 48);
    assert.equal(digestLengthFor('RSASSA_PKCS1_V1_5_SHA_512'), 64);
  });

  it('recognises supported key specs only', () => {
    assert.equal(SUPPORTED_KEY_SPECS.length, 12);
    assert.ok(isKeySpec('ECC_SECG_P256K1'));
    assert.ok(!isKeySpec('SM2'));
    assert.ok(!isKeySpec('ML_DSA_44'));
  });
});
