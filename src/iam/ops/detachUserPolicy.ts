import type { RequestContext } from '../../common/operation.js';
import type { DetachUserPolicyRequest } from '../../protocol/generated/iam.js';
import type { IamCore } from '../core.js';
import { detachPolicy } from './attachmentHelpers.js';

export async function detachUserPolicy(core: IamCore, input: DetachUserPolicyRequest, ctx: RequestContext): Promise<Record<string, never>> {
  await detachPolicy(core, ctx, 'user', input.UserName, input.PolicyArn);
  return {};
}
