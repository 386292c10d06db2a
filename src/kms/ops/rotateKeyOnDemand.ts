import type { RequestContext } from '../../common/operation.js';
import type { RotateKeyOnDemandRequest, RotateKeyOnDemandResponse } from '../../protocol/generated/kms.js';
import { LimitExceededException } from '../../protocol/generated/kms.js';
import type { KmsCore } from '../core.js';
import { messages } from '../messages.js';
import { loadAuthorized, ON_DEMAND_ROTATION_LIMIT, requireNotReplica, requireRotatable, rotateMaterial } from './lifecycleHelpers.js';

/**
 * Rotates the key material now (and on every replica of a multi-Region key), at most 25 times per key. The
 * automatic rotation schedule is unchanged; earlier material stays for decryption.
 */
export async function rotateKeyOnDemand(core: KmsCore, input: RotateKeyOnDemandRequest, ctx: RequestContext): Promise<RotateKeyOnDemandResponse> {
  const key = await loadAuthorized(core, input.KeyId, ctx, 'kms:RotateKeyOnDemand');
  requireRotatable(key, { needEnabled: true });
  requireNotReplica(key);
  if (key.rotation.onDemandCount >= ON_DEMAND_ROTATION_LIMIT) throw new LimitExceededException(messages.onDemandRotationLimit(key.arn));
  await rotateMaterial(core, key, 'ON_DEMAND', core.clock.now());
  return { KeyId: key.keyId };
}
