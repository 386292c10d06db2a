import assert from 'node:assert/strict';
import {
  constants,
  createECDH,
  createHash,
  createPrivateKey,
  createPublicKey,
  privateDecrypt,
  publicEncrypt,
  sign as nodeSign,
  verify as nodeVerify,
  webcrypto,
} from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { deriveSharedSecret, rsaDecrypt, rsaEncrypt, sign, verify } from '../../../src/kms/crypto/asymmetric.js';
import { CryptoAuthError, CryptoInputError } from '../../../src/kms/crypto/errors.js';
import { generateKeyPairDer, getPublicKey, toPrivateKey } from '../../../src/kms/crypto/keys.js';
import {
  HASH_BYTES,
  SIGNING_HASH,
  signingAlgorithmsFor,
  type AsymmetricKeySpec,
  type SigningAlgorithm,
} from '../../../src/kms/crypto/specs.js';
import { keyPair } from './fixtures.js';

const message = Buffer.from('a message to sign, of no particular length');

/** Verification exactly as a third party would do it: node:crypto with the SPKI from getPublicKey. */
function standardVerify(spki: Buffer, algorithm: SigningAlgorithm, msg: Buffer, signature: Buffer): boolean {
  const key = createPublicKey({ key: spki, format: 'der', type: 'spki' });
  const hash = SIGNING_HASH[algorithm];
  if (algorithm.startsWith('RSASSA_PSS_')) {
    return nodeVerify(hash, msg, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO }, signature);
  }
  if (algorithm.startsWith('RSASSA_PKCS1_')) return nodeVerify(hash, msg, { key, padding: constants.RSA_PKCS1_PADDING }, signature);
  return nodeVerify(hash, msg, { key, dsaEncoding: 'der' }, signature);
}

function digestOf(algorithm: SigningAlgorithm, msg: Buffer): Buffer {
  return createHash(SIGNING_HASH[algorithm]).update(msg).digest();
}

const cases: [AsymmetricKeySpec, SigningAlgorithm][] = [
  ...signingAlgorithmsFor('RSA_2048').map((a): [AsymmetricKeySpec, SigningAlgorithm] => ['RSA_2048', a]),
  ['RSA_3072', 'RSASSA_PKCS1_V1_5_SHA_384'],
  ['RSA_4096', 'RSASSA_PSS_SHA_512'],
  ['ECC_NIST_P256', 'ECDSA_SHA_256'],
  ['ECC_NIST_P384', 'ECDSA_SHA_384'],
  ['ECC_NIST_P521', 'ECDSA_SHA_512'],
  ['ECC_SECG_P256K1', 'ECDSA_SHA_256'],
];

