import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../../common/operation.js';
import type { LogsCore } from '../../../logs/core.js';
import { validateTags } from '../../../logs/ops/tagHelpers.js';
import type { CreateLogAnomalyDetectorRequest, CreateLogAnomalyDetectorResponse } from '../../../protocol/generated/logs.js';
import { AnomalyEngine } from '../../engine.js';
import { DEFAULT_ANOMALY_VISIBILITY_DAYS } from '../../model.js';
import type { NewDetector } from '../model.js';
import { arnOf } from '../sealing.js';
import { anomalyService, engineSettings } from '../service.js';
import { checkFilterPattern, watchedGroupArn } from './detectorHelpers.js';

/**
 * Creates a detector for one log group. Its (empty) engine state is sealed at once, under the customer key when one
 * is given (checked as CloudWatch Logs checks it, for this detector) or the service-owned key; the scheduler trains
 * it on the group's last two weeks at its next run and judges each window from then on.
 */
export async function createLogAnomalyDetector(
  core: LogsCore,
  input: CreateLogAnomalyDetectorRequest,
  ctx: RequestContext,
): Promise<CreateLogAnomalyDetectorResponse> {
  const service = anomalyService(core);
  const logGroupArn = await watchedGroupArn(core, ctx, input.logGroupArnList);
  checkFilterPattern(input.filterPattern);
  if (input.tags) validateTags(input.tags);
  const now = core.clock.now();
  const d: NewDetector = {
    accountId: ctx.principal.accountId,
    region: ctx.region,
    detectorId: randomUUID(),
    logGroupArn,
    // The console's default; the API reference documents none.
    evaluationFrequency: input.evaluationFrequency ?? 'FIVE_MIN',
    anomalyVisibilityTime: input.anomalyVisibilityTime ?? DEFAULT_ANOMALY_VISIBILITY_DAYS,
    enabled: true,
    createdAt: now,
    lastModifiedAt: now,
    tags: { ...input.tags },
    // Due at once: the scheduler's next run trains it.
    progress: { analyzing: false, nextRunAt: now },
  };
  if (input.detectorName !== undefined) d.name = input.detectorName;
  if (input.filterPattern) d.filterPattern = input.filterPattern;
  const key =
    input.kmsKeyId === undefined ? await service.sealer.newDataKey(d, undefined, ctx) : await service.dataKeyForNewDetector(ctx, d, input.kmsKeyId);
  if (key.keyArn !== undefined) d.kmsKeyArn = key.keyArn;
  const engine = new AnomalyEngine(engineSettings(d), core.clock);
  const created = await service.store.createDetector(d, service.sealer.seal(d, key, engine.toBuffer()));
  return { anomalyDetectorArn: arnOf(created) };
}
