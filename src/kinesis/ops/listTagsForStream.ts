import type { RequestContext } from '../../common/operation.js';
import type { ListTagsForStreamInput, ListTagsForStreamOutput } from '../../protocol/generated/kinesis.js';
import type { KinesisCore } from '../core.js';

const DEFAULT_LIMIT = 50;

/** Tags by key, after ExclusiveStartTagKey, at most Limit. */
export async function listTagsForStream(core: KinesisCore, input: ListTagsForStreamInput, ctx: RequestContext): Promise<ListTagsForStreamOutput> {
  const s = await core.mustStream(ctx, input);
  const keys = Object.keys(s.settings.tags)
    .sort()
    .filter((k) => input.ExclusiveStartTagKey === undefined || k > input.ExclusiveStartTagKey);
  const limit = input.Limit ?? DEFAULT_LIMIT;
  return { Tags: keys.slice(0, limit).map((k) => ({ Key: k, Value: s.settings.tags[k]! })), HasMoreTags: keys.length > limit };
}
