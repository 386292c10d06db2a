import type { RequestContext } from '../../common/operation.js';
import type { GetGroupRequest, GetGroupResponse } from '../../protocol/generated/iam.js';
import type { IamCore } from '../core.js';
import { afterOf, limitOf, pageTail } from '../paging.js';
import { groupShape, userShape } from '../wire.js';

/** The group and a page of its members. */
export async function getGroup(core: IamCore, input: GetGroupRequest, ctx: RequestContext): Promise<GetGroupResponse> {
  const accountId = ctx.principal.accountId;
  const group = await core.mustGroup(accountId, input.GroupName);
  const page = await core.store.iam.groupMembers(accountId, group.groupId, { limit: limitOf(input), after: afterOf(input) });
  return { Group: groupShape(group), Users: page.items.map((u) => userShape(u, false)), ...pageTail(page) };
}
