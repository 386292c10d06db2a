import type { RequestContext } from '../../common/operation.js';
import type { DeleteAccountPolicyRequest } from '../../protocol/generated/logs.js';
import { ResourceNotFoundException } from '../../protocol/generated/logs.js';
import type { LogsCore } from '../core.js';
import { ACCOUNT_TARGET } from '../dataProtection/policies.js';
import { messages } from '../messages.js';

export async function deleteAccountPolicy(core: LogsCore, input: DeleteAccountPolicyRequest, ctx: RequestContext): Promise<void> {
  const n = await core.store.logPolicies.deletePolicies(ctx.principal.accountId, ctx.region, ACCOUNT_TARGET, input.policyType, input.policyName);
  if (n === 0) throw new ResourceNotFoundException(messages.accountPolicyNotFound(input.policyName));
}
