import { Server as NetServer, type AddressInfo } from 'node:net';
import { insightsService } from '../insights/service.js';
import { systemClock, type Clock } from '../common/clock.js';
import type { RegionSet } from '../common/regions.js';
import { DEV_ACCOUNT_ID } from '../auth/identity.js';
import type { NewAccessKey } from '../iam/accounts.js';
import { openDataDir } from '../store/index.js';
import { createApp, type App } from './app.js';
import { createHttpServer } from './http.js';
import { DEFAULT_LIMITS, type ServerLimits } from './limits.js';
import { BackgroundRunner, type BackgroundOptions } from './background.js';
import { silentLogger, type RequestLogger } from './logger.js';

export interface ServeOptions {
  host: string;
  port: number;
  dataDir: string;
  dev: boolean;
  clock?: Clock;
  logger?: RequestLogger;
  env?: NodeJS.ProcessEnv;
  /** Connection, body and timeout limits (defaults: DEFAULT_LIMITS). */
  limits?: ServerLimits;
  /**
   * On close, connections between requests stay open at least this long (answering with `Connection: close`), so a
   * client that sends on an idle keep-alive connection as the drain starts is answered rather than reset.
   */
  drainGraceMs?: number;
  /** A PostgreSQL URL: serve from that database (shared with other instances) instead of SQLite in `dataDir`. */
  databaseUrl?: string;
  /** Overrides the intervals of the scheduled jobs and of the lease check (tests). */
  background?: BackgroundOptions;
  /** Regions accepted besides AWS's (`--regions`). */
  regions?: RegionSet;
  /** Other processes serve the same SQLite file (a worker of `logseal serve --workers N`, ADR 0022). */
  sharedFile?: boolean;
}

export interface RunningServer {
  readonly app: App;
  readonly host: string;
  readonly port: number;
  /** `http://host:port` */
  readonly url: string;
  /** Set on the first start without `--dev`: the account and root access key created for the operator. */
  readonly bootstrap?: NewAccessKey;
  readonly masterKeyOrigin: 'env' | 'file' | 'created';
  /** Requests being served right now. */
  inFlight(): number;
  /** Stops accepting connections, lets in-flight requests finish, closes the store. */
  close(): Promise<void>;
}

/** How often an instance sharing a database reloads the IAM principal index. */
const PRINCIPAL_REFRESH_MS = 2_000;

export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const clock = opts.clock ?? systemClock;
  const opened = await openDataDir(opts.dataDir, opts.env ?? process.env, opts.databaseUrl, { sharedFile: opts.sharedFile });
  const app = createApp({ store: opened.store, keyring: opened.keyring, clock, dev: opts.dev, logger: opts.logger ?? silentLogger, regions: opts.regions });
  let bootstrap: NewAccessKey | undefined;
  try {
    if (opts.dev) await app.accounts.ensureAccount(DEV_ACCOUNT_ID);
    else bootstrap = await bootstrapAccount(app);
  } catch (err) {
    await opened.store.close();
    throw err;
  }

  const front = createHttpServer(app, opts.limits ?? DEFAULT_LIMITS);
  const server = front.server;
  let inFlight = 0;
  let drained: (() => void) | undefined;
  server.on('request', (_req, res) => {
    inFlight++;
    res.on('close', () => {
      inFlight--;
      if (inFlight === 0 && drained) drained();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const shared = app.store.kind === 'postgres' || opts.sharedFile === true;
  const background = new BackgroundRunner(app.background, app.logger, shared ? app.store.coordination : undefined, opts.background);
  background.start();
  // Other instances create and delete IAM users and roles: the in-memory principal index is reloaded every few
  // seconds (policy validation asks it synchronously).
  const principalRefresh = shared
    ? setInterval(() => {
        app.iam.principals.reload(app.store).catch(() => undefined);
      }, PRINCIPAL_REFRESH_MS)
    : undefined;
  principalRefresh?.unref();
  // Processes sharing a SQLite file see each other's IAM users and roles as soon as the change counter moves.
  app.store.changes?.onChange(() => void app.iam.principals.reload(app.store).catch(() => undefined));
  const urlHost = opts.host.includes(':') ? `[${opts.host}]` : opts.host;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      const started = Date.now();
      // Stop accepting connections, but not node's http close(), which also resets idle keep-alive connections at
      // once: a request a client sends on one of them as the drain starts would get ECONNRESET. Instead every answer
      // from now on carries `Connection: close`, and connections are closed only between requests.
      front.draining = true;
      // Event streams (Live Tail) would hold their connections to the end of the grace: they end now.
      front.streams.endAll();
      const stopped = new Promise<void>((resolve) => NetServer.prototype.close.call(server, () => resolve()));
      if (principalRefresh) clearInterval(principalRefresh);
      await background.stop();
      // Running Logs Insights queries stop (Cancelled) and store what they found before the store closes.
      await insightsService(app.logs).close();
      if (inFlight > 0) {
        await Promise.race([
          new Promise<void>((resolve) => {
            drained = resolve;
          }),
          new Promise<void>((resolve) => setTimeout(resolve, 10_000).unref()),
        ]);
      }
      const grace = (opts.drainGraceMs ?? 0) - (Date.now() - started);
      if (grace > 0 && front.connections.count() > 0) await new Promise<void>((resolve) => setTimeout(resolve, grace));
      front.connections.closeIdle(250);
      if (inFlight > 0 || ((opts.drainGraceMs ?? 0) > 0 && front.connections.count() > 0)) {
        await Promise.race([
          new Promise<void>((resolve) => {
            drained = resolve;
          }),
          new Promise<void>((resolve) => setTimeout(resolve, inFlight > 0 ? 2_000 : 300)),
        ]);
      }
      front.connections.destroyAll();
      server.closeAllConnections();
      await stopped;
      app.logger.flush?.();
      await app.store.close();
    })();
    return closing;
  };

  return { app, host: opts.host, port, url: `http://${urlHost}:${port}`, bootstrap, masterKeyOrigin: opened.masterKey.origin, inFlight: () => inFlight, close };
}

/** The first start without `--dev` creates an account and its root access key for the operator. */
export async function bootstrapAccount(app: Pick<App, 'accounts' | 'store'>): Promise<NewAccessKey | undefined> {
  return app.store.transaction(async () => {
    const existing = (await app.accounts.listAccounts()).filter((id) => id !== DEV_ACCOUNT_ID);
    if (existing.length > 0) return undefined;
    const accountId = await app.accounts.createAccount();
    return app.accounts.createRootAccessKey(accountId);
  });
}
