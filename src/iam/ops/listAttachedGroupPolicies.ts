import type { RequestContext } from '../../common/operation.js';
import type { ListAttachedGroupPoliciesRequest, ListAttachedGroupPoliciesResponse } from '../../protocol/generated/iam.js';
import type { IamCore } from '../core.js';
import { listAttachedPolicies } from './attachmentHelpers.js';

export async function listAttachedGroupPolicies(
  core: IamCore,
  input: ListAttachedGroupPoliciesRequest,
  ctx: RequestContext,
): Promise<ListAttachedGroupPoliciesResponse> {
  return listAttachedPolicies(core, ctx, 'group', input.GroupName, input);
}
