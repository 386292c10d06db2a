import { randomBytes, randomInt } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** `prefix` followed by random base32 characters, the shape of AWS's access key and unique ids (AKIA…, AIDA…). */
export function awsStyleId(prefix: string, length = 20): string {
  const bytes = randomBytes(length - prefix.length);
  let s = prefix;
  for (const b of bytes) s += BASE32[b & 31];
  return s;
}

/** A 40-character secret access key. */
export function secretAccessKey(): string {
  const bytes = randomBytes(40);
  let s = '';
  for (const b of bytes) s += SECRET_ALPHABET[b & 63];
  return s;
}

/** A random 12-digit account id that is not the development account. */
export function accountId(): string {
  for (;;) {
    let s = String(randomInt(1, 10));
    for (let i = 0; i < 11; i++) s += String(randomInt(0, 10));
    if (s !== '000000000000') return s;
  }
}

/** A request id in AWS's form (a UUID). */
export function requestId(): string {
  return globalThis.crypto.randomUUID();
}
