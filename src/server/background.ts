import type { BackgroundTask } from '../common/background.js';
import type { RequestLogger } from './logger.js';

/** Runs background tasks on their intervals, one run of a task at a time, until stopped. */
export class BackgroundRunner {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    private readonly tasks: readonly BackgroundTask[],
    private readonly logger: RequestLogger,
  ) {}

  start(): void {
    for (const task of this.tasks) this.schedule(task);
  }

  private schedule(task: BackgroundTask): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      const run = task
        .runOnce()
        .catch((err) => this.logger.fault(`background:${task.name}`, err))
        .finally(() => {
          this.running.delete(run);
          this.schedule(task);
        });
      this.running.add(run);
    }, task.intervalMs);
    timer.unref();
    this.timers.add(timer);
  }

  /** Stops scheduling and waits for runs in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await Promise.allSettled([...this.running]);
  }
}
