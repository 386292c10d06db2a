import type { RequestContext } from '../../common/operation.js';
import type { GetGroupPolicyRequest, GetGroupPolicyResponse } from '../../protocol/generated/iam.js';
import type { IamCore } from '../core.js';
import { getInlinePolicy } from './inlineHelpers.js';

export async function getGroupPolicy(core: IamCore, input: GetGroupPolicyRequest, ctx: RequestContext): Promise<GetGroupPolicyResponse> {
  const { ownerName, ...policy } = await getInlinePolicy(core, ctx, 'group', input.GroupName, input.PolicyName);
  return { GroupName: ownerName, ...policy };
}
