import type { RequestContext } from '../../common/operation.js';
import type { DetachRolePolicyRequest } from '../../protocol/generated/iam.js';
import type { IamCore } from '../core.js';
import { detachPolicy } from './attachmentHelpers.js';

export async function detachRolePolicy(core: IamCore, input: DetachRolePolicyRequest, ctx: RequestContext): Promise<Record<string, never>> {
  await detachPolicy(core, ctx, 'role', input.RoleName, input.PolicyArn);
  return {};
}
