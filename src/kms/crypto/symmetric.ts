/**
 * Symmetric ciphertext blobs (Encrypt / Decrypt / GenerateDataKey / ReEncrypt). Format version 1, described in
 * docs/decisions/0004-kms-ciphertext-format.md:
 *
 *   u8 version(=1) | u8 keyIdKind | 16 keyId | u8 A | A accountId | u8 M | M materialId   ← header (AAD)
 *   16 salt | 12 iv | n ciphertext | 16 tag
 *
 * AES-256-GCM under a per-message key derived from the key material and the random salt, with the header and the
 * canonical encryption context as additional authenticated data.
 */
import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto';
import { canonicalEncryptionContext, type EncryptionContext } from './context.js';
import { CryptoAuthError, CryptoFormatError, CryptoInputError } from './errors.js';
import { fillRandom } from './randomPool.js';
import { SYMMETRIC_KEY_BYTES } from './specs.js';

export const CIPHERTEXT_FORMAT_VERSION = 1;

const KIND_UUID = 1;
const KIND_MRK = 2;
const SALT_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** version + kind + keyId + account length byte + material length byte. */
const FIXED_HEADER_BYTES = 1 + 1 + 16 + 1 + 1;
const MAX_ID_CHARS = 64;
/** Smallest possible blob: 1-char account and material ids, empty plaintext. */
export const MIN_CIPHERTEXT_BYTES = FIXED_HEADER_BYTES + 2 + SALT_BYTES + IV_BYTES + TAG_BYTES;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MRK_RE = /^mrk-[0-9a-f]{32}$/;
const ID_RE = /^[\x21-\x7e]{1,64}$/;
/** SP 800-108 KDF label; changing it changes every derived key. */
const KDF_LABEL = Buffer.from('logseal/kms/symmetric/v1', 'ascii');

export interface SymmetricKey {
  accountId: string;
  /** A key id: a lowercase UUID or a multi-Region id (`mrk-` and 32 lowercase hex digits). */
  keyId: string;
  /** Caller-chosen id of the key material version (1–64 visible ASCII characters). */
  materialId: string;
  /** 32 bytes of AES-256 key material. */
  material: Uint8Array;
}

export interface CiphertextHeader {
  accountId: string;
  keyId: string;
  materialId: string;
}

function checkMaterial(material: Uint8Array): void {
  if (material.byteLength !== SYMMETRIC_KEY_BYTES) {
    throw new CryptoInputError('INVALID_KEY_MATERIAL', `symmetric key material must be ${SYMMETRIC_KEY_BYTES} bytes`);
  }
}

/**
 * Per-message key: SP 800-108 counter-mode KDF with HMAC-SHA256, one block. Deriving a fresh key per blob keeps
 * random 96-bit GCM IVs far from their collision bound however many messages one key encrypts (the hot path does
 * tens of thousands a second), which is also how KMS itself uses its keys.
 */
function deriveMessageKey(material: Uint8Array, salt: Uint8Array): Buffer {
  const h = createHmac('sha256', material);
  h.update(COUNTER_1);
  h.update(KDF_LABEL);
  h.update(ZERO_BYTE);
  h.update(salt);
  h.update(OUT_BITS_256);
  return h.digest();
}
const COUNTER_1 = Buffer.from([0, 0, 0, 1]);
const ZERO_BYTE = Buffer.from([0]);
const OUT_BITS_256 = Buffer.from([0, 0, 1, 0]);

/**
 * Encoded headers by identity. A hot key encrypts with the same (account, key, material) over and over; caching
 * skips re-validating and re-encoding the ids on every call. Bounded: cleared when full.
 */
const headerCache = new Map<string, Buffer>();
const HEADER_CACHE_MAX = 4096;

function headerFor(key: CiphertextHeader): Buffer {
  const id = `${key.accountId}\n${key.keyId}\n${key.materialId}`;
  let header = headerCache.get(id);
  if (header === undefined) {
    header = encodeHeader(key);
    if (headerCache.size >= HEADER_CACHE_MAX) headerCache.clear();
    headerCache.set(id, header);
  }
  return header;
}

function encodeHeader(key: CiphertextHeader): Buffer {
  let kind: number;
  let hex: string;
  if (UUID_RE.test(key.keyId)) {
    kind = KIND_UUID;
    hex = key.keyId.replace(/-/g, '');
  } else if (MRK_RE.test(key.keyId)) {
    kind = KIND_MRK;
    hex = key.keyId.slice(4);
  } else {
    throw new CryptoInputError('INVALID_KEY_ID', 'key id must be a lowercase UUID or an mrk- multi-Region key id');
  }
  if (typeof key.accountId !== 'string' || !ID_RE.test(key.accountId)) {
    throw new CryptoInputError('INVALID_ACCOUNT_ID', 'account id must be 1 to 64 visible ASCII characters');
  }
  if (typeof key.materialId !== 'string' || !ID_RE.test(key.materialId)) {
    throw new CryptoInputError('INVALID_MATERIAL_ID', 'material id must be 1 to 64 visible ASCII characters');
  }
  const a = key.accountId.length;
  const m = key.materialId.length;
  const header = Buffer.allocUnsafe(FIXED_HEADER_BYTES + a + m);
  header[0] = CIPHERTEXT_FORMAT_VERSION;
  header[1] = kind;
  header.write(hex, 2, 16, 'hex');
  header[18] = a;
  header.write(key.accountId, 19, a, 'latin1');
  header[19 + a] = m;
  header.write(key.materialId, 20 + a, m, 'latin1');
  return header;
}

