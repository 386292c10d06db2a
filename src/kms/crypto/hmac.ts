/** GenerateMac / VerifyMac (RFC 2104 HMAC with SHA-2). */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { CryptoInputError } from './errors.js';
import { isHmacKeySpec, isMacAlgorithm, MAC_HASH, macAlgorithmFor, type KeySpec, type MacAlgorithm } from './specs.js';

function checkAlgorithm(keySpec: KeySpec, algorithm: MacAlgorithm): void {
  if (!isMacAlgorithm(algorithm)) throw new CryptoInputError('UNSUPPORTED_ALGORITHM', `MAC algorithm ${String(algorithm)} is not supported`);
  if (!isHmacKeySpec(keySpec) || macAlgorithmFor(keySpec) !== algorithm) {
    throw new CryptoInputError('INCOMPATIBLE_ALGORITHM', `MAC algorithm ${algorithm} is not valid for key spec ${keySpec}`);
  }
}

/** The HMAC tag of a message. Throws CryptoInputError when the algorithm does not match the key spec. */
export function generateMac(keySpec: KeySpec, material: Uint8Array, algorithm: MacAlgorithm, message: Uint8Array): Buffer {
  checkAlgorithm(keySpec, algorithm);
  return createHmac(MAC_HASH[algorithm], material).update(message).digest();
}

/** True when `mac` is the message's HMAC tag; compared in constant time. */
export function verifyMac(keySpec: KeySpec, material: Uint8Array, algorithm: MacAlgorithm, message: Uint8Array, mac: Uint8Array): boolean {
  const expected = generateMac(keySpec, material, algorithm, message);
  // The tag length is public (fixed per algorithm), so an early return on length leaks nothing.
  return mac.byteLength === expected.length && timingSafeEqual(expected, mac);
}
