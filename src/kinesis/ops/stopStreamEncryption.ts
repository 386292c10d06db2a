import type { RequestContext } from '../../common/operation.js';
import type { StopStreamEncryptionInput } from '../../protocol/generated/kinesis.js';
import { InvalidArgumentException } from '../../protocol/generated/kinesis.js';
import type { KinesisCore } from '../core.js';
import { messages } from '../messages.js';

/** Records written from now on are sealed under the keyring only; those written before stay under the KMS key. */
export async function stopStreamEncryption(core: KinesisCore, input: StopStreamEncryptionInput, ctx: RequestContext): Promise<Record<string, never>> {
  const s = await core.mustStream(ctx, input);
  if (input.EncryptionType !== 'KMS') throw new InvalidArgumentException(messages.encryptionTypeNone);
  if (s.settings.encryptionType === 'KMS' && s.settings.keyId !== input.KeyId) throw new InvalidArgumentException(messages.stopKeyMismatch(input.KeyId));
  const { keyId: _dropped, ...rest } = s.settings;
  await core.store.kinesis.putSettings(s.id, { ...rest, encryptionType: 'NONE' });
  return {};
}
