import type { RequestContext } from '../../common/operation.js';
import type { VerifyRequest, VerifyResponse } from '../../protocol/generated/kms.js';
import { KMSInvalidSignatureException } from '../../protocol/generated/kms.js';
import type { KmsCore } from '../core.js';
import { verify as verifySignature, type SigningAlgorithm } from '../crypto/index.js';
import { messages } from '../messages.js';
import { publicKeyOf } from './cryptoHelpers.js';
import { checkSigningRequest } from './sign.js';

/** Verify: a signature that does not verify is KMSInvalidSignatureException, never `SignatureValid: false`. */
export async function verify(core: KmsCore, input: VerifyRequest, ctx: RequestContext): Promise<VerifyResponse> {
  const { key } = await checkSigningRequest(core, input, ctx, 'Verify');
  const algorithm = input.SigningAlgorithm as SigningAlgorithm;
  const valid = verifySignature((await publicKeyOf(core, key)).key, algorithm, input.Message, input.Signature, input.MessageType === 'DIGEST' ? 'DIGEST' : 'RAW');
  if (!valid) throw new KMSInvalidSignatureException(messages.invalidSignature);
  return { KeyId: key.arn, SignatureValid: true, SigningAlgorithm: input.SigningAlgorithm };
}