describe('sign / verify', () => {
  for (const [spec, algorithm] of cases) {
    it(`signs a RAW message with ${spec} ${algorithm} that node:crypto verifies with the SPKI`, () => {
      const { privateKeyDer } = keyPair(spec);
      const spki = getPublicKey(privateKeyDer);
      const sig = sign(privateKeyDer, algorithm, message, 'RAW');
      assert.ok(standardVerify(spki, algorithm, message, sig));
      assert.ok(verify(spki, algorithm, message, sig, 'RAW'));
      assert.ok(!verify(spki, algorithm, Buffer.concat([message, Buffer.from('!')]), sig, 'RAW'));
    });

    it(`signs a DIGEST with ${spec} ${algorithm} that verifies as a signature of the original message`, () => {
      const { privateKeyDer } = keyPair(spec);
      const spki = getPublicKey(privateKeyDer);
      const sig = sign(privateKeyDer, algorithm, digestOf(algorithm, message), 'DIGEST');
      assert.ok(standardVerify(spki, algorithm, message, sig));
      assert.ok(verify(spki, algorithm, message, sig, 'RAW'));
      assert.ok(verify(spki, algorithm, digestOf(algorithm, message), sig, 'DIGEST'));
    });

    it(`verifies a DIGEST against a signature node:crypto made over the message (${spec} ${algorithm})`, () => {
      const { privateKeyDer } = keyPair(spec);
      const key = createPrivateKey({ key: privateKeyDer, format: 'der', type: 'pkcs8' });
      const hash = SIGNING_HASH[algorithm];
      const opts = algorithm.startsWith('RSASSA_PSS_')
        ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: HASH_BYTES[hash] }
        : algorithm.startsWith('RSASSA_PKCS1_')
          ? { key, padding: constants.RSA_PKCS1_PADDING }
          : { key };
      const sig = nodeSign(hash, message, opts);
      const spki = getPublicKey(privateKeyDer);
      const digest = digestOf(algorithm, message);
      assert.ok(verify(spki, algorithm, digest, sig, 'DIGEST'));
      const wrong = Buffer.from(digest);
      wrong[0]! ^= 1;
      assert.ok(!verify(spki, algorithm, wrong, sig, 'DIGEST'));
      const badSig = Buffer.from(sig);
      badSig[badSig.length - 1]! ^= 1;
      assert.ok(!verify(spki, algorithm, digest, badSig, 'DIGEST'));
    });
  }

  it('uses a salt as long as the digest for RSASSA-PSS', () => {
    const { privateKeyDer, publicKeyDer } = keyPair('RSA_2048');
    const key = createPublicKey({ key: publicKeyDer, format: 'der', type: 'spki' });
    for (const messageType of ['RAW', 'DIGEST'] as const) {
      const input = messageType === 'RAW' ? message : digestOf('RSASSA_PSS_SHA_384', message);
      const sig = sign(privateKeyDer, 'RSASSA_PSS_SHA_384', input, messageType);
      const pss = (saltLength: number) => nodeVerify('sha384', message, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength }, sig);
      assert.ok(pss(48), messageType);
      assert.ok(!pss(32), messageType);
    }
  });

  it('produces randomized ECDSA and PSS signatures but deterministic PKCS#1 v1.5 ones', () => {
    const rsa = keyPair('RSA_2048').privateKeyDer;
    const ec = keyPair('ECC_NIST_P256').privateKeyDer;
    assert.deepEqual(sign(rsa, 'RSASSA_PKCS1_V1_5_SHA_256', message), sign(rsa, 'RSASSA_PKCS1_V1_5_SHA_256', message));
    assert.notDeepEqual(sign(rsa, 'RSASSA_PSS_SHA_256', message), sign(rsa, 'RSASSA_PSS_SHA_256', message));
    const d = digestOf('ECDSA_SHA_256', message);
    assert.notDeepEqual(sign(ec, 'ECDSA_SHA_256', d, 'DIGEST'), sign(ec, 'ECDSA_SHA_256', d, 'DIGEST'));
  });

  it('throws INVALID_DIGEST_LENGTH when a DIGEST does not match the algorithm', () => {
    const { privateKeyDer, publicKeyDer } = keyPair('ECC_NIST_P384');
    const isDigestError = (e: unknown) => e instanceof CryptoInputError && e.reason === 'INVALID_DIGEST_LENGTH';
    assert.throws(() => sign(privateKeyDer, 'ECDSA_SHA_384', Buffer.alloc(32), 'DIGEST'), isDigestError);
    assert.throws(() => verify(publicKeyDer, 'ECDSA_SHA_384', Buffer.alloc(64), Buffer.alloc(8), 'DIGEST'), isDigestError);
    // RAW messages of any length are fine.
    assert.ok(sign(privateKeyDer, 'ECDSA_SHA_384', Buffer.alloc(32), 'RAW').length > 0);
  });

  it('throws INCOMPATIBLE_ALGORITHM for an algorithm the key spec does not support', () => {
    const isIncompatible = (e: unknown) => e instanceof CryptoInputError && e.reason === 'INCOMPATIBLE_ALGORITHM';
    assert.throws(() => sign(keyPair('ECC_NIST_P256').privateKeyDer, 'ECDSA_SHA_384', message), isIncompatible);
    assert.throws(() => sign(keyPair('ECC_NIST_P256').privateKeyDer, 'RSASSA_PSS_SHA_256', message), isIncompatible);
    assert.throws(() => sign(keyPair('RSA_2048').privateKeyDer, 'ECDSA_SHA_256', message), isIncompatible);
    assert.throws(() => sign(keyPair('RSA_2048').privateKeyDer, 'NOPE' as SigningAlgorithm, message), CryptoInputError);
  });

  it('returns false, without throwing, for malformed signatures', () => {
    for (const [spec, algorithm] of [
      ['RSA_2048', 'RSASSA_PSS_SHA_256'],
      ['RSA_2048', 'RSASSA_PKCS1_V1_5_SHA_256'],
      ['ECC_NIST_P256', 'ECDSA_SHA_256'],
    ] as const) {
      const spki = keyPair(spec).publicKeyDer;
      for (const sig of [Buffer.alloc(0), Buffer.from('garbage'), Buffer.alloc(256, 0xff), Buffer.from([0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x01])]) {
        assert.equal(verify(spki, algorithm, message, sig, 'RAW'), false);
        assert.equal(verify(spki, algorithm, digestOf(algorithm, message), sig, 'DIGEST'), false);
      }
    }
  });

  it('returns a boolean, never throws, for arbitrary signature bytes (property)', () => {
    const specs = ['RSA_2048', 'ECC_NIST_P256', 'ECC_NIST_P521'] as const;
    fc.assert(
      fc.property(fc.constantFrom(...specs), fc.boolean(), fc.uint8Array({ maxLength: 300 }), (spec, digest, sig) => {
        const algorithm = signingAlgorithmsFor(spec)[0]!;
        const input = digest ? digestOf(algorithm, message) : message;
        return verify(keyPair(spec).publicKeyDer, algorithm, input, sig, digest ? 'DIGEST' : 'RAW') === false;
      }),
      { numRuns: 300 },
    );
  });

  it('verifies with a parsed private KeyObject as well as with SPKI bytes', () => {
    const { privateKeyDer } = keyPair('ECC_SECG_P256K1');
    const sig = sign(privateKeyDer, 'ECDSA_SHA_256', message);
    assert.ok(verify(toPrivateKey(privateKeyDer), 'ECDSA_SHA_256', message, sig));
  });
});

