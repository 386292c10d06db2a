import type { RequestContext } from '../../common/operation.js';
import type { AttachGroupPolicyRequest } from '../../protocol/generated/iam.js';
import type { IamCore } from '../core.js';
import { attachPolicy } from './attachmentHelpers.js';

export async function attachGroupPolicy(core: IamCore, input: AttachGroupPolicyRequest, ctx: RequestContext): Promise<Record<string, never>> {
  await attachPolicy(core, ctx, 'group', input.GroupName, input.PolicyArn);
  return {};
}
