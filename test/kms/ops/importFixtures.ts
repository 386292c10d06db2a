/** The client side of importing key material: wrapping with node:crypto and the GetParameters/Import round trip. */
import { constants, createPublicKey, publicEncrypt } from 'node:crypto';
import {
  GetParametersForImportCommand,
  ImportKeyMaterialCommand,
  type AlgorithmSpec,
  type ImportKeyMaterialCommandInput,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { wrapKeyMaterial } from '../../../src/kms/crypto/import.js';

/** RSAES_OAEP_SHA_256, as `openssl pkeyutl -pkeyopt rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:sha256` does it. */
export function wrapOaepSha256(publicKeyDer: Uint8Array, material: Uint8Array): Buffer {
  const key = createPublicKey({ key: Buffer.from(publicKeyDer), format: 'der', type: 'spki' });
  return publicEncrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, material);
}

/** Wraps `material` for the algorithm (RSA_AES_KEY_WRAP_* through the service's own client-side helper). */
export function wrapFor(algorithm: AlgorithmSpec, publicKeyDer: Uint8Array, material: Uint8Array): Buffer {
  if (algorithm === 'RSAES_OAEP_SHA_256') return wrapOaepSha256(publicKeyDer, material);
  return wrapKeyMaterial(publicKeyDer, algorithm as 'RSA_AES_KEY_WRAP_SHA_256', material);
}

/**
 * GetParametersForImport then ImportKeyMaterial of `material`; DOES_NOT_EXPIRE unless `extra` says otherwise. Each
 * call gets its own client from `kms`: the server's Date header follows the real clock, and an SDK client adopts it
 * after its first response, which breaks signing when a test has moved the server's clock.
 */
export async function importMaterial(
  kms: () => KMSClient,
  keyId: string,
  material: Uint8Array,
  extra: Partial<ImportKeyMaterialCommandInput> = {},
  algorithm: AlgorithmSpec = 'RSAES_OAEP_SHA_256',
) {
  const params = await kms().send(new GetParametersForImportCommand({ KeyId: keyId, WrappingAlgorithm: algorithm, WrappingKeySpec: 'RSA_2048' }));
  return kms().send(
    new ImportKeyMaterialCommand({
      KeyId: keyId,
      ImportToken: params.ImportToken,
      EncryptedKeyMaterial: wrapFor(algorithm, params.PublicKey!, material),
      ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
      ...extra,
    }),
  );
}
