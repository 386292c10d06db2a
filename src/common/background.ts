/**
 * Work the server does on its own schedule (key deletion and rotation, log retention, detector evaluation). A task
 * decides what is due from the injected clock, so tests move time and call `runOnce()` instead of waiting.
 */
export interface BackgroundTask {
  readonly name: string;
  /** How often the server runs it (ms of wall time). */
  readonly intervalMs: number;
  /** Does everything that is due now; must be safe to run again at any time (idempotent). */
  runOnce(): Promise<void>;
}
