import type { RequestContext } from '../../common/operation.js';
import type { SignRequest, SignResponse } from '../../protocol/generated/kms.js';
import type { KmsCore, ResolvedKey } from '../core.js';
import { digestLengthFor, isAsymmetricKeySpec, sign as signMessage, signingAlgorithmsFor, type SigningAlgorithm } from '../crypto/index.js';
import { ValidationException } from '../errors.js';
import { messages } from '../messages.js';
import type { KmsKey } from '../model.js';
import { algorithmIncompatible, authorizeCrypto, checkDryRun, privateKeyOf, requireUsable, requireUsage } from './cryptoHelpers.js';

interface SigningRequest {
  KeyId: string;
  Message: Uint8Array;
  MessageType?: string;
  SigningAlgorithm: string;
  GrantTokens?: string[];
  DryRun?: boolean;
}

/**
 * What Sign and Verify check, in KMS's order: authorization, key usage, key state, the algorithm against the key
 * spec, then the message type and (for DIGEST) the digest length.
 */
export async function checkSigningRequest(core: KmsCore, input: SigningRequest, ctx: RequestContext, operation: 'Sign' | 'Verify'): Promise<ResolvedKey> {
  const messageType = input.MessageType ?? 'RAW';
  const resolved = await core.resolve(input.KeyId, ctx);
  const { key } = resolved;
  await authorizeCrypto(core, ctx, resolved, {
    action: `kms:${operation}`,
    grantOperation: operation,
    grantTokens: input.GrantTokens,
    conditions: { 'kms:SigningAlgorithm': input.SigningAlgorithm, 'kms:MessageType': messageType },
  });
  requireUsage(key, 'SIGN_VERIFY', operation);
  requireUsable(core, key);
  checkAlgorithmAndMessage(key, input.SigningAlgorithm, messageType, input.Message);
  checkDryRun(input.DryRun);
  return resolved;
}

function checkAlgorithmAndMessage(key: KmsKey, algorithm: string, messageType: string, message: Uint8Array): void {
  const spec = key.keySpec;
  if (!isAsymmetricKeySpec(spec) || !(signingAlgorithmsFor(spec) as readonly string[]).includes(algorithm)) {
    throw algorithmIncompatible(algorithm, key);
  }
  if (messageType !== 'RAW' && messageType !== 'DIGEST') throw new ValidationException(messages.messageTypeIncompatible(messageType, spec));
  if (messageType === 'DIGEST' && message.byteLength !== digestLengthFor(algorithm as SigningAlgorithm)) {
    throw new ValidationException(messages.digestLength(algorithm));
  }
}

export async function sign(core: KmsCore, input: SignRequest, ctx: RequestContext): Promise<SignResponse> {
  const { key } = await checkSigningRequest(core, input, ctx, 'Sign');
  const signature = signMessage(await privateKeyOf(core, key), input.SigningAlgorithm as SigningAlgorithm, input.Message, input.MessageType === 'DIGEST' ? 'DIGEST' : 'RAW');
  return { KeyId: key.arn, Signature: signature, SigningAlgorithm: input.SigningAlgorithm };
}
