import type { RequestContext } from '../../common/operation.js';
import type { DescribeAccountPoliciesRequest, DescribeAccountPoliciesResponse } from '../../protocol/generated/logs.js';
import type { LogsCore } from '../core.js';
import { ACCOUNT_TARGET } from '../dataProtection/policies.js';
import { accountPolicyEntry } from './accountPolicyHelpers.js';

/**
 * DescribeAccountPolicies: the caller's account policies of a type (optionally one name). Other accounts
 * (`accountIdentifiers`) are only visible through cross-account observability, which is not served: they list none.
 */
export async function describeAccountPolicies(core: LogsCore, input: DescribeAccountPoliciesRequest, ctx: RequestContext): Promise<DescribeAccountPoliciesResponse> {
  const accountId = ctx.principal.accountId;
  if (input.accountIdentifiers && input.accountIdentifiers.length > 0 && !input.accountIdentifiers.includes(accountId)) return { accountPolicies: [] };
  const all = await core.store.logPolicies.listPolicies(accountId, ctx.region, ACCOUNT_TARGET, input.policyType);
  const policies = input.policyName === undefined ? all : all.filter((p) => p.policyName === input.policyName);
  return { accountPolicies: policies.map(accountPolicyEntry) };
}
