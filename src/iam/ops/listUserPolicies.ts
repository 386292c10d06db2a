import type { RequestContext } from '../../common/operation.js';
import type { ListUserPoliciesRequest, ListUserPoliciesResponse } from '../../protocol/generated/iam.js';
import type { IamCore } from '../core.js';
import { listInlinePolicies } from './inlineHelpers.js';

export async function listUserPolicies(core: IamCore, input: ListUserPoliciesRequest, ctx: RequestContext): Promise<ListUserPoliciesResponse> {
  return listInlinePolicies(core, ctx, 'user', input.UserName, input);
}
