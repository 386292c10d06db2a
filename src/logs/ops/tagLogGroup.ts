import type { RequestContext } from '../../common/operation.js';
import type { TagLogGroupRequest } from '../../protocol/generated/logs.js';
import type { LogsCore } from '../core.js';
import { mergeTags } from './tagHelpers.js';

/** The older, name-based form of TagResource. */
export async function tagLogGroup(core: LogsCore, input: TagLogGroupRequest, ctx: RequestContext): Promise<void> {
  const group = await core.mustGroup(ctx, input.logGroupName);
  await core.store.logs.updateGroup({ ...group, tags: mergeTags(group.tags, input.tags) });
}
