/**
 * RSA signatures over a caller-supplied digest (Sign/Verify with MessageType DIGEST).
 *
 * node:crypto.sign always hashes its input, so the encodings are built here (RFC 8017 §9.2 EMSA-PKCS1-v1_5 and
 * §9.1 EMSA-PSS) and only the raw RSA private/public operation is left to OpenSSL (privateEncrypt/publicDecrypt).
 * The encodings touch only public values (digest, salt); the private-key operation stays in OpenSSL.
 */
import { constants, createHash, privateEncrypt, publicDecrypt, randomBytes, timingSafeEqual, type KeyObject } from 'node:crypto';
import { HASH_BYTES, type HashName } from './specs.js';

/** DER DigestInfo prefixes (AlgorithmIdentifier with NULL parameters, then the OCTET STRING header). */
const DIGEST_INFO_PREFIX: Partial<Record<HashName, Buffer>> = {
  sha256: Buffer.from('3031300d060960864801650304020105000420', 'hex'),
  sha384: Buffer.from('3041300d060960864801650304020205000430', 'hex'),
  sha512: Buffer.from('3051300d060960864801650304020305000440', 'hex'),
};

function digestInfo(hash: HashName, digest: Uint8Array): Buffer {
  return Buffer.concat([DIGEST_INFO_PREFIX[hash]!, digest]);
}

function modulusBits(key: KeyObject): number {
  return key.asymmetricKeyDetails!.modulusLength!;
}

export function pkcs1SignDigest(privateKey: KeyObject, hash: HashName, digest: Uint8Array): Buffer {
  // RSA_PKCS1_PADDING on privateEncrypt is the block-type-1 (signature) padding of RFC 8017 §9.2.
  return privateEncrypt({ key: privateKey, padding: constants.RSA_PKCS1_PADDING }, digestInfo(hash, digest));
}

export function pkcs1VerifyDigest(publicKey: KeyObject, hash: HashName, digest: Uint8Array, signature: Uint8Array): boolean {
  if (signature.byteLength !== Math.ceil(modulusBits(publicKey) / 8)) return false;
  let recovered: Buffer;
  try {
    recovered = publicDecrypt({ key: publicKey, padding: constants.RSA_PKCS1_PADDING }, signature);
  } catch {
    return false;
  }
  const expected = digestInfo(hash, digest);
  return recovered.length === expected.length && timingSafeEqual(recovered, expected);
}

function mgf1(hash: HashName, seed: Uint8Array, len: number): Buffer {
  const out = Buffer.alloc(len);
  const counter = Buffer.alloc(4);
  let off = 0;
  for (let i = 0; off < len; i++) {
    counter.writeUInt32BE(i, 0);
    const block = createHash(hash).update(seed).update(counter).digest();
    off += block.copy(out, off);
  }
  return out;
}

function pssHash(hash: HashName, mHash: Uint8Array, salt: Uint8Array): Buffer {
  return createHash(hash).update(Buffer.alloc(8)).update(mHash).update(salt).digest();
}

/** EMSA-PSS-ENCODE with MGF1 over the same hash and a salt as long as the digest (as KMS signs). */
export function pssSignDigest(privateKey: KeyObject, hash: HashName, mHash: Uint8Array): Buffer {
  const modBits = modulusBits(privateKey);
  const k = Math.ceil(modBits / 8);
  const emBits = modBits - 1;
  const emLen = Math.ceil(emBits / 8);
  const hLen = HASH_BYTES[hash];
  const sLen = hLen;
  const salt = randomBytes(sLen);
  const h = pssHash(hash, mHash, salt);
  const db = Buffer.alloc(emLen - hLen - 1);
  db[db.length - sLen - 1] = 0x01;
  salt.copy(db, db.length - sLen);
  const mask = mgf1(hash, h, db.length);
  for (let i = 0; i < db.length; i++) db[i]! ^= mask[i]!;
  db[0]! &= 0xff >>> (8 * emLen - emBits);
  // EM, left-padded to the modulus length for the raw private operation.
  const em = Buffer.alloc(k);
  db.copy(em, k - emLen);
  h.copy(em, k - emLen + db.length);
  em[k - 1] = 0xbc;
  return privateEncrypt({ key: privateKey, padding: constants.RSA_NO_PADDING }, em);
}

/** EMSA-PSS-VERIFY with MGF1 over the same hash and a digest-length salt. */
export function pssVerifyDigest(publicKey: KeyObject, hash: HashName, mHash: Uint8Array, signature: Uint8Array): boolean {
  const modBits = modulusBits(publicKey);
  const k = Math.ceil(modBits / 8);
  if (signature.byteLength !== k) return false;
  let raw: Buffer;
  try {
    raw = publicDecrypt({ key: publicKey, padding: constants.RSA_NO_PADDING }, signature);
  } catch {
    return false;
  }
  const emBits = modBits - 1;
  const emLen = Math.ceil(emBits / 8);
  const hLen = HASH_BYTES[hash];
  const sLen = hLen;
  if (raw.length !== k || emLen < hLen + sLen + 2) return false;
  for (let i = 0; i < k - emLen; i++) if (raw[i] !== 0) return false;
  const em = raw.subarray(k - emLen);
  if (em[emLen - 1] !== 0xbc) return false;
  const maskedDb = em.subarray(0, emLen - hLen - 1);
  const h = em.subarray(emLen - hLen - 1, emLen - 1);
  const topMask = 0xff >>> (8 * emLen - emBits);
  if ((maskedDb[0]! & ~topMask) !== 0) return false;
  const db = mgf1(hash, h, maskedDb.length);
  for (let i = 0; i < db.length; i++) db[i]! ^= maskedDb[i]!;
  db[0]! &= topMask;
  const psLen = emLen - hLen - sLen - 2;
  for (let i = 0; i < psLen; i++) if (db[i] !== 0) return false;
  if (db[psLen] !== 0x01) return false;
  const salt = db.subarray(db.length - sLen);
  return timingSafeEqual(pssHash(hash, mHash, salt), h);
}
