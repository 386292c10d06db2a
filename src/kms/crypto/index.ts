/** The KMS cryptographic core: pure functions over key material held in memory (no storage, no HTTP). */
export * from './errors.js';
export * from './specs.js';
export { canonicalEncryptionContext, type EncryptionContext } from './context.js';
export {
  generateKeyMaterial,
  generateKeyMaterialAsync,
  generateDataKeyPair,
  generateDataKeyPairAsync,
  getPublicKey,
  toPrivateKey,
  toPublicKey,
  keySpecOf,
  type KeyPairDer,
  type PrivateKeyInput,
  type PublicKeyInput,
} from './keys.js';
export {
  CIPHERTEXT_FORMAT_VERSION,
  MIN_CIPHERTEXT_BYTES,
  encryptSymmetric,
  decryptSymmetric,
  parseCiphertextHeader,
  type SymmetricKey,
  type CiphertextHeader,
} from './symmetric.js';
export { sign, verify, rsaEncrypt, rsaDecrypt, deriveSharedSecret, type RsaEncryptionAlgorithm } from './asymmetric.js';
export { generateMac, verifyMac } from './hmac.js';
export {
  generateWrappingKeyPair,
  generateWrappingKeyPairAsync,
  unwrapKeyMaterial,
  wrapKeyMaterial,
  validateImportedKeyMaterial,
  checkWrappingAlgorithmForKeySpec,
} from './import.js';
export { generateRandom } from './random.js';
export { configureKeyGenPool, keyGenPool, KeyGenPool, type KeyGenPoolOptions } from './keyGenPool.js';
