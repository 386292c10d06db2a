/** Key pairs shared by the tests of one file (RSA generation is slow, so each spec is generated at most once). */
import { generateKeyPairDer, type KeyPairDer } from '../../../src/kms/crypto/keys.js';
import type { AsymmetricKeySpec } from '../../../src/kms/crypto/specs.js';

const cache = new Map<AsymmetricKeySpec, KeyPairDer>();

export function keyPair(spec: AsymmetricKeySpec): KeyPairDer {
  let pair = cache.get(spec);
  if (!pair) {
    pair = generateKeyPairDer(spec);
    cache.set(spec, pair);
  }
  return pair;
}

export const ACCOUNT = '111122223333';
export const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';
export const MRK_ID = 'mrk-1234abcd12ab34cd56ef1234567890ab';
