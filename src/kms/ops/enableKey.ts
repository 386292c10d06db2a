import type { RequestContext } from '../../common/operation.js';
import type { EnableKeyRequest } from '../../protocol/generated/kms.js';
import type { KmsCore } from '../core.js';
import { loadAuthorized, requireNotPendingImportOrDeletion } from './lifecycleHelpers.js';

/** Sets the key's state to Enabled; enabling an enabled key succeeds and changes nothing. */
export async function enableKey(core: KmsCore, input: EnableKeyRequest, ctx: RequestContext): Promise<void> {
  const key = await loadAuthorized(core, input.KeyId, ctx, 'kms:EnableKey');
  requireNotPendingImportOrDeletion(core, key);
  if (key.state !== 'Enabled') await core.saveKey({ ...key, state: 'Enabled' });
}
