import { insightsService } from '../insights/service.js';
import type { AddressInfo } from 'node:net';
import { systemClock, type Clock } from '../common/clock.js';
import { DEV_ACCOUNT_ID } from '../auth/identity.js';
import type { NewAccessKey } from '../iam/accounts.js';
import { openDataDir } from '../store/index.js';
import { createApp, type App } from './app.js';
import { createHttpServer } from './http.js';
import { BackgroundRunner } from './background.js';
import { silentLogger, type RequestLogger } from './logger.js';

export interface ServeOptions {
  host: string;
  port: number;
  dataDir: string;
  dev: boolean;
  clock?: Clock;
  logger?: RequestLogger;
  env?: NodeJS.ProcessEnv;
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

export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const clock = opts.clock ?? systemClock;
  const opened = await openDataDir(opts.dataDir, opts.env ?? process.env);
  const app = createApp({ store: opened.store, keyring: opened.keyring, clock, dev: opts.dev, logger: opts.logger ?? silentLogger });
  let bootstrap: NewAccessKey | undefined;
  try {
    if (opts.dev) await app.accounts.ensureAccount(DEV_ACCOUNT_ID);
    else bootstrap = await bootstrapAccount(app);
  } catch (err) {
    await opened.store.close();
    throw err;
  }

  const server = createHttpServer(app);
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
  const background = new BackgroundRunner(app.background, app.logger);
  background.start();
  const urlHost = opts.host.includes(':') ? `[${opts.host}]` : opts.host;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      await background.stop();
      // Running Logs Insights queries stop (Cancelled) and store what they found before the store closes.
      await insightsService(app.logs).close();
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (inFlight > 0) {
        await Promise.race([
          new Promise<void>((resolve) => {
            drained = resolve;
          }),
          new Promise<void>((resolve) => setTimeout(resolve, 10_000).unref()),
        ]);
      }
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
async function bootstrapAccount(app: App): Promise<NewAccessKey | undefined> {
  return app.store.transaction(async () => {
    const existing = (await app.accounts.listAccounts()).filter((id) => id !== DEV_ACCOUNT_ID);
    if (existing.length > 0) return undefined;
    const accountId = await app.accounts.createAccount();
    return app.accounts.createRootAccessKey(accountId);
  });
}
