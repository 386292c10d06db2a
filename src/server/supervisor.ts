import cluster, { type Worker } from 'node:cluster';

/**
 * `logseal serve --workers N` (ADR 0022): this process forks N workers that share the listening port (node's
 * `cluster`: the supervisor accepts connections and hands each to a worker in turn), restarts a worker that dies, and
 * on SIGTERM or SIGINT lets every worker drain (each finishes its in-flight requests) before it exits itself. It
 * serves no requests and holds no database connection while the workers run.
 */

/** What a worker tells the supervisor once it listens. */
export interface WorkerReady {
  type: 'logseal-ready';
  url: string;
}

export function isWorkerReady(m: unknown): m is WorkerReady {
  return typeof m === 'object' && m !== null && (m as { type?: unknown }).type === 'logseal-ready';
}

export interface SupervisorOptions {
  workers: number;
  /** Writes a line for the operator (stderr). */
  say(line: string): void;
  /** Called once, when every worker listens, with the URL they serve. */
  onReady(url: string, pids: number[]): void;
  /** Environment added for the workers. */
  env?: NodeJS.ProcessEnv;
}

/** A worker that dies sooner than this after it started is restarted with a growing delay (a crash loop backs off). */
const STABLE_AFTER_MS = 10_000;
const MAX_RESTART_DELAY_MS = 5_000;

/**
 * Runs the workers until SIGTERM or SIGINT; resolves with the exit code: 0 after a clean stop, 1 when the workers
 * could not start (the port is taken, the data directory cannot be opened: the first worker's error is printed).
 */
export function superviseWorkers(opts: SupervisorOptions): Promise<number> {
  return new Promise<number>((resolveExit) => {
    const started = new Map<Worker, number>();
    const ready = new Set<Worker>();
    let allReady = false;
    let stopping = false;
    let exitCode = 0;
    let restartDelay = 100;

    const fork = (): void => {
      const w = cluster.fork({ ...opts.env, LOGSEAL_WORKER: '1' });
      started.set(w, Date.now());
      w.on('message', (m: unknown) => {
        if (!isWorkerReady(m)) return;
        ready.add(w);
        if (!allReady && ready.size === opts.workers) {
          allReady = true;
          opts.onReady(m.url, [...ready].map((r) => r.process.pid!));
        }
      });
    };

    const stopAll = (): void => {
      for (const w of Object.values(cluster.workers ?? {})) {
        if (w && !w.isDead()) w.process.kill('SIGTERM');
      }
    };

    cluster.on('exit', (w, code, signal) => {
      const since = started.get(w) ?? 0;
      started.delete(w);
      ready.delete(w);
      const alive = Object.values(cluster.workers ?? {}).filter((x) => x && !x.isDead()).length;
      if (!stopping && !allReady) {
        // A worker that cannot start is not retried: the others would fail alike (the port, the data directory).
        stopping = true;
        exitCode = 1;
        opts.say(`logseal: a worker exited while starting (${signal ?? `code ${code}`}); stopping`);
        stopAll();
      }
      if (stopping) {
        if (alive === 0) resolveExit(exitCode);
        return;
      }
      const quick = Date.now() - since < STABLE_AFTER_MS;
      restartDelay = quick ? Math.min(restartDelay * 2, MAX_RESTART_DELAY_MS) : 100;
      opts.say(`logseal: worker ${w.process.pid} exited (${signal ?? `code ${code}`}); starting another`);
      setTimeout(() => {
        if (!stopping) fork();
      }, restartDelay);
    });

    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      opts.say(`logseal: ${signal} received, the workers finish their in-flight requests`);
      stopAll();
      if (Object.values(cluster.workers ?? {}).every((x) => !x || x.isDead())) resolveExit(exitCode);
    };
    process.on('SIGTERM', () => stop('SIGTERM'));
    process.on('SIGINT', () => stop('SIGINT'));

    for (let i = 0; i < opts.workers; i++) fork();
  });
}

/**
 * In a worker: runs `stop` once on SIGTERM (sent by the supervisor). SIGINT is left to the supervisor: a Ctrl-C in a
 * terminal reaches every process of the group, and the supervisor turns it into one SIGTERM per worker. When the
 * supervisor itself dies, node's cluster ends the worker at once (its IPC channel closes): requests in flight then
 * get no answer, as after a kill -9; what was acknowledged is committed.
 */
export function onWorkerStop(stop: (why: string) => void): void {
  let once = false;
  const run = (why: string) => {
    if (once) return;
    once = true;
    stop(why);
  };
  process.on('SIGTERM', () => run('SIGTERM'));
  process.on('SIGINT', () => {});
}

export function readyMessage(url: string): WorkerReady {
  return { type: 'logseal-ready', url };
}
