import type { RequestContext } from '../../common/operation.js';
import type { UntagLogGroupRequest } from '../../protocol/generated/logs.js';
import type { LogsCore } from '../core.js';
import { removeTags } from './tagHelpers.js';

/** The older, name-based form of UntagResource; keys the group does not have are ignored. */
export async function untagLogGroup(core: LogsCore, input: UntagLogGroupRequest, ctx: RequestContext): Promise<void> {
  const group = await core.mustGroup(ctx, input.logGroupName);
  await core.store.logs.updateGroup({ ...group, tags: removeTags(group.tags, input.tags) });
}
