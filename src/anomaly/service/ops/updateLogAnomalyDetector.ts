import type { RequestContext } from '../../../common/operation.js';
import type { LogsCore } from '../../../logs/core.js';
import { OperationAbortedException, type UpdateLogAnomalyDetectorRequest } from '../../../protocol/generated/logs.js';
import { EVALUATION_PERIOD_MS } from '../../model.js';
import { messages } from '../messages.js';
import type { DetectorRecord } from '../model.js';
import { anomalyService } from '../service.js';
import { checkFilterPattern } from './detectorHelpers.js';

/**
 * Changes how often a detector runs, what it looks at and how long anomalies stay visible, or pauses and restarts
 * it. There is no way to change its key (as on AWS: delete the detector and create it again). A new frequency or
 * visibility changes the engine, so it needs the key; pausing, restarting and a new filter pattern do not.
 */
export async function updateLogAnomalyDetector(core: LogsCore, input: UpdateLogAnomalyDetectorRequest, ctx: RequestContext): Promise<void> {
  const service = anomalyService(core);
  checkFilterPattern(input.filterPattern);
  const current = await service.mustDetector(ctx, input.anomalyDetectorArn);
  const frequency = input.evaluationFrequency ?? current.evaluationFrequency;
  const visibility = input.anomalyVisibilityTime ?? current.anomalyVisibilityTime;
  const engineChanges = frequency !== current.evaluationFrequency || visibility !== current.anomalyVisibilityTime;
  const opened = engineChanges ? await service.open(ctx, input.anomalyDetectorArn) : undefined;
  const d = opened?.detector ?? current;
  const now = core.clock.now();

  if (input.filterPattern !== undefined) {
    if (input.filterPattern === '') delete d.filterPattern;
    else d.filterPattern = input.filterPattern;
  }
  if (frequency !== d.evaluationFrequency) realign(d, frequency);
  d.anomalyVisibilityTime = visibility;
  if (input.enabled && !d.enabled) resume(d, now);
  d.enabled = input.enabled;
  d.lastModifiedAt = now;
  schedule(d, now);

  if (opened) {
    opened.engine.updateSettings({ evaluationFrequency: frequency, anomalyVisibilityTime: visibility });
    await service.save(opened);
  } else if (!(await service.store.updateDetector(d))) {
    throw new OperationAbortedException(messages.concurrentUpdate);
  }
}

/**
 * A new frequency: the next window starts at the first boundary of the new period not before the last judged one.
 * Events between the two are left out rather than judged twice or crammed into one short window.
 */
function realign(d: DetectorRecord, frequency: DetectorRecord['evaluationFrequency']): void {
  d.evaluationFrequency = frequency;
  const until = d.progress.evaluatedUntil;
  if (until === undefined) return;
  const period = EVALUATION_PERIOD_MS[frequency];
  d.progress.evaluatedUntil = Math.ceil(until / period) * period;
}

/** Restarting a paused detector: the windows of the pause are skipped, as a paused detector looks at nothing. */
function resume(d: DetectorRecord, now: number): void {
  const until = d.progress.evaluatedUntil;
  if (until === undefined) return; // not trained yet: it trains at the next run
  const period = EVALUATION_PERIOD_MS[d.evaluationFrequency];
  d.progress.evaluatedUntil = Math.max(until, Math.floor(now / period) * period);
  d.progress.lastScanAt = Math.max(d.progress.lastScanAt ?? now, now);
}

/** When the scheduler next looks at the detector: never while paused, at once to train, else when its window ends. */
function schedule(d: DetectorRecord, now: number): void {
  if (!d.enabled) delete d.progress.nextRunAt;
  else if (d.progress.evaluatedUntil === undefined) d.progress.nextRunAt = now;
  else d.progress.nextRunAt = d.progress.evaluatedUntil + EVALUATION_PERIOD_MS[d.evaluationFrequency];
}
