import type { RequestContext } from '../../common/operation.js';
import type { DisableKeyRotationRequest } from '../../protocol/generated/kms.js';
import type { KmsCore } from '../core.js';
import type { RotationInfo } from '../model.js';
import { loadAuthorized, requireNotReplica, requireRotatable } from './lifecycleHelpers.js';

/** Turns off automatic rotation; material from earlier rotations stays for decryption. */
export async function disableKeyRotation(core: KmsCore, input: DisableKeyRotationRequest, ctx: RequestContext): Promise<void> {
  const key = await loadAuthorized(core, input.KeyId, ctx, 'kms:DisableKeyRotation');
  requireRotatable(key, { needEnabled: true });
  requireNotReplica(key);
  if (!key.rotation.enabled) return;
  const rotation: RotationInfo = { ...key.rotation, enabled: false };
  delete rotation.nextRotation;
  await core.saveKey({ ...key, rotation });
}
