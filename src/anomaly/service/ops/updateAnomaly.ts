import type { RequestContext } from '../../../common/operation.js';
import type { LogsCore } from '../../../logs/core.js';
import {
  InvalidParameterException,
  ResourceNotFoundException,
  type UpdateAnomalyRequest,
} from '../../../protocol/generated/logs.js';
import { suppressionEnd, type AnomalyEngine, type SuppressionPeriod } from '../../engine.js';
import type { SuppressionEnd } from '../../model.js';
import { messages } from '../messages.js';
import { anomalyService } from '../service.js';

/**
 * Suppresses an anomaly, or every anomaly of a pattern (those found later included), for a period (LIMITED) or for
 * good (INFINITE); without a suppression type it ends the suppression, as the API reference says. `baseline`
 * accepts the anomaly (or the pattern's anomalies) as normal behaviour: only a more severe recurrence is reported.
 */
export async function updateAnomaly(core: LogsCore, input: UpdateAnomalyRequest, ctx: RequestContext): Promise<void> {
  const end = requestedEnd(input, ctx.time);
  const service = anomalyService(core);
  const opened = await service.open(ctx, input.anomalyDetectorArn);
  if (input.anomalyId !== undefined) updateOne(opened.engine, input.anomalyId, end, input.baseline);
  else updatePattern(opened.engine, input.patternId!, end, input.baseline);
  await service.save(opened);
}

/**
 * Checks the request's shape and returns when the suppression ends: 'INFINITE', a time, or undefined to end one.
 * Exactly one of anomalyId and patternId; LIMITED needs a positive period, INFINITE ignores any.
 */
function requestedEnd(input: UpdateAnomalyRequest, now: number): SuppressionEnd | undefined {
  if (input.anomalyId !== undefined && input.patternId !== undefined) throw new InvalidParameterException(messages.anomalyAndPatternExclusive);
  if (input.anomalyId === undefined && input.patternId === undefined) throw new InvalidParameterException(messages.anomalyOrPatternRequired);
  if (input.suppressionType === undefined) return undefined;
  if (input.suppressionType === 'INFINITE') return suppressionEnd(now, 'INFINITE');
  const p = input.suppressionPeriod;
  if (p?.value === undefined || p.suppressionUnit === undefined) throw new InvalidParameterException(messages.limitedNeedsPeriod);
  if (p.value <= 0) throw new InvalidParameterException(messages.suppressionPeriodPositive(p.value));
  const period: SuppressionPeriod = { value: p.value, suppressionUnit: p.suppressionUnit };
  return suppressionEnd(now, 'LIMITED', period);
}

function updateOne(engine: AnomalyEngine, anomalyId: string, end: SuppressionEnd | undefined, baseline: boolean | undefined): void {
  if (!engine.anomaly(anomalyId)) throw new ResourceNotFoundException(messages.anomalyNotFound);
  if (end === undefined) engine.unsuppressAnomaly(anomalyId);
  else engine.suppressAnomaly(anomalyId, end);
  if (baseline !== undefined) engine.setBaseline(anomalyId, baseline);
}

function updatePattern(engine: AnomalyEngine, patternId: string, end: SuppressionEnd | undefined, baseline: boolean | undefined): void {
  if (!engine.hasPattern(patternId)) throw new ResourceNotFoundException(messages.patternNotFound);
  const anomalies = end === undefined ? engine.unsuppressPattern(patternId) : engine.suppressPattern(patternId, end);
  if (baseline !== undefined) for (const a of anomalies) engine.setBaseline(a.anomalyId, baseline);
}
