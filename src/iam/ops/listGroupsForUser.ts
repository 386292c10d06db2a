import type { RequestContext } from '../../common/operation.js';
import type { ListGroupsForUserRequest, ListGroupsForUserResponse } from '../../protocol/generated/iam.js';
import type { IamCore } from '../core.js';
import { pageOf, pageTail } from '../paging.js';
import { groupShape } from '../wire.js';

export async function listGroupsForUser(core: IamCore, input: ListGroupsForUserRequest, ctx: RequestContext): Promise<ListGroupsForUserResponse> {
  const accountId = ctx.principal.accountId;
  const user = await core.mustUser(accountId, input.UserName);
  const page = pageOf(await core.store.iam.groupsOfUser(accountId, user.userId), input, (g) => g.groupName.toLowerCase());
  return { Groups: page.items.map(groupShape), ...pageTail(page) };
}
