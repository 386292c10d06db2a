import type { RequestContext } from '../../common/operation.js';
import type { ListTagsLogGroupRequest, ListTagsLogGroupResponse } from '../../protocol/generated/logs.js';
import type { LogsCore } from '../core.js';

/** The older, name-based form of ListTagsForResource. */
export async function listTagsLogGroup(core: LogsCore, input: ListTagsLogGroupRequest, ctx: RequestContext): Promise<ListTagsLogGroupResponse> {
  const group = await core.mustGroup(ctx, input.logGroupName);
  return { tags: { ...group.tags } };
}
