import type { RequestContext } from '../../common/operation.js';
import type { ListRolePoliciesRequest, ListRolePoliciesResponse } from '../../protocol/generated/iam.js';
import type { IamCore } from '../core.js';
import { listInlinePolicies } from './inlineHelpers.js';

export async function listRolePolicies(core: IamCore, input: ListRolePoliciesRequest, ctx: RequestContext): Promise<ListRolePoliciesResponse> {
  return listInlinePolicies(core, ctx, 'role', input.RoleName, input);
}
