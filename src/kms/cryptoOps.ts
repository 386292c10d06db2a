import type { KmsOpTable } from './opTypes.js';
import { decrypt } from './ops/decrypt.js';
import { deriveSharedSecret } from './ops/deriveSharedSecret.js';
import { encrypt } from './ops/encrypt.js';
import { generateDataKey } from './ops/generateDataKey.js';
import { generateDataKeyPair } from './ops/generateDataKeyPair.js';
import { generateDataKeyPairWithoutPlaintext } from './ops/generateDataKeyPairWithoutPlaintext.js';
import { generateDataKeyWithoutPlaintext } from './ops/generateDataKeyWithoutPlaintext.js';
import { generateMac } from './ops/generateMac.js';
import { generateRandom } from './ops/generateRandom.js';
import { getPublicKey } from './ops/getPublicKey.js';
import { reEncrypt } from './ops/reEncrypt.js';
import { sign } from './ops/sign.js';
import { verify } from './ops/verify.js';
import { verifyMac } from './ops/verifyMac.js';

/**
 * Cryptographic operations. None of them changes stored state, so all run outside a store transaction (the hot
 * path, GenerateDataKey and Decrypt, then touches only in-memory caches).
 */
export const cryptoOps: KmsOpTable = {
  Encrypt: { run: encrypt, readOnly: true },
  Decrypt: { run: decrypt, readOnly: true },
  ReEncrypt: { run: reEncrypt, readOnly: true },
  GenerateDataKey: { run: generateDataKey, readOnly: true },
  GenerateDataKeyWithoutPlaintext: { run: generateDataKeyWithoutPlaintext, readOnly: true },
  GenerateDataKeyPair: { run: generateDataKeyPair, readOnly: true },
  GenerateDataKeyPairWithoutPlaintext: { run: generateDataKeyPairWithoutPlaintext, readOnly: true },
  Sign: { run: sign, readOnly: true },
  Verify: { run: verify, readOnly: true },
  GenerateMac: { run: generateMac, readOnly: true },
  VerifyMac: { run: verifyMac, readOnly: true },
  GetPublicKey: { run: getPublicKey, readOnly: true },
  GenerateRandom: { run: generateRandom, readOnly: true },
  DeriveSharedSecret: { run: deriveSharedSecret, readOnly: true },
};
