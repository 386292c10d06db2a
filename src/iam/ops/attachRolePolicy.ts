import type { RequestContext } from '../../common/operation.js';
import type { AttachRolePolicyRequest } from '../../protocol/generated/iam.js';
import type { IamCore } from '../core.js';
import { attachPolicy } from './attachmentHelpers.js';

export async function attachRolePolicy(core: IamCore, input: AttachRolePolicyRequest, ctx: RequestContext): Promise<Record<string, never>> {
  await attachPolicy(core, ctx, 'role', input.RoleName, input.PolicyArn);
  return {};
}
