/**
 * A detector's work on its log group's events: training on the last two weeks, then judging each window of
 * `evaluationFrequency`. Events are read straight from the encrypted chunks (as the logs principal), filtered by the
 * detector's `filterPattern`, and streamed to the engine window by window, so memory holds one window at a time.
 *
 * Windows are cut by event timestamp and judged once their end has passed. An event that arrives after its window
 * was judged (agents buffer, Lambda flushes late) is judged with the next window, provided its timestamp is at most
 * LATE_EVENTS_MS before that window: an event belongs to a run if it was ingested after the previous run started
 * reading, as AWS evaluates "the events ingested since the last run". Each event is judged at most once.
 */
import { servicePrincipal } from '../../auth/identity.js';
import type { RequestContext } from '../../common/operation.js';
import { ScanBudget } from '../../common/scanBudget.js';
import { parseGroupIdentifier } from '../../logs/arns.js';
import type { LogsCore } from '../../logs/core.js';
import { filterMatcher, type FilterMatcher } from '../../logs/filter/index.js';
import type { LogGroupRecord } from '../../logs/model.js';
import { NEXT } from '../../logs/scan.js';
import type { AnomalyEngine } from '../engine.js';
import { EVALUATION_PERIOD_MS, type LogEventInput } from '../model.js';
import type { DetectorRecord } from './model.js';

const HOUR_MS = 3_600_000;
/** Training covers the group's last two weeks, as on AWS; a backlog older than that is not judged either. */
export const TRAINING_SPAN_MS = 14 * 24 * HOUR_MS;
/** How late (by timestamp) an event may arrive and still be judged with the next window. */
export const LATE_EVENTS_MS = 15 * 60_000;
/** Training reads the group an hour at a time (an hour is a whole number of windows of every frequency). */
const TRAINING_SLICE_MS = HOUR_MS;
/** Windows judged by one evaluation step at most, before the state is saved (bounds the work lost to a conflict). */
export const MAX_STEP_SPAN_MS = 6 * HOUR_MS;

export function periodOf(d: Pick<DetectorRecord, 'evaluationFrequency'>): number {
  return EVALUATION_PERIOD_MS[d.evaluationFrequency];
}

/** The context of the KMS calls the scheduler makes for a detector (the group's key, the detector's key). */
export function backgroundContext(d: DetectorRecord, now: number): RequestContext {
  return {
    requestId: 'logs-anomaly-detection',
    principal: servicePrincipal('logs', d.region, d.accountId),
    region: d.region,
    sourceIp: '',
    userAgent: 'logs.amazonaws.com',
    time: now,
    secureTransport: true,
  };
}

/** The log group a detector watches, if it still exists. */
export async function watchedGroup(core: LogsCore, d: DetectorRecord): Promise<LogGroupRecord | undefined> {
  const ref = parseGroupIdentifier(d.logGroupArn);
  return ref ? core.store.logs.getGroup(d.accountId, d.region, ref.name) : undefined;
}

/** Visits the group's events with timestamps in [from, to) that match the detector's filter, in timestamp order. */
async function scanEvents(
  core: LogsCore,
  d: DetectorRecord,
  group: LogGroupRecord,
  ctx: RequestContext,
  range: { from: number; to: number },
  visit: (ev: LogEventInput, ingestionTime: number) => void,
): Promise<void> {
  if (range.to <= range.from) return;
  const match: FilterMatcher | undefined = d.filterPattern ? filterMatcher(d.filterPattern) : undefined;
  // A detector's step must see all of its windows' events, so its scan has no limit; it yields to the event loop
  // between slices so that requests are served while a big backlog or a two-week training is read.
  const budget = new ScanBudget();
  const scanner = core.scanner(group, ctx, undefined, { direction: 'asc', fromTime: range.from, toTime: range.to - 1, budget });
  await scanner.run((cur, i) => {
    const message = cur.cols.message(i);
    if (match === undefined || match(message)) visit({ timestamp: cur.cols.times[i]!, message }, cur.cols.ingestionTimes[i]!);
    return NEXT;
  });
}

