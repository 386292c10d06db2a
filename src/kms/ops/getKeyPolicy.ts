import type { RequestContext } from '../../common/operation.js';
import type { GetKeyPolicyRequest, GetKeyPolicyResponse } from '../../protocol/generated/kms.js';
import type { KmsCore } from '../core.js';
import { loadAuthorized, requireDefaultPolicyName } from './lifecycleHelpers.js';

/** The key policy, exactly as it was set; works in every key state. */
export async function getKeyPolicy(core: KmsCore, input: GetKeyPolicyRequest, ctx: RequestContext): Promise<GetKeyPolicyResponse> {
  const key = await loadAuthorized(core, input.KeyId, ctx, 'kms:GetKeyPolicy');
  const name = requireDefaultPolicyName(input.PolicyName);
  return { Policy: key.policy, PolicyName: name };
}
