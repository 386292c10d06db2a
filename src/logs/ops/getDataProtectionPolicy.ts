import type { RequestContext } from '../../common/operation.js';
import type { GetDataProtectionPolicyRequest, GetDataProtectionPolicyResponse } from '../../protocol/generated/logs.js';
import type { LogsCore } from '../core.js';
import { DATA_PROTECTION_POLICY, groupTarget } from '../dataProtection/policies.js';

/** GetDataProtectionPolicy: the group's policy; a group without one answers with only its identifier. */
export async function getDataProtectionPolicy(core: LogsCore, input: GetDataProtectionPolicyRequest, ctx: RequestContext): Promise<GetDataProtectionPolicyResponse> {
  const group = await core.selectGroup(ctx, { logGroupIdentifier: input.logGroupIdentifier });
  const [p] = await core.store.logPolicies.listPolicies(group.accountId, group.region, groupTarget(group), DATA_PROTECTION_POLICY);
  if (!p) return { logGroupIdentifier: input.logGroupIdentifier };
  return { logGroupIdentifier: input.logGroupIdentifier, policyDocument: p.document, lastUpdatedTime: p.updatedAt };
}