/**
 * Feeds time-ordered events to the engine in consecutive spans of `step` from `start` to `end`, handing over each
 * span's events once the next span starts (or at the end).
 */
class SpanFeeder {
  private index = 0;
  private events: LogEventInput[] = [];

  constructor(
    private readonly start: number,
    private readonly end: number,
    private readonly step: number,
    private readonly flush: (events: LogEventInput[], spanStart: number, spanEnd: number) => void,
  ) {}

  /** Adds an event; one timed before `start` counts in the first span. */
  add(ev: LogEventInput): void {
    const k = Math.max(0, Math.floor((ev.timestamp - this.start) / this.step));
    while (this.index < k) this.next();
    this.events.push(ev);
  }

  finish(): void {
    while (this.start + this.index * this.step < this.end) this.next();
  }

  private next(): void {
    const spanStart = this.start + this.index * this.step;
    this.flush(this.events, spanStart, Math.min(this.end, spanStart + this.step));
    this.events = [];
    this.index++;
  }
}

/**
 * Trains a new detector on the events the group had before the window the detector was created in (at most two
 * weeks of them), ingested before `scanAt`. Training starts at the hour of the first event, so a young group's empty
 * past does not count as history; with no events at all there is nothing to learn. Sets the detector's progress.
 */
export async function train(core: LogsCore, o: { detector: DetectorRecord; engine: AnomalyEngine }, group: LogGroupRecord, ctx: RequestContext, scanAt: number): Promise<void> {
  const d = o.detector;
  const period = periodOf(d);
  const end = Math.floor(d.createdAt / period) * period;
  const start = end - TRAINING_SPAN_MS;
  let feeder: SpanFeeder | undefined;
  await scanEvents(core, d, group, ctx, { from: start, to: end }, (ev, ingestionTime) => {
    if (ingestionTime > scanAt) return;
    if (feeder === undefined) {
      const first = start + Math.floor((ev.timestamp - start) / TRAINING_SLICE_MS) * TRAINING_SLICE_MS;
      feeder = new SpanFeeder(first, end, TRAINING_SLICE_MS, (events, from, to) => o.engine.train(events, { start: from, end: to }));
    }
    feeder.add(ev);
  });
  feeder?.finish();
  d.progress.evaluatedUntil = end;
  d.progress.lastScanAt = scanAt;
}

/**
 * Judges the windows that have ended since the detector's last one, MAX_STEP_SPAN_MS of them at most, with the
 * events read now (`scanAt`). Windows older than the training span (a long pause of the key) are skipped, as
 * windows are when the detector is disabled. Sets the detector's progress.
 */
export async function evaluateStep(
  core: LogsCore,
  o: { detector: DetectorRecord; engine: AnomalyEngine },
  group: LogGroupRecord,
  ctx: RequestContext,
  scanAt: number,
): Promise<void> {
  const d = o.detector;
  const period = periodOf(d);
  const ended = Math.floor(scanAt / period) * period;
  const start = Math.max(d.progress.evaluatedUntil!, ended - TRAINING_SPAN_MS);
  const end = Math.min(ended, start + MAX_STEP_SPAN_MS);
  if (end <= start) return;
  const lastScanAt = d.progress.lastScanAt ?? start;
  const feeder = new SpanFeeder(start, end, period, (events, _from, to) => void o.engine.evaluate(events, to));
  await scanEvents(core, d, group, ctx, { from: start - LATE_EVENTS_MS, to: end }, (ev, ingestionTime) => {
    // Arrived during this scan: the next run takes it. Timed before `start`: judged already, unless it arrived late.
    if (ingestionTime > scanAt || (ev.timestamp < start && ingestionTime <= lastScanAt)) return;
    feeder.add(ev);
  });
  feeder.finish();
  d.progress.evaluatedUntil = end;
  d.progress.lastScanAt = scanAt;
}
