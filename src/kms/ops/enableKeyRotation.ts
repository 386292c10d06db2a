import type { RequestContext } from '../../common/operation.js';
import type { EnableKeyRotationRequest } from '../../protocol/generated/kms.js';
import type { KmsCore } from '../core.js';
import type { RotationInfo } from '../model.js';
import { DAY_MS, loadAuthorized, requireNotReplica, requireRotatable } from './lifecycleHelpers.js';

const DEFAULT_PERIOD_DAYS = 365;

/**
 * Turns on automatic rotation every RotationPeriodInDays (90-2560, default 365). The first rotation is one period
 * after enabling; on a key whose rotation is already on, a new period counts from the last rotation (or enabling).
 */
export async function enableKeyRotation(core: KmsCore, input: EnableKeyRotationRequest, ctx: RequestContext): Promise<void> {
  const period = input.RotationPeriodInDays ?? DEFAULT_PERIOD_DAYS;
  const key = await loadAuthorized(core, input.KeyId, ctx, 'kms:EnableKeyRotation', { 'kms:RotationPeriodInDays': period });
  requireRotatable(key, { needEnabled: true });
  requireNotReplica(key);
  const rotation: RotationInfo = { ...key.rotation, enabled: true, periodDays: period, nextRotation: nextRotation(key.rotation, period, core.clock.now()) };
  await core.saveKey({ ...key, rotation });
}

function nextRotation(current: RotationInfo, periodDays: number, now: number): number {
  if (!current.enabled || current.nextRotation === undefined) return now + periodDays * DAY_MS;
  const lastRotation = current.nextRotation - current.periodDays * DAY_MS;
  return lastRotation + periodDays * DAY_MS;
}
