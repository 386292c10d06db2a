import type { RequestContext } from '../../common/operation.js';
import type { TagResourceRequest } from '../../protocol/generated/logs.js';
import type { LogsCore } from '../core.js';
import { mergeTags, taggedGroup } from './tagHelpers.js';

/** Adds tags to a log group named by its ARN; existing keys take the new value. */
export async function tagResource(core: LogsCore, input: TagResourceRequest, ctx: RequestContext): Promise<void> {
  const group = await taggedGroup(core, ctx, input.resourceArn);
  await core.store.logs.updateGroup({ ...group, tags: mergeTags(group.tags, input.tags) });
}
