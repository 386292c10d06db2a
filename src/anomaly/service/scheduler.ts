/**
 * The anomaly detection scheduler: a background task that trains new detectors and judges every detector's windows
 * as they end. What it has done is persisted with each detector (`progress`: the end of the last window judged, when
 * it last read events), so it survives restarts and never judges a window twice: a step's findings and its progress
 * are written together, over the revision the step read, or not at all.
 *
 * While KMS refuses the detector's key (disabled, pending deletion, access revoked) or the log group's, the detector
 * is paused: its status says PAUSED, nothing is judged, and every run tries again; once the key works the windows
 * missed meanwhile are judged in order.
 */
import type { BackgroundTask } from '../../common/background.js';
import type { LogsCore } from '../../logs/core.js';
import { messages as logsMessages } from '../../logs/messages.js';
import { AwsError } from '../../protocol/errors.js';
import { backgroundContext, evaluateStep, periodOf, train, watchedGroup } from './evaluation.js';
import type { DetectorRecord, SealedState } from './model.js';
import { anomalyService, type AnomalyService, type OpenedDetector } from './service.js';

const DETECTORS_PER_PAGE = 100;
/** Times a detector's step is tried again after losing a race with an operation (UpdateAnomaly, …) in one run. */
const MAX_CONFLICTS = 3;

export const ANOMALY_TASK_NAME = 'logs-anomaly-detection';

export function anomalyDetectionTask(core: LogsCore, intervalMs = 15_000): BackgroundTask {
  const scheduler = new DetectorScheduler(anomalyService(core));
  return { name: ANOMALY_TASK_NAME, intervalMs, runOnce: () => scheduler.runOnce() };
}

/** What one step did: whether it wrote, and whether the detector still has work due now. */
type StepResult = 'conflict' | 'done' | 'more';

function isDue(d: DetectorRecord, now: number): boolean {
  return d.enabled && d.progress.nextRunAt !== undefined && d.progress.nextRunAt <= now;
}

export class DetectorScheduler {
  /** Runs do not overlap: a run asked for while one is going starts after it (tests call runOnce beside the timer). */
  private last: Promise<void> = Promise.resolve();

  constructor(private readonly service: AnomalyService) {}

  runOnce(): Promise<void> {
    const run = this.last.then(() => this.runDue());
    this.last = run.catch(() => {});
    return run;
  }

  /** Every detector due now; one detector's failure does not stop the others (the first is rethrown at the end). */
  private async runDue(): Promise<void> {
    const now = this.service.core.clock.now();
    let failure: unknown;
    let afterSeq = 0;
    for (;;) {
      const due = await this.service.store.detectorsDue(now, DETECTORS_PER_PAGE, afterSeq);
      for (const d of due) {
        try {
          await this.runDetector(d, now);
        } catch (err) {
          failure ??= err;
        }
      }
      if (due.length < DETECTORS_PER_PAGE) break;
      afterSeq = due[due.length - 1]!.seq;
    }
    if (failure !== undefined) throw failure;
  }

  /** Steps the detector until nothing is due, reading it afresh before each step. */
  private async runDetector(first: DetectorRecord, now: number): Promise<void> {
    const { store } = this.service;
    let conflicts = 0;
    while (conflicts < MAX_CONFLICTS) {
      const sealed = await store.getSealed(first.accountId, first.region, first.detectorId);
      if (!sealed || !isDue(sealed.detector, now)) return;
      const result = await this.step(sealed.detector, sealed.state, now);
      if (result === 'done') return;
      if (result === 'conflict') conflicts++;
    }
  }

  /** Trains the detector, or judges its next windows; or records why it cannot. */
  private async step(d: DetectorRecord, state: SealedState, now: number): Promise<StepResult> {
    const ctx = backgroundContext(d, now);
    const group = await watchedGroup(this.service.core, d);
    if (!group) return this.block(d, logsMessages.groupNotFound);
    let o: OpenedDetector;
    try {
      o = await this.service.openSealed(d, state, ctx);
      if (d.progress.evaluatedUntil === undefined) await train(this.service.core, o, group, ctx, now);
      else await evaluateStep(this.service.core, o, group, ctx, now);
    } catch (err) {
      // KMS refuses the detector's key or the group's: evaluation pauses until it works again.
      if (err instanceof AwsError) return this.block(d, err.message);
      throw err;
    }
    delete d.progress.blockedBy;
    d.progress.nextRunAt = d.progress.evaluatedUntil! + periodOf(d);
    const written = await this.service.trySave(o);
    if (!written) return 'conflict';
    return isDue(written, now) ? 'more' : 'done';
  }

  /** Records why the detector is paused; it stays due, so the next run tries again. */
  private async block(d: DetectorRecord, reason: string): Promise<StepResult> {
    if (d.progress.blockedBy === reason) return 'done';
    const written = await this.service.store.updateDetector({ ...d, progress: { ...d.progress, blockedBy: reason } });
    return written ? 'done' : 'conflict';
  }
}
