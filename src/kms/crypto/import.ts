/**
 * Imported key material (Origin EXTERNAL): wrapping key pairs for GetParametersForImport, unwrapping and
 * validating what ImportKeyMaterial receives, and the client-side wrap (for tests and tooling).
 *
 * RSA_AES_KEY_WRAP_* blobs are RSA-OAEP(ephemeral AES-256 key) followed by AES key wrap with padding (RFC 5649)
 * of the material, as the KMS import procedure builds them with OpenSSL.
 */
import { constants, createCipheriv, createDecipheriv, privateDecrypt, publicEncrypt, randomBytes, sign as nodeSign, verify as nodeVerify, createPublicKey } from 'node:crypto';
import { CryptoAuthError, CryptoInputError } from './errors.js';
import {
  generateKeyPairDer,
  generateKeyPairDerAsync,
  keySpecOf,
  toPrivateKey,
  toPublicKey,
  type KeyPairDer,
  type PrivateKeyInput,
  type PublicKeyInput,
} from './keys.js';
import {
  HMAC_IMPORT_BYTES,
  isAsymmetricKeySpec,
  isHmacKeySpec,
  isRsaKeySpec,
  isSupportedWrappingAlgorithm,
  SYMMETRIC_KEY_BYTES,
  type KeySpec,
  type WrappingAlgorithm,
  type WrappingKeySpec,
} from './specs.js';

/** RFC 5649 alternative initial value. */
const KWP_IV = Buffer.from('a65959a6', 'hex');
const AES_KEY_BYTES = 32;

function kwpCipherName(kek: Uint8Array): string {
  return `id-aes${kek.byteLength * 8}-wrap-pad`;
}

/** AES key wrap with padding (RFC 5649); the KEK may be 16, 24 or 32 bytes. */
export function aesKeyWrapPad(kek: Uint8Array, data: Uint8Array): Buffer {
  const c = createCipheriv(kwpCipherName(kek), kek, KWP_IV);
  return Buffer.concat([c.update(data), c.final()]);
}

/** Inverse of aesKeyWrapPad. Throws CryptoAuthError when the integrity check fails. */
export function aesKeyUnwrapPad(kek: Uint8Array, wrapped: Uint8Array): Buffer {
  try {
    const d = createDecipheriv(kwpCipherName(kek), kek, KWP_IV);
    return Buffer.concat([d.update(wrapped), d.final()]);
  } catch {
    throw new CryptoAuthError('wrapped key material failed its integrity check');
  }
}

function checkWrappingSpec(spec: string): asserts spec is WrappingKeySpec {
  if (!isRsaKeySpec(spec)) throw new CryptoInputError('UNSUPPORTED_KEY_SPEC', `wrapping key spec ${spec} is not supported`);
}

function oaepHashOf(algorithm: WrappingAlgorithm): 'sha1' | 'sha256' {
  if (!isSupportedWrappingAlgorithm(algorithm)) {
    throw new CryptoInputError('UNSUPPORTED_ALGORITHM', `wrapping algorithm ${String(algorithm)} is not supported`);
  }
  return algorithm.endsWith('SHA_1') ? 'sha1' : 'sha256';
}

/** GetParametersForImport: a fresh RSA wrapping key pair (private PKCS#8, public SPKI). */
export function generateWrappingKeyPair(spec: WrappingKeySpec): KeyPairDer {
  checkWrappingSpec(spec);
  return generateKeyPairDer(spec);
}

/** Async form of generateWrappingKeyPair. */
export async function generateWrappingKeyPairAsync(spec: WrappingKeySpec): Promise<KeyPairDer> {
  checkWrappingSpec(spec);
  return generateKeyPairDerAsync(spec);
}

/**
 * ImportKeyMaterial: recovers the plaintext key material from EncryptedKeyMaterial with the wrapping private key.
 * Throws CryptoInputError for an unsupported algorithm (RSAES_PKCS1_V1_5, SM2PKE) and CryptoAuthError when the
 * blob does not decrypt.
 */
