import type { RequestContext } from '../../common/operation.js';
import type { DeriveSharedSecretRequest, DeriveSharedSecretResponse } from '../../protocol/generated/kms.js';
import type { KmsCore } from '../core.js';
import { CryptoInputError, deriveSharedSecret as ecdh } from '../crypto/index.js';
import { ValidationException } from '../errors.js';
import { messages } from '../messages.js';
import { authorizeCrypto, checkDryRun, privateKeyOf, refuseRecipient, requireUsable, requireUsage } from './cryptoHelpers.js';

/** DeriveSharedSecret: ECDH between a KEY_AGREEMENT key's private key and the peer's public key (SPKI DER). */
export async function deriveSharedSecret(core: KmsCore, input: DeriveSharedSecretRequest, ctx: RequestContext): Promise<DeriveSharedSecretResponse> {
  refuseRecipient(input.Recipient);
  const resolved = await core.resolve(input.KeyId, ctx);
  const { key } = resolved;
  await authorizeCrypto(core, ctx, resolved, {
    action: 'kms:DeriveSharedSecret',
    grantOperation: 'DeriveSharedSecret',
    grantTokens: input.GrantTokens,
    conditions: { 'kms:KeyAgreementAlgorithm': input.KeyAgreementAlgorithm },
  });
  requireUsage(key, 'KEY_AGREEMENT', 'DeriveSharedSecret');
  requireUsable(core, key);
  checkDryRun(input.DryRun);
  let secret: Buffer;
  try {
    secret = ecdh(await privateKeyOf(core, key), input.PublicKey);
  } catch (e) {
    if (e instanceof CryptoInputError) throw new ValidationException(messages.invalidPeerPublicKey(key.keySpec));
    throw e;
  }
  return { KeyId: key.arn, SharedSecret: secret, KeyAgreementAlgorithm: input.KeyAgreementAlgorithm, KeyOrigin: key.origin };
}
