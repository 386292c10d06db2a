import type { RequestContext } from '../../common/operation.js';
import type { PutGroupPolicyRequest } from '../../protocol/generated/iam.js';
import type { IamCore } from '../core.js';
import { putInlinePolicy } from './inlineHelpers.js';

export async function putGroupPolicy(core: IamCore, input: PutGroupPolicyRequest, ctx: RequestContext): Promise<Record<string, never>> {
  await putInlinePolicy(core, ctx, 'group', input.GroupName, input.PolicyName, input.PolicyDocument);
  return {};
}
