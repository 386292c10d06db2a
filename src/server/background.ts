import type { BackgroundTask } from '../common/background.js';
import type { Coordination } from '../store/types.js';
import type { RequestLogger } from './logger.js';

/** How often an instance checks (or takes) the scheduler lease. A dead leader is replaced within about this long. */
export const DEFAULT_LEASE_CHECK_MS = 5_000;

export interface BackgroundOptions {
  /** Overrides every task's interval (tests). */
  intervalMs?: number;
  leaseCheckMs?: number;
}

/**
 * Runs background tasks on their intervals, one run of a task at a time, until stopped, and only while this instance
 * leads (`Coordination`): with several instances on one database, exactly one runs the scheduled jobs. The lease is
 * checked every few seconds; an instance that becomes the leader runs every task at once, so work left by a dead
 * leader is picked up within seconds. The jobs themselves re-read what they act on in a transaction that locks it,
 * so even an overlap at a hand-over cannot do a job twice.
 */
export class BackgroundRunner {
  private readonly timers = new Map<BackgroundTask, NodeJS.Timeout>();
  private readonly running = new Map<BackgroundTask, Promise<void>>();
  private leaseTimer: NodeJS.Timeout | undefined;
  private leading = false;
  private stopped = false;

  constructor(
    private readonly tasks: readonly BackgroundTask[],
    private readonly logger: RequestLogger,
    private readonly coordination?: Coordination,
    private readonly opts: BackgroundOptions = {},
  ) {}

  start(): void {
    for (const task of this.tasks) this.schedule(task);
    if (this.coordination) void this.checkLease();
  }

  private async checkLease(): Promise<void> {
    if (this.stopped || !this.coordination) return;
    let leads = false;
    try {
      leads = await this.coordination.lead();
    } catch {
      leads = false;
    }
    if (this.stopped) return;
    if (leads !== this.leading) {
      this.leading = leads;
      this.logger.event?.(leads ? 'scheduler-lease-taken' : 'scheduler-lease-lost', { pid: process.pid });
      if (leads) for (const task of this.tasks) this.runNow(task);
    }
    this.leaseTimer = setTimeout(() => void this.checkLease(), this.opts.leaseCheckMs ?? DEFAULT_LEASE_CHECK_MS);
    this.leaseTimer.unref();
  }

  private schedule(task: BackgroundTask, delay = this.opts.intervalMs ?? task.intervalMs): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(task);
      this.run(task);
    }, delay);
    timer.unref();
    this.timers.set(task, timer);
  }

  /** Runs the task now unless it is running; its next run is one interval after this one ends. */
  private runNow(task: BackgroundTask): void {
    if (this.running.has(task)) return;
    const t = this.timers.get(task);
    if (t) clearTimeout(t);
    this.timers.delete(task);
    this.run(task);
  }

  private run(task: BackgroundTask): void {
    if (this.stopped || this.running.has(task)) return;
    // Followers skip their turn; the leader runs it.
    if (this.coordination && !this.coordination.isLeader()) {
      this.schedule(task);
      return;
    }
    const run = task
      .runOnce()
      .catch((err) => this.logger.fault(`background:${task.name}`, err))
      .finally(() => {
        this.running.delete(task);
        this.schedule(task);
      });
    this.running.set(task, run);
  }

  /** Stops scheduling, waits for runs in progress, and gives the lease up so that another instance takes over. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    if (this.leaseTimer) clearTimeout(this.leaseTimer);
    await Promise.allSettled([...this.running.values()]);
    if (this.coordination) {
      await this.coordination.resign().catch(() => undefined);
      if (this.leading) this.logger.event?.('scheduler-lease-released', { pid: process.pid });
    }
  }
}
