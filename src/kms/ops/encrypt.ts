import type { RequestContext } from '../../common/operation.js';
import type { EncryptRequest, EncryptResponse } from '../../protocol/generated/kms.js';
import type { KmsCore } from '../core.js';
import {
  authorizeCrypto,
  checkDryRun,
  checkEncryptionAlgorithm,
  encryptUnder,
  requireUsable,
  requireUsage,
  SYMMETRIC_DEFAULT,
} from './cryptoHelpers.js';

export async function encrypt(core: KmsCore, input: EncryptRequest, ctx: RequestContext): Promise<EncryptResponse> {
  const algorithm = input.EncryptionAlgorithm ?? SYMMETRIC_DEFAULT;
  const resolved = await core.resolve(input.KeyId, ctx);
  const { key } = resolved;
  await authorizeCrypto(core, ctx, resolved, {
    action: 'kms:Encrypt',
    grantOperation: 'Encrypt',
    grantTokens: input.GrantTokens,
    encryptionContext: input.EncryptionContext,
    conditions: { 'kms:EncryptionAlgorithm': algorithm },
  });
  requireUsage(key, 'ENCRYPT_DECRYPT', 'Encrypt');
  requireUsable(core, key);
  checkEncryptionAlgorithm(key, algorithm, input.EncryptionContext);
  checkDryRun(input.DryRun);
  const sealed = await encryptUnder(core, key, algorithm, input.Plaintext, input.EncryptionContext);
  return { CiphertextBlob: sealed.blob, KeyId: key.arn, EncryptionAlgorithm: algorithm as EncryptResponse['EncryptionAlgorithm'] };
}
