/**
 * Asymmetric operations: RSA-OAEP Encrypt/Decrypt, Sign/Verify (RSASSA-PSS, RSASSA-PKCS1-v1_5, ECDSA with DER
 * signatures) for RAW and DIGEST messages, and ECDH key agreement. Results interoperate with standard verifiers
 * given the SPKI from getPublicKey.
 */
import { constants, diffieHellman, privateDecrypt, publicEncrypt, sign as nodeSign, verify as nodeVerify, type KeyObject } from 'node:crypto';
import { ecdsaSignDigest, ecdsaVerifyDigest } from './ecdsa-digest.js';
import { CryptoAuthError, CryptoInputError } from './errors.js';
import { keySpecOf, toPrivateKey, toPublicKey, type PrivateKeyInput, type PublicKeyInput } from './keys.js';
import { pkcs1SignDigest, pkcs1VerifyDigest, pssSignDigest, pssVerifyDigest } from './rsa-digest.js';
import {
  HASH_BYTES,
  isEccKeySpec,
  isRsaKeySpec,
  isSigningAlgorithm,
  rsaMaxPlaintextBytes,
  rsaModulusBits,
  SIGNING_HASH,
  signingAlgorithmsFor,
  type AsymmetricKeySpec,
  type MessageType,
  type SigningAlgorithm,
} from './specs.js';

export type RsaEncryptionAlgorithm = 'RSAES_OAEP_SHA_1' | 'RSAES_OAEP_SHA_256';

function specOf(key: KeyObject): AsymmetricKeySpec {
  const spec = keySpecOf(key);
  if (!spec) throw new CryptoInputError('INVALID_KEY_MATERIAL', 'key is not of a supported asymmetric key spec');
  return spec;
}

function checkSigning(key: KeyObject, algorithm: SigningAlgorithm, message: Uint8Array, messageType: MessageType): void {
  if (!isSigningAlgorithm(algorithm)) throw new CryptoInputError('UNSUPPORTED_ALGORITHM', `signing algorithm ${String(algorithm)} is not supported`);
  const spec = specOf(key);
  if (!signingAlgorithmsFor(spec).includes(algorithm)) {
    throw new CryptoInputError('INCOMPATIBLE_ALGORITHM', `signing algorithm ${algorithm} is not valid for key spec ${spec}`);
  }
  if (messageType === 'DIGEST') {
    if (message.byteLength !== HASH_BYTES[SIGNING_HASH[algorithm]]) {
      throw new CryptoInputError('INVALID_DIGEST_LENGTH', `digest length does not match signing algorithm ${algorithm}`);
    }
  } else if (messageType !== 'RAW') {
    throw new CryptoInputError('UNSUPPORTED_ALGORITHM', `message type ${String(messageType)} is not supported`);
  }
}

function rawOptions(key: KeyObject, algorithm: SigningAlgorithm) {
  if (algorithm.startsWith('RSASSA_PSS_')) {
    // KMS uses a salt as long as the digest.
    return { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: HASH_BYTES[SIGNING_HASH[algorithm]] };
  }
  if (algorithm.startsWith('RSASSA_PKCS1_')) return { key, padding: constants.RSA_PKCS1_PADDING };
  return { key, dsaEncoding: 'der' as const };
}

/**
 * Sign: a DER-encoded ECDSA signature or a PKCS#1/PSS RSA signature. With `DIGEST`, `message` is the digest and
 * must have the algorithm's digest length. Throws CryptoInputError for an algorithm the key does not support.
 */
export function sign(privateKey: PrivateKeyInput, algorithm: SigningAlgorithm, message: Uint8Array, messageType: MessageType = 'RAW'): Buffer {
  const key = toPrivateKey(privateKey);
  checkSigning(key, algorithm, message, messageType);
  const hash = SIGNING_HASH[algorithm];
  if (messageType === 'RAW') return nodeSign(hash, message, rawOptions(key, algorithm));
  if (algorithm.startsWith('RSASSA_PSS_')) return pssSignDigest(key, hash, message);
  if (algorithm.startsWith('RSASSA_PKCS1_')) return pkcs1SignDigest(key, hash, message);
  return ecdsaSignDigest(key, message);
}

/**
 * Verify: true when the signature is valid for the message (or digest). A malformed signature is simply invalid.
 * `key` is an SPKI DER public key or a parsed KeyObject (a private KeyObject works too).
 */
