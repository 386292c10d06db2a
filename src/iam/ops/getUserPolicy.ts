import type { RequestContext } from '../../common/operation.js';
import type { GetUserPolicyRequest, GetUserPolicyResponse } from '../../protocol/generated/iam.js';
import type { IamCore } from '../core.js';
import { getInlinePolicy } from './inlineHelpers.js';

export async function getUserPolicy(core: IamCore, input: GetUserPolicyRequest, ctx: RequestContext): Promise<GetUserPolicyResponse> {
  const { ownerName, ...policy } = await getInlinePolicy(core, ctx, 'user', input.UserName, input.PolicyName);
  return { UserName: ownerName, ...policy };
}
