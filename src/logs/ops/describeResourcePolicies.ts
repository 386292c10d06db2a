import type { RequestContext } from '../../common/operation.js';
import type { DescribeResourcePoliciesRequest, DescribeResourcePoliciesResponse } from '../../protocol/generated/logs.js';
import { InvalidParameterException } from '../../protocol/generated/logs.js';
import type { LogsCore } from '../core.js';
import { messages } from '../messages.js';
import { groupKey, groupOfResourceArn, resourcePolicyEntry } from '../resourcePolicies/common.js';
import { decodeListToken, encodeListToken } from '../tokens.js';

const DEFAULT_LIMIT = 50;

/**
 * DescribeResourcePolicies: the account policies (policyScope ACCOUNT, the default), a group's policy (`resourceArn`,
 * which implies policyScope RESOURCE), or every group policy of the account and region (policyScope RESOURCE alone),
 * in key order, `limit` (1-50) at a time.
 */
export async function describeResourcePolicies(core: LogsCore, input: DescribeResourcePoliciesRequest, ctx: RequestContext): Promise<DescribeResourcePoliciesResponse> {
  const scope = input.policyScope ?? (input.resourceArn !== undefined ? 'RESOURCE' : 'ACCOUNT');
  if (scope === 'ACCOUNT' && input.resourceArn !== undefined) throw new InvalidParameterException(messages.resourcePolicyScopeConflict);
  const accountId = ctx.principal.accountId;
  const rp = core.store.logResourcePolicies;
  if (input.resourceArn !== undefined) {
    const p = await rp.get(accountId, ctx.region, 'RESOURCE', groupKey(await groupOfResourceArn(core, ctx, input.resourceArn)));
    return { resourcePolicies: p ? [resourcePolicyEntry(p)] : [] };
  }
  const kind = `resource-policies-${scope}`;
  const after = decodeListToken(kind, input.nextToken);
  const limit = input.limit ?? DEFAULT_LIMIT;
  const rows = await rp.list(accountId, ctx.region, scope, limit + 1, after);
  const out: DescribeResourcePoliciesResponse = { resourcePolicies: rows.slice(0, limit).map(resourcePolicyEntry) };
  if (rows.length > limit) out.nextToken = encodeListToken(kind, rows[limit - 1]!.key);
  return out;
}
