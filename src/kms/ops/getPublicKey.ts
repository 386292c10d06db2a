import type { RequestContext } from '../../common/operation.js';
import type { GetPublicKeyRequest, GetPublicKeyResponse } from '../../protocol/generated/kms.js';
import { UnsupportedOperationException } from '../../protocol/generated/kms.js';
import type { KmsCore } from '../core.js';
import { algorithmsFor, isAsymmetricKeySpec } from '../crypto/index.js';
import { messages } from '../messages.js';
import { authorizeCrypto, publicKeyOf, requireUsable } from './cryptoHelpers.js';

/** GetPublicKey: the SubjectPublicKeyInfo DER of an asymmetric key, with what the key may be used for. */
export async function getPublicKey(core: KmsCore, input: GetPublicKeyRequest, ctx: RequestContext): Promise<GetPublicKeyResponse> {
  const resolved = await core.resolve(input.KeyId, ctx);
  const { key } = resolved;
  await authorizeCrypto(core, ctx, resolved, {
    action: 'kms:GetPublicKey',
    grantOperation: 'GetPublicKey',
    grantTokens: input.GrantTokens,
  });
  requireUsable(core, key);
  if (!isAsymmetricKeySpec(key.keySpec)) throw new UnsupportedOperationException(messages.noPublicKey);
  const { spki } = await publicKeyOf(core, key);
  return {
    KeyId: key.arn,
    PublicKey: spki,
    CustomerMasterKeySpec: key.keySpec,
    KeySpec: key.keySpec,
    KeyUsage: key.keyUsage,
    ...algorithmsFor(key.keySpec, key.keyUsage),
  };
}
