import type { RequestContext } from '../../common/operation.js';
import type { DeleteRolePolicyRequest } from '../../protocol/generated/iam.js';
import type { IamCore } from '../core.js';
import { deleteInlinePolicy } from './inlineHelpers.js';

export async function deleteRolePolicy(core: IamCore, input: DeleteRolePolicyRequest, ctx: RequestContext): Promise<Record<string, never>> {
  await deleteInlinePolicy(core, ctx, 'role', input.RoleName, input.PolicyName);
  return {};
}