describe('rsaEncrypt / rsaDecrypt', () => {
  for (const [algorithm, oaepHash] of [
    ['RSAES_OAEP_SHA_1', 'sha1'],
    ['RSAES_OAEP_SHA_256', 'sha256'],
  ] as const) {
    it(`decrypts ${algorithm} ciphertext made by node:crypto.publicEncrypt with the SPKI`, () => {
      const { privateKeyDer } = keyPair('RSA_2048');
      const spki = getPublicKey(privateKeyDer);
      const pt = Buffer.from('secret data key bytes');
      const ct = publicEncrypt({ key: createPublicKey({ key: spki, format: 'der', type: 'spki' }), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash }, pt);
      assert.deepEqual(rsaDecrypt(privateKeyDer, algorithm, ct), pt);
    });

    it(`encrypts with ${algorithm} so that node:crypto.privateDecrypt recovers it`, () => {
      const { privateKeyDer, publicKeyDer } = keyPair('RSA_2048');
      const pt = Buffer.from('hello');
      const ct = rsaEncrypt(publicKeyDer, algorithm, pt);
      assert.equal(ct.length, 256);
      const key = createPrivateKey({ key: privateKeyDer, format: 'der', type: 'pkcs8' });
      assert.deepEqual(privateDecrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash }, ct), pt);
    });
  }

  it('decrypts WebCrypto RSA-OAEP (SHA-256, MGF1-SHA-256) ciphertext', async () => {
    const { privateKeyDer, publicKeyDer } = keyPair('RSA_2048');
    const pub = await webcrypto.subtle.importKey('spki', publicKeyDer, { name: 'RSA-OAEP', hash: 'SHA-256' }, false, ['encrypt']);
    const pt = Buffer.from('interop');
    const ct = Buffer.from(await webcrypto.subtle.encrypt({ name: 'RSA-OAEP' }, pub, pt));
    assert.deepEqual(rsaDecrypt(privateKeyDer, 'RSAES_OAEP_SHA_256', ct), pt);
  });

  it('accepts plaintext up to the documented limit and rejects one byte more', () => {
    const { privateKeyDer, publicKeyDer } = keyPair('RSA_2048');
    for (const [algorithm, max] of [
      ['RSAES_OAEP_SHA_1', 214],
      ['RSAES_OAEP_SHA_256', 190],
    ] as const) {
      const pt = Buffer.alloc(max, 7);
      assert.deepEqual(rsaDecrypt(privateKeyDer, algorithm, rsaEncrypt(publicKeyDer, algorithm, pt)), pt);
      assert.throws(
        () => rsaEncrypt(publicKeyDer, algorithm, Buffer.alloc(max + 1)),
        (e: unknown) => e instanceof CryptoInputError && e.reason === 'PLAINTEXT_TOO_LARGE',
      );
    }
  });

  it('round-trips with an RSA_4096 key up to 446 bytes of OAEP SHA-256 plaintext', () => {
    const { privateKeyDer, publicKeyDer } = keyPair('RSA_4096');
    const pt = Buffer.alloc(446, 1);
    assert.deepEqual(rsaDecrypt(privateKeyDer, 'RSAES_OAEP_SHA_256', rsaEncrypt(publicKeyDer, 'RSAES_OAEP_SHA_256', pt)), pt);
    assert.throws(() => rsaEncrypt(publicKeyDer, 'RSAES_OAEP_SHA_256', Buffer.alloc(447)), CryptoInputError);
  });

  it('throws CryptoAuthError for the wrong algorithm, a tampered ciphertext or a wrong length', () => {
    const { privateKeyDer, publicKeyDer } = keyPair('RSA_2048');
    const ct = rsaEncrypt(publicKeyDer, 'RSAES_OAEP_SHA_256', Buffer.from('x'));
    assert.throws(() => rsaDecrypt(privateKeyDer, 'RSAES_OAEP_SHA_1', ct), CryptoAuthError);
    const t = Buffer.from(ct);
    t[100]! ^= 1;
    assert.throws(() => rsaDecrypt(privateKeyDer, 'RSAES_OAEP_SHA_256', t), CryptoAuthError);
    assert.throws(() => rsaDecrypt(privateKeyDer, 'RSAES_OAEP_SHA_256', ct.subarray(1)), CryptoAuthError);
    assert.throws(() => rsaDecrypt(privateKeyDer, 'RSAES_OAEP_SHA_256', Buffer.alloc(0)), CryptoAuthError);
  });

  it('refuses to encrypt with an ECC key', () => {
    assert.throws(() => rsaEncrypt(keyPair('ECC_NIST_P256').publicKeyDer, 'RSAES_OAEP_SHA_256', Buffer.from('x')), CryptoInputError);
  });
});