function formatKeyId(kind: number, id: Uint8Array): string {
  const hex = Buffer.from(id.buffer, id.byteOffset, id.byteLength).toString('hex');
  if (kind === KIND_MRK) return `mrk-${hex}`;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function readId(blob: Uint8Array, at: number, len: number, what: string): string {
  if (len < 1 || len > MAX_ID_CHARS) throw new CryptoFormatError('BAD_FIELD', `ciphertext ${what} length is invalid`);
  const s = Buffer.from(blob.buffer, blob.byteOffset + at, len).toString('latin1');
  if (!ID_RE.test(s)) throw new CryptoFormatError('BAD_FIELD', `ciphertext ${what} is malformed`);
  return s;
}

/**
 * Where the header ends, checking only the structure. Decrypt needs nothing more: a header altered in any way fails
 * authentication, so decoding the ids there would be wasted work.
 */
function headerEnd(blob: Uint8Array): number {
  if (!(blob instanceof Uint8Array)) throw new CryptoFormatError('BAD_FIELD', 'ciphertext must be bytes');
  if (blob.byteLength < 1) throw new CryptoFormatError('TRUNCATED', 'ciphertext is empty');
  if (blob[0] !== CIPHERTEXT_FORMAT_VERSION) throw new CryptoFormatError('UNKNOWN_VERSION', 'ciphertext format version is not recognised');
  if (blob.byteLength < MIN_CIPHERTEXT_BYTES) throw new CryptoFormatError('TRUNCATED', 'ciphertext is too short');
  const kind = blob[1];
  if (kind !== KIND_UUID && kind !== KIND_MRK) throw new CryptoFormatError('UNKNOWN_KEY_ID_KIND', 'ciphertext key id kind is not recognised');
  const a = blob[18]!;
  if (a < 1 || a > MAX_ID_CHARS) throw new CryptoFormatError('BAD_FIELD', 'ciphertext account id length is invalid');
  if (19 + a + 1 > blob.byteLength) throw new CryptoFormatError('TRUNCATED', 'ciphertext is too short');
  const m = blob[19 + a]!;
  if (m < 1 || m > MAX_ID_CHARS) throw new CryptoFormatError('BAD_FIELD', 'ciphertext material id length is invalid');
  const end = 20 + a + m;
  if (end + SALT_BYTES + IV_BYTES + TAG_BYTES > blob.byteLength) throw new CryptoFormatError('TRUNCATED', 'ciphertext is too short');
  return end;
}

/**
 * Reads who encrypted a blob (account, key id, material version) without decrypting it, so Decrypt can find the
 * key. The header is only trustworthy once decryptSymmetric has authenticated the blob. Throws CryptoFormatError.
 */
export function parseCiphertextHeader(blob: Uint8Array): CiphertextHeader {
  headerEnd(blob);
  const a = blob[18]!;
  return {
    accountId: readId(blob, 19, a, 'account id'),
    keyId: formatKeyId(blob[1]!, blob.subarray(2, 18)),
    materialId: readId(blob, 20 + a, blob[19 + a]!, 'material id'),
  };
}

/** Encrypts plaintext into a self-describing blob bound to the key identity and the encryption context. */
export function encryptSymmetric(key: SymmetricKey, plaintext: Uint8Array, context?: EncryptionContext): Buffer {
  checkMaterial(key.material);
  const header = headerFor(key);
  const aadContext = canonicalEncryptionContext(context);
  const h = header.length;
  const out = Buffer.allocUnsafe(h + SALT_BYTES + IV_BYTES + plaintext.byteLength + TAG_BYTES);
  header.copy(out, 0);
  fillRandom(out, h, SALT_BYTES + IV_BYTES);
  const dk = deriveMessageKey(key.material, out.subarray(h, h + SALT_BYTES));
  const cipher = createCipheriv('aes-256-gcm', dk, out.subarray(h + SALT_BYTES, h + SALT_BYTES + IV_BYTES), {
    authTagLength: TAG_BYTES,
  });
  dk.fill(0);
  cipher.setAAD(header);
  cipher.setAAD(aadContext);
  const body = cipher.update(plaintext);
  body.copy(out, h + SALT_BYTES + IV_BYTES);
  cipher.final();
  cipher.getAuthTag().copy(out, out.length - TAG_BYTES);
  return out;
}

/**
 * Decrypts a blob made by encryptSymmetric with the material its header names. Throws CryptoFormatError for a
 * malformed blob and CryptoAuthError when the blob was altered, the material is not the one that encrypted it, or
 * the encryption context differs.
 */
export function decryptSymmetric(material: Uint8Array, blob: Uint8Array, context?: EncryptionContext): Buffer {
  checkMaterial(material);
  const h = headerEnd(blob);
  const aadContext = canonicalEncryptionContext(context);
  const ivAt = h + SALT_BYTES;
  const bodyAt = ivAt + IV_BYTES;
  const tagAt = blob.byteLength - TAG_BYTES;
  const dk = deriveMessageKey(material, blob.subarray(h, ivAt));
  const decipher = createDecipheriv('aes-256-gcm', dk, blob.subarray(ivAt, bodyAt), { authTagLength: TAG_BYTES });
  dk.fill(0);
  decipher.setAAD(blob.subarray(0, h));
  decipher.setAAD(aadContext);
  decipher.setAuthTag(blob.subarray(tagAt));
  const plaintext = decipher.update(blob.subarray(bodyAt, tagAt));
  try {
    decipher.final();
  } catch {
    plaintext.fill(0);
    throw new CryptoAuthError();
  }
  return plaintext;
}
