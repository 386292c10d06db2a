import type { RequestContext } from '../../common/operation.js';
import type { AttachUserPolicyRequest } from '../../protocol/generated/iam.js';
import type { IamCore } from '../core.js';
import { attachPolicy } from './attachmentHelpers.js';

export async function attachUserPolicy(core: IamCore, input: AttachUserPolicyRequest, ctx: RequestContext): Promise<Record<string, never>> {
  await attachPolicy(core, ctx, 'user', input.UserName, input.PolicyArn);
  return {};
}
