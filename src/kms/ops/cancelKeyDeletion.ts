import type { RequestContext } from '../../common/operation.js';
import type { CancelKeyDeletionRequest, CancelKeyDeletionResponse } from '../../protocol/generated/kms.js';
import { KMSInvalidStateException } from '../../protocol/generated/kms.js';
import type { KmsCore } from '../core.js';
import { messages } from '../messages.js';
import type { KmsKey } from '../model.js';
import { isPendingDeletion, loadAuthorized } from './lifecycleHelpers.js';

/**
 * Cancels a scheduled deletion. The key comes back Disabled (never Enabled), except a key with imported material
 * that has none, which comes back PendingImport: there is nothing it could be enabled with.
 */
export async function cancelKeyDeletion(core: KmsCore, input: CancelKeyDeletionRequest, ctx: RequestContext): Promise<CancelKeyDeletionResponse> {
  const key = await loadAuthorized(core, input.KeyId, ctx, 'kms:CancelKeyDeletion');
  if (!isPendingDeletion(key)) throw new KMSInvalidStateException(messages.notPendingDeletion(key.arn));
  const restored: KmsKey = { ...key, state: (await hasMaterial(core, key)) ? 'Disabled' : 'PendingImport' };
  delete restored.deletionDate;
  delete restored.pendingWindowInDays;
  const saved = await core.saveKey(restored);
  return { KeyId: saved.arn };
}

async function hasMaterial(core: KmsCore, key: KmsKey): Promise<boolean> {
  if (key.origin !== 'EXTERNAL') return true;
  return (await core.store.kms.listMaterials(key.accountId, key.region, key.keyId)).length > 0;
}
