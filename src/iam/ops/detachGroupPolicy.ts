import type { RequestContext } from '../../common/operation.js';
import type { DetachGroupPolicyRequest } from '../../protocol/generated/iam.js';
import type { IamCore } from '../core.js';
import { detachPolicy } from './attachmentHelpers.js';

export async function detachGroupPolicy(core: IamCore, input: DetachGroupPolicyRequest, ctx: RequestContext): Promise<Record<string, never>> {
  await detachPolicy(core, ctx, 'group', input.GroupName, input.PolicyArn);
  return {};
}