export function verify(
  key: PublicKeyInput,
  algorithm: SigningAlgorithm,
  message: Uint8Array,
  signature: Uint8Array,
  messageType: MessageType = 'RAW',
): boolean {
  const pub = toPublicKey(key);
  checkSigning(pub, algorithm, message, messageType);
  const hash = SIGNING_HASH[algorithm];
  try {
    if (messageType === 'RAW') return nodeVerify(hash, message, rawOptions(pub, algorithm), signature);
    if (algorithm.startsWith('RSASSA_PSS_')) return pssVerifyDigest(pub, hash, message, signature);
    if (algorithm.startsWith('RSASSA_PKCS1_')) return pkcs1VerifyDigest(pub, hash, message, signature);
    return ecdsaVerifyDigest(pub, message, signature);
  } catch {
    // OpenSSL rejects some malformed signatures by throwing rather than returning false.
    return false;
  }
}

function oaepHash(algorithm: RsaEncryptionAlgorithm): 'sha1' | 'sha256' {
  if (algorithm === 'RSAES_OAEP_SHA_1') return 'sha1';
  if (algorithm === 'RSAES_OAEP_SHA_256') return 'sha256';
  throw new CryptoInputError('UNSUPPORTED_ALGORITHM', `encryption algorithm ${String(algorithm)} is not an RSA algorithm`);
}

function rsaSpecOf(key: KeyObject): 'RSA_2048' | 'RSA_3072' | 'RSA_4096' {
  const spec = specOf(key);
  if (!isRsaKeySpec(spec)) throw new CryptoInputError('INCOMPATIBLE_ALGORITHM', `key spec ${spec} cannot encrypt`);
  return spec;
}

/**
 * RSA-OAEP encryption (MGF1 with the same hash, empty label). `key` is an SPKI DER public key or a KeyObject.
 * Throws CryptoInputError('PLAINTEXT_TOO_LARGE') above the key's limit (rsaMaxPlaintextBytes).
 */
export function rsaEncrypt(key: PublicKeyInput, algorithm: RsaEncryptionAlgorithm, plaintext: Uint8Array): Buffer {
  const hash = oaepHash(algorithm);
  const pub = toPublicKey(key);
  const spec = rsaSpecOf(pub);
  if (plaintext.byteLength > rsaMaxPlaintextBytes(spec, algorithm)) {
    throw new CryptoInputError('PLAINTEXT_TOO_LARGE', `plaintext is too large for ${algorithm} with ${spec}`);
  }
  return publicEncrypt({ key: pub, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: hash }, plaintext);
}

/** RSA-OAEP decryption. Throws CryptoAuthError when the ciphertext does not decrypt under this key and algorithm. */
export function rsaDecrypt(privateKey: PrivateKeyInput, algorithm: RsaEncryptionAlgorithm, ciphertext: Uint8Array): Buffer {
  const hash = oaepHash(algorithm);
  const key = toPrivateKey(privateKey);
  const spec = rsaSpecOf(key);
  if (ciphertext.byteLength !== rsaModulusBits(spec) / 8) throw new CryptoAuthError('ciphertext length does not match the key');
  try {
    return privateDecrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: hash }, ciphertext);
  } catch {
    throw new CryptoAuthError('ciphertext did not decrypt under this key and algorithm');
  }
}

/**
 * ECDH (DeriveSharedSecret): the raw shared secret (the x-coordinate) between an ECC_NIST private key and a peer's
 * SPKI public key on the same curve. Throws CryptoInputError('INVALID_PUBLIC_KEY') for a key on another curve.
 */
export function deriveSharedSecret(privateKey: PrivateKeyInput, peerPublicKey: PublicKeyInput): Buffer {
  const key = toPrivateKey(privateKey);
  const spec = specOf(key);
  if (!isEccKeySpec(spec) || spec === 'ECC_SECG_P256K1') {
    throw new CryptoInputError('INCOMPATIBLE_ALGORITHM', `key spec ${spec} does not support key agreement`);
  }
  const peer = toPublicKey(peerPublicKey);
  if (peer.asymmetricKeyType !== 'ec' || peer.asymmetricKeyDetails?.namedCurve !== key.asymmetricKeyDetails?.namedCurve) {
    throw new CryptoInputError('INVALID_PUBLIC_KEY', 'peer public key is not on the key\'s curve');
  }
  try {
    return diffieHellman({ privateKey: key, publicKey: peer });
  } catch {
    throw new CryptoInputError('INVALID_PUBLIC_KEY', 'peer public key is not valid');
  }
}
