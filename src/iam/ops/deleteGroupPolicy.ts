import type { RequestContext } from '../../common/operation.js';
import type { DeleteGroupPolicyRequest } from '../../protocol/generated/iam.js';
import type { IamCore } from '../core.js';
import { deleteInlinePolicy } from './inlineHelpers.js';

export async function deleteGroupPolicy(core: IamCore, input: DeleteGroupPolicyRequest, ctx: RequestContext): Promise<Record<string, never>> {
  await deleteInlinePolicy(core, ctx, 'group', input.GroupName, input.PolicyName);
  return {};
}
