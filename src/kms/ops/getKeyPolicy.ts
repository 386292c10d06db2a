import type { RequestContext } from '../../common/operation.js';
import type { GetKeyPolicyRequest, GetKeyPolicyResponse } from '../../protocol/generated/kms.js';
import type { KmsCore } from '../core.js';
import { shownKeyPolicy } from '../policies.js';
import { loadAuthorized, requireDefaultPolicyName } from './lifecycleHelpers.js';

/**
 * The key policy as it was set, except that a principal deleted since shows as its unique id (and a renamed user by
 * its new ARN), as KMS shows it; works in every key state.
 */
export async function getKeyPolicy(core: KmsCore, input: GetKeyPolicyRequest, ctx: RequestContext): Promise<GetKeyPolicyResponse> {
  const key = await loadAuthorized(core, input.KeyId, ctx, 'kms:GetKeyPolicy');
  const name = requireDefaultPolicyName(input.PolicyName);
  return { Policy: shownKeyPolicy(core, key), PolicyName: name };
}
