import type { RequestContext } from '../../common/operation.js';
import type { PutDataProtectionPolicyRequest, PutDataProtectionPolicyResponse } from '../../protocol/generated/logs.js';
import type { LogsCore } from '../core.js';
import { DATA_PROTECTION_POLICY, groupTarget } from '../dataProtection/policies.js';
import { compileDataProtectionPolicy } from '../dataProtection/policy.js';

/**
 * PutDataProtectionPolicy: the group's one data protection policy, replaced whole. Reads of the group mask what it
 * identifies in events ingested since the group first had a policy.
 */
export async function putDataProtectionPolicy(core: LogsCore, input: PutDataProtectionPolicyRequest, ctx: RequestContext): Promise<PutDataProtectionPolicyResponse> {
  const group = await core.selectGroup(ctx, { logGroupIdentifier: input.logGroupIdentifier });
  compileDataProtectionPolicy(input.policyDocument);
  const now = core.clock.now();
  const target = groupTarget(group);
  const [existing] = await core.store.logPolicies.listPolicies(group.accountId, group.region, target, DATA_PROTECTION_POLICY);
  const saved = await core.store.logPolicies.putPolicy({
    accountId: group.accountId,
    region: group.region,
    target,
    policyType: DATA_PROTECTION_POLICY,
    // One policy per group, whatever its Name.
    policyName: '',
    document: input.policyDocument,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  });
  return { logGroupIdentifier: input.logGroupIdentifier, policyDocument: saved.document, lastUpdatedTime: saved.updatedAt };
}
