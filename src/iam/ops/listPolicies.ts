import type { RequestContext } from '../../common/operation.js';
import type { ListPoliciesRequest, ListPoliciesResponse, Policy } from '../../protocol/generated/iam.js';
import type { IamCore } from '../core.js';
import { afterOf, limitOf, pageTail } from '../paging.js';
import { policyShape } from '../wire.js';

/**
 * Customer managed policies (`Scope` `Local` or `All`): logseal has no AWS managed policies, so `AWS` lists none,
 * and none is used as a permissions boundary.
 */
export async function listPolicies(core: IamCore, input: ListPoliciesRequest, ctx: RequestContext): Promise<ListPoliciesResponse> {
  if (input.Scope === 'AWS' || input.PolicyUsageFilter === 'PermissionsBoundary') return { Policies: [], IsTruncated: false };
  const accountId = ctx.principal.accountId;
  const page = await core.store.iam.listPolicies(accountId, {
    pathPrefix: input.PathPrefix,
    limit: limitOf(input),
    after: afterOf(input),
    onlyAttached: input.OnlyAttached === true,
  });
  const policies: Policy[] = [];
  for (const p of page.items) policies.push(policyShape(p, await core.store.iam.attachmentCount(accountId, p.arn), 'list'));
  return { Policies: policies, ...pageTail(page) };
}