export function unwrapKeyMaterial(wrappingPrivateKey: PrivateKeyInput, algorithm: WrappingAlgorithm, encrypted: Uint8Array): Buffer {
  const oaepHash = oaepHashOf(algorithm);
  const key = toPrivateKey(wrappingPrivateKey);
  const k = (key.asymmetricKeyDetails?.modulusLength ?? 0) / 8;
  if (key.asymmetricKeyType !== 'rsa' || k === 0) throw new CryptoInputError('INVALID_KEY_MATERIAL', 'wrapping key is not an RSA key');
  const oaep = { key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash };
  if (algorithm === 'RSAES_OAEP_SHA_1' || algorithm === 'RSAES_OAEP_SHA_256') {
    if (encrypted.byteLength !== k) throw new CryptoAuthError('encrypted key material length does not match the wrapping key');
    try {
      return privateDecrypt(oaep, encrypted);
    } catch {
      throw new CryptoAuthError('encrypted key material did not decrypt');
    }
  }
  // RSA-OAEP(AES key) || KWP(material); KWP output is at least 16 bytes.
  if (encrypted.byteLength < k + 16) throw new CryptoAuthError('encrypted key material is too short');
  let aesKey: Buffer;
  try {
    aesKey = privateDecrypt(oaep, encrypted.subarray(0, k));
  } catch {
    throw new CryptoAuthError('encrypted key material did not decrypt');
  }
  try {
    if (aesKey.length !== AES_KEY_BYTES) throw new CryptoAuthError('the ephemeral wrapping key must be an AES-256 key');
    return aesKeyUnwrapPad(aesKey, encrypted.subarray(k));
  } finally {
    aesKey.fill(0);
  }
}

/** What a client does before ImportKeyMaterial: wraps material under the wrapping public key (SPKI). */
export function wrapKeyMaterial(wrappingPublicKey: PublicKeyInput, algorithm: WrappingAlgorithm, material: Uint8Array): Buffer {
  const oaepHash = oaepHashOf(algorithm);
  const key = toPublicKey(wrappingPublicKey);
  const oaep = { key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash };
  if (algorithm === 'RSAES_OAEP_SHA_1' || algorithm === 'RSAES_OAEP_SHA_256') {
    try {
      return publicEncrypt(oaep, material);
    } catch {
      throw new CryptoInputError('PLAINTEXT_TOO_LARGE', `key material is too large to wrap directly with ${algorithm}`);
    }
  }
  const aesKey = randomBytes(AES_KEY_BYTES);
  try {
    return Buffer.concat([publicEncrypt(oaep, aesKey), aesKeyWrapPad(aesKey, material)]);
  } finally {
    aesKey.fill(0);
  }
}

const SELF_TEST_MESSAGE = Buffer.from('logseal key material self-test', 'ascii');

/**
 * Checks unwrapped material fits the KMS key's spec: 32 bytes for SYMMETRIC_DEFAULT, the accepted length range for
 * HMAC specs, and for asymmetric specs a PKCS#8 DER private key of the right algorithm, size or curve whose halves
 * belong together. Throws CryptoInputError('INVALID_KEY_MATERIAL').
 */
export function validateImportedKeyMaterial(keySpec: KeySpec, material: Uint8Array): void {
  const bad = (why: string): never => {
    throw new CryptoInputError('INVALID_KEY_MATERIAL', `key material does not match key spec ${keySpec}: ${why}`);
  };
  if (keySpec === 'SYMMETRIC_DEFAULT') {
    if (material.byteLength !== SYMMETRIC_KEY_BYTES) bad(`expected ${SYMMETRIC_KEY_BYTES} bytes`);
    return;
  }
  if (isHmacKeySpec(keySpec)) {
    const { min, max } = HMAC_IMPORT_BYTES[keySpec];
    if (material.byteLength < min || material.byteLength > max) bad(`expected ${min} to ${max} bytes`);
    return;
  }
  if (!isAsymmetricKeySpec(keySpec)) throw new CryptoInputError('UNSUPPORTED_KEY_SPEC', `key spec ${String(keySpec)} is not supported`);
  let key;
  try {
    key = toPrivateKey(material);
  } catch {
    return bad('not a PKCS#8 DER private key');
  }
  if (keySpecOf(key) !== keySpec) bad('wrong key type, size or curve');
  // A private key whose public half does not belong to it would sign unverifiable signatures.
  const pub = createPublicKey(key);
  const hash = 'sha256';
  try {
    const sig = nodeSign(hash, SELF_TEST_MESSAGE, key);
    if (!nodeVerify(hash, SELF_TEST_MESSAGE, pub, sig)) bad('inconsistent key pair');
  } catch (e) {
    if (e instanceof CryptoInputError) throw e;
    bad('unusable private key');
  }
}

/** RSA private keys are too large for direct RSA-OAEP wrapping: KMS requires an RSA_AES_KEY_WRAP algorithm for them. */
export function checkWrappingAlgorithmForKeySpec(keySpec: KeySpec, algorithm: WrappingAlgorithm): void {
  oaepHashOf(algorithm);
  if (isRsaKeySpec(keySpec) && (algorithm === 'RSAES_OAEP_SHA_1' || algorithm === 'RSAES_OAEP_SHA_256')) {
    throw new CryptoInputError('INCOMPATIBLE_ALGORITHM', `wrapping algorithm ${algorithm} cannot wrap ${keySpec} key material`);
  }
}
