import type { RequestContext } from '../../common/operation.js';
import type { PutKeyPolicyRequest } from '../../protocol/generated/kms.js';
import { LimitExceededException } from '../../protocol/generated/kms.js';
import type { KmsCore } from '../core.js';
import { messages } from '../messages.js';
import { checkKeyPolicy } from '../policies.js';
import { loadAuthorized, MAX_POLICY_BYTES, requireDefaultPolicyName } from './lifecycleHelpers.js';

/**
 * Replaces the key policy. The new policy must be valid, name only principals that exist, and (unless
 * BypassPolicyLockoutSafetyCheck) still let the caller call PutKeyPolicy. Works in every key state.
 */
export async function putKeyPolicy(core: KmsCore, input: PutKeyPolicyRequest, ctx: RequestContext): Promise<void> {
  const bypass = input.BypassPolicyLockoutSafetyCheck === true;
  const key = await loadAuthorized(core, input.KeyId, ctx, 'kms:PutKeyPolicy', { 'kms:BypassPolicyLockoutSafetyCheck': bypass });
  requireDefaultPolicyName(input.PolicyName);
  if (Buffer.byteLength(input.Policy, 'utf8') > MAX_POLICY_BYTES) throw new LimitExceededException(messages.policyTooLarge);
  const policyPrincipals = await checkKeyPolicy(core, input.Policy, key, ctx, { bypassLockoutCheck: bypass });
  const saved = await core.saveKey({ ...key, policy: input.Policy, policyPrincipals, policyVersion: key.policyVersion + 1 });
  // Compiled policies are cached per version; earlier versions are never asked for again.
  core.authorizer.forget(saved);
}
