/**
 * Key specs, key usages and algorithms as KMS reports them (DescribeKey / GetPublicKey), plus the
 * per-algorithm parameters the operations need. List order follows what DescribeKey returns.
 */
import { CryptoInputError } from './errors.js';

export const SUPPORTED_KEY_SPECS = [
  'SYMMETRIC_DEFAULT',
  'RSA_2048',
  'RSA_3072',
  'RSA_4096',
  'ECC_NIST_P256',
  'ECC_NIST_P384',
  'ECC_NIST_P521',
  'ECC_SECG_P256K1',
  'HMAC_224',
  'HMAC_256',
  'HMAC_384',
  'HMAC_512',
] as const;
export type KeySpec = (typeof SUPPORTED_KEY_SPECS)[number];

export type RsaKeySpec = 'RSA_2048' | 'RSA_3072' | 'RSA_4096';
export type EccKeySpec = 'ECC_NIST_P256' | 'ECC_NIST_P384' | 'ECC_NIST_P521' | 'ECC_SECG_P256K1';
export type AsymmetricKeySpec = RsaKeySpec | EccKeySpec;
export type HmacKeySpec = 'HMAC_224' | 'HMAC_256' | 'HMAC_384' | 'HMAC_512';
/** GenerateDataKeyPair specs this service supports (SM2 and Ed25519 are not). */
export type DataKeyPairSpec = AsymmetricKeySpec;

export type KeyUsage = 'ENCRYPT_DECRYPT' | 'SIGN_VERIFY' | 'GENERATE_VERIFY_MAC' | 'KEY_AGREEMENT';
export type EncryptionAlgorithm = 'SYMMETRIC_DEFAULT' | 'RSAES_OAEP_SHA_1' | 'RSAES_OAEP_SHA_256';
export type SigningAlgorithm =
  | 'RSASSA_PSS_SHA_256'
  | 'RSASSA_PSS_SHA_384'
  | 'RSASSA_PSS_SHA_512'
  | 'RSASSA_PKCS1_V1_5_SHA_256'
  | 'RSASSA_PKCS1_V1_5_SHA_384'
  | 'RSASSA_PKCS1_V1_5_SHA_512'
  | 'ECDSA_SHA_256'
  | 'ECDSA_SHA_384'
  | 'ECDSA_SHA_512';
export type MacAlgorithm = 'HMAC_SHA_224' | 'HMAC_SHA_256' | 'HMAC_SHA_384' | 'HMAC_SHA_512';
export type KeyAgreementAlgorithm = 'ECDH';
export type MessageType = 'RAW' | 'DIGEST';
export type WrappingKeySpec = RsaKeySpec;
/** Every AlgorithmSpec value of the model; only some are accepted (see WRAPPING_ALGORITHMS). */
export type WrappingAlgorithm =
  | 'RSAES_PKCS1_V1_5'
  | 'RSAES_OAEP_SHA_1'
  | 'RSAES_OAEP_SHA_256'
  | 'RSA_AES_KEY_WRAP_SHA_1'
  | 'RSA_AES_KEY_WRAP_SHA_256'
  | 'SM2PKE';
/** Wrapping algorithms this service accepts. KMS stopped accepting RSAES_PKCS1_V1_5 in October 2023. */
export const WRAPPING_ALGORITHMS = [
  'RSAES_OAEP_SHA_1',
  'RSAES_OAEP_SHA_256',
  'RSA_AES_KEY_WRAP_SHA_1',
  'RSA_AES_KEY_WRAP_SHA_256',
] as const;
export type SupportedWrappingAlgorithm = (typeof WRAPPING_ALGORITHMS)[number];

export type HashName = 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';

