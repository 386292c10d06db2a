import type { RequestContext } from '../../common/operation.js';
import type { PutAccountPolicyRequest, PutAccountPolicyResponse } from '../../protocol/generated/logs.js';
import { InvalidParameterException, LimitExceededException } from '../../protocol/generated/logs.js';
import type { LogsCore } from '../core.js';
import { ACCOUNT_TARGET, DATA_PROTECTION_POLICY } from '../dataProtection/policies.js';
import { compileDataProtectionPolicy } from '../dataProtection/policy.js';
import { messages } from '../messages.js';
import { accountPolicyEntry } from './accountPolicyHelpers.js';

/**
 * PutAccountPolicy: an account-level data protection policy (one per account and region, scope ALL), applying to
 * every log group of the account in the region together with the group's own. Other policy types are not served.
 */
export async function putAccountPolicy(core: LogsCore, input: PutAccountPolicyRequest, ctx: RequestContext): Promise<PutAccountPolicyResponse> {
  if (input.policyType !== DATA_PROTECTION_POLICY) throw new InvalidParameterException(messages.policyTypeUnsupported(input.policyType));
  if ((input.scope !== undefined && input.scope !== 'ALL') || input.selectionCriteria !== undefined) {
    throw new InvalidParameterException(messages.accountPolicyScope);
  }
  compileDataProtectionPolicy(input.policyDocument);
  const accountId = ctx.principal.accountId;
  const existing = await core.store.logPolicies.listPolicies(accountId, ctx.region, ACCOUNT_TARGET, DATA_PROTECTION_POLICY);
  const same = existing.find((p) => p.policyName === input.policyName);
  if (!same && existing.length > 0) throw new LimitExceededException(messages.accountPolicyLimit);
  const now = core.clock.now();
  const saved = await core.store.logPolicies.putPolicy({
    accountId,
    region: ctx.region,
    target: ACCOUNT_TARGET,
    policyType: DATA_PROTECTION_POLICY,
    policyName: input.policyName,
    document: input.policyDocument,
    scope: 'ALL',
    createdAt: same?.createdAt ?? now,
    updatedAt: now,
  });
  return { accountPolicy: accountPolicyEntry(saved) };
}
