import type { RequestContext } from '../../common/operation.js';
import type { DataKeyPairSpec, GenerateDataKeyPairRequest, GenerateDataKeyPairResponse } from '../../protocol/generated/kms.js';
import { InvalidKeyUsageException, UnsupportedOperationException } from '../../protocol/generated/kms.js';
import type { KmsCore } from '../core.js';
import { generateDataKeyPairAsync, isAsymmetricKeySpec } from '../crypto/index.js';
import { messages } from '../messages.js';
import {
  authorizeCrypto,
  checkDryRun,
  generated,
  refuseRecipient,
  requireUsable,
  requireUsage,
  sealSymmetric,
  SYMMETRIC_DEFAULT,
} from './cryptoHelpers.js';

export interface DataKeyPairRequest {
  KeyId: string;
  KeyPairSpec: DataKeyPairSpec;
  EncryptionContext?: Record<string, string>;
  GrantTokens?: string[];
  DryRun?: boolean;
}

export interface DataKeyPair {
  /** PKCS#8 DER. */
  privateKey: Buffer;
  /** SubjectPublicKeyInfo DER. */
  publicKey: Buffer;
  privateKeyBlob: Buffer;
  keyArn: string;
  materialId: string;
}

/**
 * GenerateDataKeyPair and GenerateDataKeyPairWithoutPlaintext: a fresh RSA or ECC key pair whose private key is
 * encrypted under a symmetric encryption key. SM2 (China Regions) and Ed25519 pairs are not offered.
 */
export async function makeDataKeyPair(core: KmsCore, input: DataKeyPairRequest, ctx: RequestContext, operation: string): Promise<DataKeyPair> {
  const resolved = await core.resolve(input.KeyId, ctx);
  const { key } = resolved;
  await authorizeCrypto(core, ctx, resolved, {
    action: `kms:${operation}`,
    grantOperation: operation,
    grantTokens: input.GrantTokens,
    encryptionContext: input.EncryptionContext,
    conditions: { 'kms:EncryptionAlgorithm': SYMMETRIC_DEFAULT, 'kms:DataKeyPairSpec': input.KeyPairSpec },
  });
  requireUsage(key, 'ENCRYPT_DECRYPT', operation);
  requireUsable(core, key);
  if (key.keySpec !== SYMMETRIC_DEFAULT) throw new InvalidKeyUsageException(messages.dataKeyAsymmetric);
  const spec = input.KeyPairSpec;
  if (!isAsymmetricKeySpec(spec)) throw new UnsupportedOperationException(messages.keyPairSpecUnsupported(spec));
  checkDryRun(input.DryRun);
  const pair = await generated(generateDataKeyPairAsync(spec));
  const sealed = await sealSymmetric(core, key, pair.privateKeyDer, input.EncryptionContext);
  return {
    privateKey: pair.privateKeyDer,
    publicKey: pair.publicKeyDer,
    privateKeyBlob: sealed.blob,
    keyArn: key.arn,
    materialId: sealed.materialId!,
  };
}

export async function generateDataKeyPair(core: KmsCore, input: GenerateDataKeyPairRequest, ctx: RequestContext): Promise<GenerateDataKeyPairResponse> {
  refuseRecipient(input.Recipient);
  const p = await makeDataKeyPair(core, input, ctx, 'GenerateDataKeyPair');
  return {
    PrivateKeyCiphertextBlob: p.privateKeyBlob,
    PrivateKeyPlaintext: p.privateKey,
    PublicKey: p.publicKey,
    KeyId: p.keyArn,
    KeyPairSpec: input.KeyPairSpec,
    KeyMaterialId: p.materialId,
  };
}