const RSA_BITS: Record<RsaKeySpec, number> = { RSA_2048: 2048, RSA_3072: 3072, RSA_4096: 4096 };
/** OpenSSL curve names, as node:crypto reports `namedCurve`. */
export const ECC_CURVES: Record<EccKeySpec, string> = {
  ECC_NIST_P256: 'prime256v1',
  ECC_NIST_P384: 'secp384r1',
  ECC_NIST_P521: 'secp521r1',
  ECC_SECG_P256K1: 'secp256k1',
};
/** Generated HMAC key length in bytes: the key spec names it in bits. */
export const HMAC_KEY_BYTES: Record<HmacKeySpec, number> = { HMAC_224: 28, HMAC_256: 32, HMAC_384: 48, HMAC_512: 64 };
/**
 * Accepted lengths of imported HMAC key material, in bytes: at least the digest size, at most the hash
 * block size (KMS's import requirements).
 */
export const HMAC_IMPORT_BYTES: Record<HmacKeySpec, { min: number; max: number }> = {
  HMAC_224: { min: 28, max: 64 },
  HMAC_256: { min: 32, max: 64 },
  HMAC_384: { min: 48, max: 128 },
  HMAC_512: { min: 64, max: 128 },
};
export const SYMMETRIC_KEY_BYTES = 32;

const RSA_SIGNING: readonly SigningAlgorithm[] = [
  'RSASSA_PKCS1_V1_5_SHA_256',
  'RSASSA_PKCS1_V1_5_SHA_384',
  'RSASSA_PKCS1_V1_5_SHA_512',
  'RSASSA_PSS_SHA_256',
  'RSASSA_PSS_SHA_384',
  'RSASSA_PSS_SHA_512',
];
const RSA_ENCRYPTION: readonly EncryptionAlgorithm[] = ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'];
const ECC_SIGNING: Record<EccKeySpec, SigningAlgorithm> = {
  ECC_NIST_P256: 'ECDSA_SHA_256',
  ECC_NIST_P384: 'ECDSA_SHA_384',
  ECC_NIST_P521: 'ECDSA_SHA_512',
  ECC_SECG_P256K1: 'ECDSA_SHA_256',
};
const HMAC_ALGORITHM: Record<HmacKeySpec, MacAlgorithm> = {
  HMAC_224: 'HMAC_SHA_224',
  HMAC_256: 'HMAC_SHA_256',
  HMAC_384: 'HMAC_SHA_384',
  HMAC_512: 'HMAC_SHA_512',
};

export const SIGNING_HASH: Record<SigningAlgorithm, HashName> = {
  RSASSA_PSS_SHA_256: 'sha256',
  RSASSA_PSS_SHA_384: 'sha384',
  RSASSA_PSS_SHA_512: 'sha512',
  RSASSA_PKCS1_V1_5_SHA_256: 'sha256',
  RSASSA_PKCS1_V1_5_SHA_384: 'sha384',
  RSASSA_PKCS1_V1_5_SHA_512: 'sha512',
  ECDSA_SHA_256: 'sha256',
  ECDSA_SHA_384: 'sha384',
  ECDSA_SHA_512: 'sha512',
};
export const MAC_HASH: Record<MacAlgorithm, HashName> = {
  HMAC_SHA_224: 'sha224',
  HMAC_SHA_256: 'sha256',
  HMAC_SHA_384: 'sha384',
  HMAC_SHA_512: 'sha512',
};
export const HASH_BYTES: Record<HashName, number> = { sha1: 20, sha224: 28, sha256: 32, sha384: 48, sha512: 64 };

export function isKeySpec(s: string): s is KeySpec {
  return (SUPPORTED_KEY_SPECS as readonly string[]).includes(s);
}
export function isRsaKeySpec(s: string): s is RsaKeySpec {
  return s in RSA_BITS;
}
export function isEccKeySpec(s: string): s is EccKeySpec {
  return s in ECC_CURVES;
}
export function isHmacKeySpec(s: string): s is HmacKeySpec {
  return s in HMAC_KEY_BYTES;
}
export function isAsymmetricKeySpec(s: string): s is AsymmetricKeySpec {
  return isRsaKeySpec(s) || isEccKeySpec(s);
}
export function isSigningAlgorithm(s: string): s is SigningAlgorithm {
  return s in SIGNING_HASH;
}
export function isMacAlgorithm(s: string): s is MacAlgorithm {
  return s in MAC_HASH;
}
export function isSupportedWrappingAlgorithm(s: string): s is SupportedWrappingAlgorithm {
  return (WRAPPING_ALGORITHMS as readonly string[]).includes(s);
}

