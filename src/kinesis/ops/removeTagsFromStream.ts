import type { RequestContext } from '../../common/operation.js';
import type { RemoveTagsFromStreamInput } from '../../protocol/generated/kinesis.js';
import type { KinesisCore } from '../core.js';

export async function removeTagsFromStream(core: KinesisCore, input: RemoveTagsFromStreamInput, ctx: RequestContext): Promise<Record<string, never>> {
  const s = await core.mustStream(ctx, input);
  const tags = { ...s.settings.tags };
  for (const k of input.TagKeys) delete tags[k];
  await core.store.kinesis.putSettings(s.id, { ...s.settings, tags });
  return {};
}
