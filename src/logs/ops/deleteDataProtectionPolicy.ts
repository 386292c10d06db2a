import type { RequestContext } from '../../common/operation.js';
import type { DeleteDataProtectionPolicyRequest } from '../../protocol/generated/logs.js';
import { ResourceNotFoundException } from '../../protocol/generated/logs.js';
import type { LogsCore } from '../core.js';
import { DATA_PROTECTION_POLICY, groupTarget } from '../dataProtection/policies.js';
import { messages } from '../messages.js';

/** DeleteDataProtectionPolicy: the group's reads stop masking (the stored events were never changed). */
export async function deleteDataProtectionPolicy(core: LogsCore, input: DeleteDataProtectionPolicyRequest, ctx: RequestContext): Promise<void> {
  const group = await core.selectGroup(ctx, { logGroupIdentifier: input.logGroupIdentifier });
  const n = await core.store.logPolicies.deletePolicies(group.accountId, group.region, groupTarget(group), DATA_PROTECTION_POLICY);
  if (n === 0) throw new ResourceNotFoundException(messages.dpPolicyNotFound);
}
