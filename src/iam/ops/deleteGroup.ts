import type { RequestContext } from '../../common/operation.js';
import { DeleteConflictException, type DeleteGroupRequest } from '../../protocol/generated/iam.js';
import type { IamCore } from '../core.js';
import { messages } from '../messages.js';

/** IAM deletes only an empty group without policies. */
export async function deleteGroup(core: IamCore, input: DeleteGroupRequest, ctx: RequestContext): Promise<Record<string, never>> {
  const accountId = ctx.principal.accountId;
  const group = await core.mustGroup(accountId, input.GroupName);
  const iam = core.store.iam;
  if ((await iam.groupMembers(accountId, group.groupId, { limit: 1 })).items.length > 0) {
    throw new DeleteConflictException(messages.mustRemoveUsersFromGroup);
  }
  if ((await iam.attachedPolicies(accountId, 'group', group.groupId)).length > 0) throw new DeleteConflictException(messages.mustDetachPolicies);
  if ((await iam.listInlinePolicies(accountId, 'group', group.groupId)).length > 0) throw new DeleteConflictException(messages.mustDeletePolicies);
  await iam.deleteGroup(accountId, group.groupId);
  return {};
}