export function rsaModulusBits(spec: RsaKeySpec): number {
  return RSA_BITS[spec];
}

/** The key usages CreateKey accepts for a key spec; the first is KMS's default where it has one. */
export function keyUsagesFor(spec: KeySpec): readonly KeyUsage[] {
  if (spec === 'SYMMETRIC_DEFAULT') return ['ENCRYPT_DECRYPT'];
  if (isRsaKeySpec(spec)) return ['ENCRYPT_DECRYPT', 'SIGN_VERIFY'];
  if (spec === 'ECC_SECG_P256K1') return ['SIGN_VERIFY'];
  if (isEccKeySpec(spec)) return ['SIGN_VERIFY', 'KEY_AGREEMENT'];
  return ['GENERATE_VERIFY_MAC'];
}

/** The algorithm lists DescribeKey reports for a key; members absent when KMS omits them. */
export interface KeyAlgorithms {
  EncryptionAlgorithms?: EncryptionAlgorithm[];
  SigningAlgorithms?: SigningAlgorithm[];
  MacAlgorithms?: MacAlgorithm[];
  KeyAgreementAlgorithms?: KeyAgreementAlgorithm[];
}

/** DescribeKey's algorithm lists for a spec and usage. Throws CryptoInputError if the usage is not valid for the spec. */
export function algorithmsFor(spec: KeySpec, usage: KeyUsage): KeyAlgorithms {
  if (!keyUsagesFor(spec).includes(usage)) {
    throw new CryptoInputError('INCOMPATIBLE_ALGORITHM', `key usage ${usage} is not valid for key spec ${spec}`);
  }
  if (spec === 'SYMMETRIC_DEFAULT') return { EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'] };
  if (isRsaKeySpec(spec)) {
    return usage === 'ENCRYPT_DECRYPT' ? { EncryptionAlgorithms: [...RSA_ENCRYPTION] } : { SigningAlgorithms: [...RSA_SIGNING] };
  }
  if (isEccKeySpec(spec)) {
    return usage === 'KEY_AGREEMENT' ? { KeyAgreementAlgorithms: ['ECDH'] } : { SigningAlgorithms: [ECC_SIGNING[spec]] };
  }
  return { MacAlgorithms: [HMAC_ALGORITHM[spec]] };
}

/** Largest plaintext, in bytes, RSA-OAEP can encrypt under this key spec: k - 2*hLen - 2. */
export function rsaMaxPlaintextBytes(spec: RsaKeySpec, algorithm: 'RSAES_OAEP_SHA_1' | 'RSAES_OAEP_SHA_256'): number {
  const hLen = algorithm === 'RSAES_OAEP_SHA_1' ? 20 : 32;
  return RSA_BITS[spec] / 8 - 2 * hLen - 2;
}

/** Digest length a DIGEST-type Sign/Verify message must have for this algorithm. */
export function digestLengthFor(algorithm: SigningAlgorithm): number {
  return HASH_BYTES[SIGNING_HASH[algorithm]];
}

export function signingAlgorithmsFor(spec: AsymmetricKeySpec): readonly SigningAlgorithm[] {
  return isRsaKeySpec(spec) ? RSA_SIGNING : [ECC_SIGNING[spec]];
}

export function macAlgorithmFor(spec: HmacKeySpec): MacAlgorithm {
  return HMAC_ALGORITHM[spec];
}
