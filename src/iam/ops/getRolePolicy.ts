import type { RequestContext } from '../../common/operation.js';
import type { GetRolePolicyRequest, GetRolePolicyResponse } from '../../protocol/generated/iam.js';
import type { IamCore } from '../core.js';
import { getInlinePolicy } from './inlineHelpers.js';

export async function getRolePolicy(core: IamCore, input: GetRolePolicyRequest, ctx: RequestContext): Promise<GetRolePolicyResponse> {
  const { ownerName, ...policy } = await getInlinePolicy(core, ctx, 'role', input.RoleName, input.PolicyName);
  return { RoleName: ownerName, ...policy };
}
