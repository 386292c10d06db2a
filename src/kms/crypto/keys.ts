/**
 * Key material generation and parsing. Symmetric and HMAC material is raw random bytes; asymmetric material is the
 * private key as PKCS#8 DER, public keys are SubjectPublicKeyInfo DER (what GetPublicKey returns).
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject, randomBytes } from 'node:crypto';
import { CryptoInputError } from './errors.js';
import { keyGenPool } from './keyGenPool.js';
import {
  ECC_CURVES,
  HMAC_KEY_BYTES,
  isEccKeySpec,
  isHmacKeySpec,
  isKeySpec,
  isRsaKeySpec,
  rsaModulusBits,
  SYMMETRIC_KEY_BYTES,
  type AsymmetricKeySpec,
  type KeySpec,
} from './specs.js';

/** A private key as stored (PKCS#8 DER) or already parsed, so hot callers can cache the parsed form. */
export type PrivateKeyInput = Uint8Array | KeyObject;
/** A public key as SPKI DER or already parsed. */
export type PublicKeyInput = Uint8Array | KeyObject;

export interface KeyPairDer {
  /** PKCS#8 DER. */
  privateKeyDer: Buffer;
  /** SubjectPublicKeyInfo DER. */
  publicKeyDer: Buffer;
}

function keyGenOptions(spec: AsymmetricKeySpec): { type: 'rsa' | 'ec'; options: Record<string, unknown> } {
  const encoding = {
    publicKeyEncoding: { type: 'spki', format: 'der' },
    privateKeyEncoding: { type: 'pkcs8', format: 'der' },
  };
  if (isRsaKeySpec(spec)) return { type: 'rsa', options: { modulusLength: rsaModulusBits(spec), publicExponent: 65537, ...encoding } };
  return { type: 'ec', options: { namedCurve: ECC_CURVES[spec], ...encoding } };
}

function assertAsymmetric(spec: string): asserts spec is AsymmetricKeySpec {
  if (!isRsaKeySpec(spec) && !isEccKeySpec(spec)) {
    throw new CryptoInputError('UNSUPPORTED_KEY_SPEC', `key spec ${spec} is not an asymmetric key spec this service supports`);
  }
}

/** A fresh key pair (RSA keys of 3072/4096 bits take a while: prefer the async form off the test path). */
export function generateKeyPairDer(spec: AsymmetricKeySpec): KeyPairDer {
  assertAsymmetric(spec);
  const { type, options } = keyGenOptions(spec);
  // The overloads of generateKeyPairSync are keyed on literal types; the options object is built above.
  const pair = (generateKeyPairSync as (t: string, o: unknown) => { publicKey: Buffer; privateKey: Buffer })(type, options);
  return { privateKeyDer: pair.privateKey, publicKeyDer: pair.publicKey };
}

/**
 * Same as generateKeyPairDer without blocking the event loop or libuv's thread pool: the pair is generated on the
 * key generation workers (keyGenPool.ts). Rejects with KeyGenBusyError when they are saturated.
 */
export async function generateKeyPairDerAsync(spec: AsymmetricKeySpec): Promise<KeyPairDer> {
  assertAsymmetric(spec);
  const { type, options } = keyGenOptions(spec);
  const pair = await keyGenPool().generate({ type, options });
  return { privateKeyDer: pair.privateKey, publicKeyDer: pair.publicKey };
}

/**
 * New key material for a key spec: 32 random bytes for SYMMETRIC_DEFAULT, spec-length random bytes for HMAC
 * (HMAC_224 → 28 bytes ...), a PKCS#8 DER private key for RSA and ECC specs.
 */
export function generateKeyMaterial(spec: KeySpec): Buffer {
  if (spec === 'SYMMETRIC_DEFAULT') return randomBytes(SYMMETRIC_KEY_BYTES);
  if (isHmacKeySpec(spec)) return randomBytes(HMAC_KEY_BYTES[spec]);
  if (!isKeySpec(spec)) throw new CryptoInputError('UNSUPPORTED_KEY_SPEC', `key spec ${String(spec)} is not supported`);
  return generateKeyPairDer(spec).privateKeyDer;
}

/** Async form of generateKeyMaterial, for the server path. */
export async function generateKeyMaterialAsync(spec: KeySpec): Promise<Buffer> {
  if (spec === 'SYMMETRIC_DEFAULT' || isHmacKeySpec(spec)) return generateKeyMaterial(spec);
  if (!isKeySpec(spec)) throw new CryptoInputError('UNSUPPORTED_KEY_SPEC', `key spec ${String(spec)} is not supported`);
  return (await generateKeyPairDerAsync(spec)).privateKeyDer;
}

/** A data key pair for GenerateDataKeyPair. */
export function generateDataKeyPair(spec: AsymmetricKeySpec): KeyPairDer {
  return generateKeyPairDer(spec);
}

/** Async form of generateDataKeyPair. */
export function generateDataKeyPairAsync(spec: AsymmetricKeySpec): Promise<KeyPairDer> {
  return generateKeyPairDerAsync(spec);
}

/** Parses a PKCS#8 DER private key (or passes a parsed one through). Throws CryptoInputError on anything else. */
export function toPrivateKey(key: PrivateKeyInput): KeyObject {
  if (key instanceof KeyObject) {
    if (key.type !== 'private') throw new CryptoInputError('INVALID_KEY_MATERIAL', 'expected a private key');
    return key;
  }
  try {
    return createPrivateKey({ key: Buffer.from(key.buffer, key.byteOffset, key.byteLength), format: 'der', type: 'pkcs8' });
  } catch {
    throw new CryptoInputError('INVALID_KEY_MATERIAL', 'key material is not a PKCS#8 DER private key');
  }
}

/** Parses an SPKI DER public key (or passes a parsed one through; a private key yields its public half). */
export function toPublicKey(key: PublicKeyInput): KeyObject {
  if (key instanceof KeyObject) {
    if (key.type === 'secret') throw new CryptoInputError('INVALID_PUBLIC_KEY', 'expected a public key');
    return key.type === 'private' ? createPublicKey(key) : key;
  }
  try {
    return createPublicKey({ key: Buffer.from(key.buffer, key.byteOffset, key.byteLength), format: 'der', type: 'spki' });
  } catch {
    throw new CryptoInputError('INVALID_PUBLIC_KEY', 'public key is not a DER SubjectPublicKeyInfo');
  }
}

/** GetPublicKey: the SubjectPublicKeyInfo DER of a PKCS#8 private key. */
export function getPublicKey(privateKey: PrivateKeyInput): Buffer {
  return createPublicKey(toPrivateKey(privateKey)).export({ type: 'spki', format: 'der' });
}

/** The key spec a parsed key corresponds to, or undefined if it matches none this service supports. */
export function keySpecOf(key: KeyObject): AsymmetricKeySpec | undefined {
  const d = key.asymmetricKeyDetails;
  if (key.asymmetricKeyType === 'rsa') {
    const bits = d?.modulusLength;
    if (bits === 2048) return 'RSA_2048';
    if (bits === 3072) return 'RSA_3072';
    if (bits === 4096) return 'RSA_4096';
    return undefined;
  }
  if (key.asymmetricKeyType === 'ec') {
    for (const [spec, curve] of Object.entries(ECC_CURVES)) if (d?.namedCurve === curve) return spec as AsymmetricKeySpec;
  }
  return undefined;
}
