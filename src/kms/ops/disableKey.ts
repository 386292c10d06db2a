import type { RequestContext } from '../../common/operation.js';
import type { DisableKeyRequest } from '../../protocol/generated/kms.js';
import type { KmsCore } from '../core.js';
import { loadAuthorized, requireNotPendingImportOrDeletion } from './lifecycleHelpers.js';

/**
 * Sets the key's state to Disabled; disabling a disabled key succeeds and changes nothing. Automatic rotation keeps
 * its schedule but does not happen while the key is disabled (the scheduler only rotates enabled keys).
 */
export async function disableKey(core: KmsCore, input: DisableKeyRequest, ctx: RequestContext): Promise<void> {
  const key = await loadAuthorized(core, input.KeyId, ctx, 'kms:DisableKey');
  requireNotPendingImportOrDeletion(core, key);
  if (key.state !== 'Disabled') await core.saveKey({ ...key, state: 'Disabled' });
}
