import type { RequestContext } from '../../common/operation.js';
import { LimitExceededException, type AddUserToGroupRequest } from '../../protocol/generated/iam.js';
import type { IamCore } from '../core.js';
import { messages } from '../messages.js';

const MAX_GROUPS_PER_USER = 10;

/** Adding a member twice is not an error. The user is looked up first, as IAM does. */
export async function addUserToGroup(core: IamCore, input: AddUserToGroupRequest, ctx: RequestContext): Promise<Record<string, never>> {
  const accountId = ctx.principal.accountId;
  const user = await core.mustUser(accountId, input.UserName);
  const group = await core.mustGroup(accountId, input.GroupName);
  const groups = await core.store.iam.groupsOfUser(accountId, user.userId);
  if (groups.some((g) => g.groupId === group.groupId)) return {};
  if (groups.length >= MAX_GROUPS_PER_USER) throw new LimitExceededException(messages.groupsPerUserQuota);
  await core.store.iam.addGroupMember(accountId, group.groupId, user.userId);
  return {};
}
