import type { RequestContext } from '../../common/operation.js';
import type { ListGroupPoliciesRequest, ListGroupPoliciesResponse } from '../../protocol/generated/iam.js';
import type { IamCore } from '../core.js';
import { listInlinePolicies } from './inlineHelpers.js';

export async function listGroupPolicies(core: IamCore, input: ListGroupPoliciesRequest, ctx: RequestContext): Promise<ListGroupPoliciesResponse> {
  return listInlinePolicies(core, ctx, 'group', input.GroupName, input);
}
