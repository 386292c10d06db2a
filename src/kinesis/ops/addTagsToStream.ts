import type { RequestContext } from '../../common/operation.js';
import type { AddTagsToStreamInput } from '../../protocol/generated/kinesis.js';
import { InvalidArgumentException } from '../../protocol/generated/kinesis.js';
import type { KinesisCore } from '../core.js';
import { messages } from '../messages.js';
import { MAX_TAGS } from './helpers.js';

export async function addTagsToStream(core: KinesisCore, input: AddTagsToStreamInput, ctx: RequestContext): Promise<Record<string, never>> {
  const s = await core.mustStream(ctx, input);
  const tags = { ...s.settings.tags, ...input.Tags };
  if (Object.keys(tags).length > MAX_TAGS) throw new InvalidArgumentException(messages.tooManyTags(MAX_TAGS));
  await core.store.kinesis.putSettings(s.id, { ...s.settings, tags });
  return {};
}
