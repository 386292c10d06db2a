import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../src/common/clock.js';
import type { RegionSet } from '../../src/common/regions.js';
import { DEV_ACCESS_KEY_ID, DEV_ACCOUNT_ID, DEV_SECRET_ACCESS_KEY } from '../../src/auth/identity.js';
import { startServer, type RunningServer } from '../../src/server/index.js';
import { startWorkersServer } from './workers.js';
import type { RequestLogger } from '../../src/server/logger.js';

export interface Creds {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export const devCreds: Creds = { accessKeyId: DEV_ACCESS_KEY_ID, secretAccessKey: DEV_SECRET_ACCESS_KEY };
export const devAccount = DEV_ACCOUNT_ID;

export interface TestServer {
  server: RunningServer;
  url: string;
  dataDir: string;
  /** Stops the server (idempotent). */
  stop(): Promise<void>;
  /** Stops the server and starts a new one on the same data dir. */
  restart(): Promise<TestServer>;
  /** Stops the server and removes its data dir. */
  dispose(): Promise<void>;
}

export interface TestServerOptions {
  dev?: boolean;
  clock?: Clock;
  dataDir?: string;
  logger?: RequestLogger;
  env?: NodeJS.ProcessEnv;
  regions?: RegionSet;
}

/**
 * Set when the server tests run through `logseal serve --workers N` (LOGSEAL_TEST_WORKERS): a test that changes the
 * server process from inside (a module-level setting) cannot reach the workers and says so with `skip`.
 */
export const servedByWorkers: string | false =
  Number(process.env.LOGSEAL_TEST_WORKERS ?? '1') > 1 ? 'configures the server in-process; the workers are other processes' : false;

/** A real server on a random loopback port, with its own temporary data dir. */
export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'logseal-test-'));
  // LOGSEAL_TEST_STORE=postgres runs the server tests on PostgreSQL (a database per data dir) instead of SQLite.
  const databaseUrl = process.env.LOGSEAL_TEST_STORE === 'postgres' ? await databaseFor(dataDir) : undefined;
  // LOGSEAL_TEST_WORKERS=2 serves through `logseal serve --workers 2` in a child process (test/helpers/workers.ts).
  // A test that moves the server's clock or reads its log lines keeps an in-process server: a clock object cannot
  // cross into the workers.
  const workers = Number(process.env.LOGSEAL_TEST_WORKERS ?? '1');
  const server =
    workers > 1 && !opts.clock && !opts.logger
      ? await startWorkersServer({ workers, dataDir, databaseUrl, dev: opts.dev ?? true, env: opts.env ?? {}, regions: opts.regions })
      : await startServer({
    host: '127.0.0.1',
    port: 0,
    dataDir,
    databaseUrl,
    dev: opts.dev ?? true,
    clock: opts.clock,
    logger: opts.logger,
        env: opts.env ?? {},
        regions: opts.regions,
      });
  const stop = () => server.close();
  return {
    server,
    url: server.url,
    dataDir,
    stop,
    async restart() {
      await stop();
      return startTestServer({ ...opts, dataDir });
    },
    async dispose() {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const databases = new Map<string, Promise<string>>();
function databaseFor(dataDir: string): Promise<string> {
  let url = databases.get(dataDir);
  if (!url) {
    url = import('./pg.js').then((m) => m.createDatabase('server'));
    databases.set(dataDir, url);
  }
  return url;
}

/**
 * Common SDK v3 client settings: our endpoint, a region, no retries (so errors are seen as they are). When a test
 * moves the server's clock (an `OffsetClock`), pass it so the client signs with the server's notion of now.
 */
export function clientConfig(url: string, creds: Creds = devCreds, region = 'us-east-1', clock?: Clock) {
  return { endpoint: url, region, credentials: creds, maxAttempts: 1, systemClockOffset: clock ? clock.now() - Date.now() : 0 };
}
