import type { RequestContext } from '../../common/operation.js';
import type { UpdateKeyDescriptionRequest } from '../../protocol/generated/kms.js';
import type { KmsCore } from '../core.js';
import { loadAuthorized, requireNotPendingDeletion } from './lifecycleHelpers.js';

/** Replaces the key's description (refused while the key is pending deletion). */
export async function updateKeyDescription(core: KmsCore, input: UpdateKeyDescriptionRequest, ctx: RequestContext): Promise<void> {
  const key = await loadAuthorized(core, input.KeyId, ctx, 'kms:UpdateKeyDescription');
  requireNotPendingDeletion(core, key);
  await core.saveKey({ ...key, description: input.Description });
}
