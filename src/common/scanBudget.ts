/**
 * The time one scan of log data may take from the event loop, for any work that walks an unbounded amount of data
 * on behalf of one request or job (FilterLogEvents, anomaly detectors, and later Insights queries).
 *
 * Two bounds, both measured with a monotonic timer (not the injected business clock, which may stand still in
 * tests):
 * - a **slice**: once this much wall time has passed since the scan last gave way, it yields to the event loop
 *   (`pause`), so other requests are served between its chunks of work;
 * - a **limit**: the time spent in the scan's own synchronous stretches (`begin` … `end`: matching, decoding), i.e.
 *   its CPU time on the main thread, excluding the waits in between when others run. Once spent, the scan stops
 *   and answers with what it has and a position to resume from, as AWS does for partial scans.
 *
 * Checking the timer per event would cost more than a cheap event, so `tick` reads it only every ~32 units of work
 * (an event, or a KiB of message).
 */
import { performance } from 'node:perf_hooks';

export interface ScanBudgetOptions {
  /** Milliseconds of scanning (synchronous stretches) after which the scan stops; unbounded when absent. */
  limitMs?: number;
  /** Milliseconds of wall time after which the scan yields to the event loop. */
  sliceMs?: number;
  /** Monotonic milliseconds; `performance.now` by default. */
  now?: () => number;
}

/** Units of work (events, or KiB of message) between two readings of the timer. */
const CHECK_EVERY = 32;
/** A slice short enough that a request arriving during a scan waits little, long enough to cost nothing. */
export const DEFAULT_SLICE_MS = 10;

export class ScanBudget {
  readonly limitMs: number;
  readonly sliceMs: number;
  private readonly now: () => number;
  /** Milliseconds counted so far. */
  private used = 0;
  private stretchStart = -1;
  private sliceStart: number;
  private work = 0;
  /** Times the scan gave way to the event loop. */
  pauses = 0;

  constructor(opts: ScanBudgetOptions = {}) {
    this.limitMs = opts.limitMs ?? Infinity;
    this.sliceMs = opts.sliceMs ?? DEFAULT_SLICE_MS;
    this.now = opts.now ?? (() => performance.now());
    this.sliceStart = this.now();
  }

  /** Starts a synchronous stretch of scanning (its time counts against the limit). */
  begin(): void {
    this.stretchStart = this.now();
  }

  /** Ends the stretch begun last. */
  end(): void {
    if (this.stretchStart < 0) return;
    this.used += this.now() - this.stretchStart;
    this.stretchStart = -1;
  }

  /**
   * Records work done inside a stretch (`bytes` of message for one event); true when the scan should stop its
   * stretch now, because its slice is over (it should `pause`) or its limit is spent (it should answer).
   */
  tick(bytes = 0): boolean {
    this.work += 1 + (bytes >>> 10);
    if (this.work < CHECK_EVERY) return false;
    this.work = 0;
    const t = this.now();
    return t - this.sliceStart >= this.sliceMs || this.used + (this.stretchStart >= 0 ? t - this.stretchStart : 0) >= this.limitMs;
  }

  /** Milliseconds of scanning counted so far (closed stretches). */
  get spentMs(): number {
    return this.used;
  }

  /** True once the limit is spent. */
  get exhausted(): boolean {
    return this.used >= this.limitMs;
  }

  /** True when the current slice is over: the scan should `pause` before going on. */
  get due(): boolean {
    return this.now() - this.sliceStart >= this.sliceMs;
  }

  /**
   * Gives way to the event loop: resolves after pending I/O callbacks (other requests) have run (`setImmediate`
   * runs after the poll phase; a resolved promise would not let them in). Starts a new slice.
   */
  async pause(): Promise<void> {
    this.end();
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.pauses++;
    this.sliceStart = this.now();
  }
}