describe('deriveSharedSecret', () => {
  it('derives the same ECDH secret on both sides, as OpenSSL ECDH does', () => {
    const alice = keyPair('ECC_NIST_P256');
    const bob = generateKeyPairDer('ECC_NIST_P256');
    const ab = deriveSharedSecret(alice.privateKeyDer, bob.publicKeyDer);
    assert.equal(ab.length, 32);
    assert.deepEqual(ab, deriveSharedSecret(bob.privateKeyDer, alice.publicKeyDer));
    const ecdh = createECDH('prime256v1');
    const jwk = toPrivateKey(alice.privateKeyDer).export({ format: 'jwk' });
    ecdh.setPrivateKey(Buffer.from(jwk.d!, 'base64url'));
    const bobPoint = createPublicKey({ key: bob.publicKeyDer, format: 'der', type: 'spki' }).export({ format: 'jwk' });
    const raw = Buffer.concat([Buffer.from([4]), Buffer.from(bobPoint.x!, 'base64url'), Buffer.from(bobPoint.y!, 'base64url')]);
    assert.deepEqual(ab, ecdh.computeSecret(raw));
  });

  it('rejects a peer key on another curve and a secp256k1 key', () => {
    assert.throws(
      () => deriveSharedSecret(keyPair('ECC_NIST_P256').privateKeyDer, keyPair('ECC_NIST_P384').publicKeyDer),
      (e: unknown) => e instanceof CryptoInputError && e.reason === 'INVALID_PUBLIC_KEY',
    );
    assert.throws(
      () => deriveSharedSecret(keyPair('ECC_SECG_P256K1').privateKeyDer, keyPair('ECC_SECG_P256K1').publicKeyDer),
      (e: unknown) => e instanceof CryptoInputError && e.reason === 'INCOMPATIBLE_ALGORITHM',
    );
  });
});
