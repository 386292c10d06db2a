import type { RequestContext } from '../../common/operation.js';
import type { PutUserPolicyRequest } from '../../protocol/generated/iam.js';
import type { IamCore } from '../core.js';
import { putInlinePolicy } from './inlineHelpers.js';

export async function putUserPolicy(core: IamCore, input: PutUserPolicyRequest, ctx: RequestContext): Promise<Record<string, never>> {
  await putInlinePolicy(core, ctx, 'user', input.UserName, input.PolicyName, input.PolicyDocument);
  return {};
}
