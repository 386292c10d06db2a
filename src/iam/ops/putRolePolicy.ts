import type { RequestContext } from '../../common/operation.js';
import type { PutRolePolicyRequest } from '../../protocol/generated/iam.js';
import type { IamCore } from '../core.js';
import { putInlinePolicy } from './inlineHelpers.js';

export async function putRolePolicy(core: IamCore, input: PutRolePolicyRequest, ctx: RequestContext): Promise<Record<string, never>> {
  await putInlinePolicy(core, ctx, 'role', input.RoleName, input.PolicyName, input.PolicyDocument);
  return {};
}
