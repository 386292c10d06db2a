import type { RequestContext } from '../../common/operation.js';
import { DeleteConflictException, type DeleteUserRequest } from '../../protocol/generated/iam.js';
import type { IamCore } from '../core.js';
import { messages } from '../messages.js';

/** IAM deletes only a bare user: policies, access keys and group memberships must go first. */
export async function deleteUser(core: IamCore, input: DeleteUserRequest, ctx: RequestContext): Promise<Record<string, never>> {
  const accountId = ctx.principal.accountId;
  const user = await core.mustUser(accountId, input.UserName);
  const iam = core.store.iam;
  if ((await iam.attachedPolicies(accountId, 'user', user.userId)).length > 0) throw new DeleteConflictException(messages.mustDetachPolicies);
  if ((await iam.listInlinePolicies(accountId, 'user', user.userId)).length > 0) throw new DeleteConflictException(messages.mustDeletePolicies);
  if ((await core.store.accounts.listAccessKeys(accountId, user.arn)).length > 0) throw new DeleteConflictException(messages.mustDeleteAccessKeys);
  if ((await iam.groupsOfUser(accountId, user.userId)).length > 0) throw new DeleteConflictException(messages.mustRemoveUsersFromGroup);
  await iam.deleteUser(accountId, user.userId);
  core.principals.remove(user.arn);
  return {};
}
