import type { RequestContext } from '../../common/operation.js';
import { DeleteConflictException, type DeleteRoleRequest } from '../../protocol/generated/iam.js';
import type { IamCore } from '../core.js';
import { messages } from '../messages.js';

/** IAM deletes only a role without policies. Its sessions then have no permissions left. */
export async function deleteRole(core: IamCore, input: DeleteRoleRequest, ctx: RequestContext): Promise<Record<string, never>> {
  const accountId = ctx.principal.accountId;
  const role = await core.mustRole(accountId, input.RoleName);
  const iam = core.store.iam;
  if ((await iam.attachedPolicies(accountId, 'role', role.roleId)).length > 0) throw new DeleteConflictException(messages.mustDetachPolicies);
  if ((await iam.listInlinePolicies(accountId, 'role', role.roleId)).length > 0) throw new DeleteConflictException(messages.mustDeletePolicies);
  await iam.deleteRole(accountId, role.roleId);
  core.principals.remove(role.arn);
  return {};
}
