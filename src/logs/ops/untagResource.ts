import type { RequestContext } from '../../common/operation.js';
import type { UntagResourceRequest } from '../../protocol/generated/logs.js';
import type { LogsCore } from '../core.js';
import { removeTags, taggedGroup } from './tagHelpers.js';

export async function untagResource(core: LogsCore, input: UntagResourceRequest, ctx: RequestContext): Promise<void> {
  const group = await taggedGroup(core, ctx, input.resourceArn);
  await core.store.logs.updateGroup({ ...group, tags: removeTags(group.tags, input.tagKeys) });
}
