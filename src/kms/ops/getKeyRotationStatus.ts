import type { RequestContext } from '../../common/operation.js';
import type { GetKeyRotationStatusRequest, GetKeyRotationStatusResponse } from '../../protocol/generated/kms.js';
import type { KmsCore } from '../core.js';
import { isPendingDeletion, loadAuthorized, primaryOf, requireRotationSupported } from './lifecycleHelpers.js';

/**
 * Whether automatic rotation is on, its period and next date. A key pending deletion reports false (its setting
 * comes back if the deletion is cancelled); a multi-Region replica reports its primary's setting. Rotation here is
 * immediate, so there is never an on-demand rotation in progress (no OnDemandRotationStartDate).
 */
export async function getKeyRotationStatus(core: KmsCore, input: GetKeyRotationStatusRequest, ctx: RequestContext): Promise<GetKeyRotationStatusResponse> {
  const key = await loadAuthorized(core, input.KeyId, ctx, 'kms:GetKeyRotationStatus', {}, { crossAccount: true });
  requireRotationSupported(key);
  const { rotation } = await primaryOf(core, key);
  const enabled = rotation.enabled && !isPendingDeletion(key);
  const out: GetKeyRotationStatusResponse = { KeyId: key.keyId, KeyRotationEnabled: enabled };
  if (enabled) {
    out.RotationPeriodInDays = rotation.periodDays;
    if (rotation.nextRotation !== undefined) out.NextRotationDate = new Date(rotation.nextRotation);
  }
  return out;
}
