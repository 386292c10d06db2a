import type { RequestContext } from '../../common/operation.js';
import type { ScheduleKeyDeletionRequest, ScheduleKeyDeletionResponse } from '../../protocol/generated/kms.js';
import { KMSInvalidStateException } from '../../protocol/generated/kms.js';
import type { KmsCore } from '../core.js';
import { ValidationException } from '../errors.js';
import { messages } from '../messages.js';
import type { KmsKey } from '../model.js';
import { DAY_MS, hasReplicas, isPendingDeletion, loadAuthorized } from './lifecycleHelpers.js';

const DEFAULT_WINDOW_DAYS = 30;

/**
 * Schedules the key's deletion after a 7-30 day waiting period (default 30). A multi-Region primary key that still
 * has replicas waits in PendingReplicaDeletion instead: its window starts when its last replica is deleted (the
 * scheduler moves it to PendingDeletion then).
 */
export async function scheduleKeyDeletion(core: KmsCore, input: ScheduleKeyDeletionRequest, ctx: RequestContext): Promise<ScheduleKeyDeletionResponse> {
  const days = input.PendingWindowInDays ?? DEFAULT_WINDOW_DAYS;
  // The model allows 1-365 (checked before this handler); KMS itself refuses anything outside 7-30.
  if (days < 7 || days > 30) throw new ValidationException(messages.pendingWindowOutOfRange);

  // The condition key carries the effective window, so a policy bounding it also bounds the default.
  const key = await loadAuthorized(core, input.KeyId, ctx, 'kms:ScheduleKeyDeletion', {
    'kms:ScheduleKeyDeletionPendingWindowInDays': days,
  });
  if (isPendingDeletion(key)) throw new KMSInvalidStateException(messages.pendingDeletion(key.arn));

  const scheduled: KmsKey = { ...key, pendingWindowInDays: days };
  if (await hasReplicas(core, key)) {
    scheduled.state = 'PendingReplicaDeletion';
    delete scheduled.deletionDate;
  } else {
    scheduled.state = 'PendingDeletion';
    scheduled.deletionDate = core.clock.now() + days * DAY_MS;
  }
  const saved = await core.saveKey(scheduled);
  const out: ScheduleKeyDeletionResponse = { KeyId: saved.arn, KeyState: saved.state, PendingWindowInDays: days };
  if (saved.deletionDate !== undefined) out.DeletionDate = new Date(saved.deletionDate);
  return out;
}
