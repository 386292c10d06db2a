import type { RequestContext } from '../../common/operation.js';
import type { RemoveUserFromGroupRequest } from '../../protocol/generated/iam.js';
import type { IamCore } from '../core.js';

/** Removing a user that is not a member is not an error. The user is looked up first, as IAM does. */
export async function removeUserFromGroup(core: IamCore, input: RemoveUserFromGroupRequest, ctx: RequestContext): Promise<Record<string, never>> {
  const accountId = ctx.principal.accountId;
  const user = await core.mustUser(accountId, input.UserName);
  const group = await core.mustGroup(accountId, input.GroupName);
  await core.store.iam.removeGroupMember(accountId, group.groupId, user.userId);
  return {};
}
