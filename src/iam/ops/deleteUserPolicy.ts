import type { RequestContext } from '../../common/operation.js';
import type { DeleteUserPolicyRequest } from '../../protocol/generated/iam.js';
import type { IamCore } from '../core.js';
import { deleteInlinePolicy } from './inlineHelpers.js';

export async function deleteUserPolicy(core: IamCore, input: DeleteUserPolicyRequest, ctx: RequestContext): Promise<Record<string, never>> {
  await deleteInlinePolicy(core, ctx, 'user', input.UserName, input.PolicyName);
  return {};
}
