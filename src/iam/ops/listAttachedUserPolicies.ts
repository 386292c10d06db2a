import type { RequestContext } from '../../common/operation.js';
import type { ListAttachedUserPoliciesRequest, ListAttachedUserPoliciesResponse } from '../../protocol/generated/iam.js';
import type { IamCore } from '../core.js';
import { listAttachedPolicies } from './attachmentHelpers.js';

export async function listAttachedUserPolicies(
  core: IamCore,
  input: ListAttachedUserPoliciesRequest,
  ctx: RequestContext,
): Promise<ListAttachedUserPoliciesResponse> {
  return listAttachedPolicies(core, ctx, 'user', input.UserName, input);
}
