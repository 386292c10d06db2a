import type { RequestContext } from '../../common/operation.js';
import type { ListAttachedRolePoliciesRequest, ListAttachedRolePoliciesResponse } from '../../protocol/generated/iam.js';
import type { IamCore } from '../core.js';
import { listAttachedPolicies } from './attachmentHelpers.js';

export async function listAttachedRolePolicies(
  core: IamCore,
  input: ListAttachedRolePoliciesRequest,
  ctx: RequestContext,
): Promise<ListAttachedRolePoliciesResponse> {
  return listAttachedPolicies(core, ctx, 'role', input.RoleName, input);
}
