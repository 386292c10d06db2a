import type { RequestContext } from '../../common/operation.js';
import type { GenerateRandomRequest, GenerateRandomResponse } from '../../protocol/generated/kms.js';
import { UnsupportedOperationException } from '../../protocol/generated/kms.js';
import type { KmsCore } from '../core.js';
import { generateRandom as randomBytes } from '../crypto/index.js';
import { ValidationException } from '../errors.js';
import { messages } from '../messages.js';
import { requestContext } from './lifecycleHelpers.js';
import { refuseRecipient } from './cryptoHelpers.js';

/** GenerateRandom: 1–1024 random bytes (the range is the model's; its absence is KMS's own check). */
export async function generateRandom(core: KmsCore, input: GenerateRandomRequest, ctx: RequestContext): Promise<GenerateRandomResponse> {
  if (input.NumberOfBytes === undefined) throw new ValidationException(messages.numberOfBytesRequired);
  if (input.CustomKeyStoreId !== undefined) throw new UnsupportedOperationException(messages.customKeyStoresUnsupported);
  refuseRecipient(input.Recipient);
  // GenerateRandom names no key: only IAM policies decide (resource `*`).
  await core.authorizeIdentity(ctx, 'kms:GenerateRandom', '*', requestContext(ctx));
  return { Plaintext: randomBytes(input.NumberOfBytes) };
}
