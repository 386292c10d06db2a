import type { RequestContext } from '../../common/operation.js';
import type { ListKeyPoliciesRequest, ListKeyPoliciesResponse } from '../../protocol/generated/kms.js';
import type { KmsCore } from '../core.js';
import { DEFAULT_POLICY_NAME, loadAuthorized } from './lifecycleHelpers.js';

/**
 * The names of the key's policies: always exactly `default`. With one name there is never a second page, so Limit
 * and Marker change nothing (the model gives this operation no InvalidMarkerException).
 */
export async function listKeyPolicies(core: KmsCore, input: ListKeyPoliciesRequest, ctx: RequestContext): Promise<ListKeyPoliciesResponse> {
  await loadAuthorized(core, input.KeyId, ctx, 'kms:ListKeyPolicies');
  return { PolicyNames: [DEFAULT_POLICY_NAME], Truncated: false };
}
