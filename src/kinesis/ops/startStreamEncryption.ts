import type { RequestContext } from '../../common/operation.js';
import type { StartStreamEncryptionInput } from '../../protocol/generated/kinesis.js';
import { InvalidArgumentException } from '../../protocol/generated/kinesis.js';
import type { KinesisCore } from '../core.js';
import { messages } from '../messages.js';

/**
 * Encrypts records written from now on with the KMS key (earlier records keep how they were stored). The key is
 * tried at once, as the caller via Kinesis with the stream's encryption context: a key that is missing, disabled,
 * pending deletion or whose policy does not let the caller generate data keys fails here with Kinesis's KMS* error.
 */
export async function startStreamEncryption(core: KinesisCore, input: StartStreamEncryptionInput, ctx: RequestContext): Promise<Record<string, never>> {
  const s = await core.mustStream(ctx, input);
  if (input.EncryptionType !== 'KMS') throw new InvalidArgumentException(messages.encryptionTypeNone);
  const settings = { ...s.settings, encryptionType: 'KMS' as const, keyId: input.KeyId };
  await core.dataKeyFor({ ...s, settings }, ctx);
  await core.store.kinesis.putSettings(s.id, settings);
  return {};
}
