/**
 * Canonical, unambiguous byte form of an encryption context, bound into ciphertexts as additional authenticated
 * data. Pairs are sorted by the UTF-8 bytes of their keys, each field is length-prefixed, so no two different
 * contexts share an encoding and key order in the request does not matter. An absent context and `{}` encode the
 * same way.
 *
 *   u32be pairCount, then per pair: u32be keyLen, key (UTF-8), u32be valueLen, value (UTF-8)
 */
import { CryptoInputError } from './errors.js';

export type EncryptionContext = Readonly<Record<string, string>>;

const EMPTY = Buffer.alloc(4); // pairCount = 0

export function canonicalEncryptionContext(context?: EncryptionContext | null): Buffer {
  if (context === undefined || context === null) return EMPTY;
  if (typeof context !== 'object' || Array.isArray(context)) {
    throw new CryptoInputError('INVALID_ENCRYPTION_CONTEXT', 'encryption context must be a map of strings');
  }
  const keys = Object.keys(context);
  if (keys.length === 0) return EMPTY;

  const pairs: { k: Buffer; v: Buffer }[] = new Array(keys.length);
  let size = 4;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const value: unknown = context[key];
    if (typeof value !== 'string') {
      throw new CryptoInputError('INVALID_ENCRYPTION_CONTEXT', 'encryption context values must be strings');
    }
    const k = Buffer.from(key, 'utf8');
    const v = Buffer.from(value, 'utf8');
    pairs[i] = { k, v };
    size += 8 + k.length + v.length;
  }
  // Sort by UTF-8 bytes (not UTF-16 code units, which order astral characters differently).
  pairs.sort((a, b) => Buffer.compare(a.k, b.k));

  const out = Buffer.allocUnsafe(size);
  let o = out.writeUInt32BE(pairs.length, 0);
  for (const { k, v } of pairs) {
    o = out.writeUInt32BE(k.length, o);
    o += k.copy(out, o);
    o = out.writeUInt32BE(v.length, o);
    o += v.copy(out, o);
  }
  return out;
}
