import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { DEV_ACCOUNT_ID } from '../auth/identity.js';
import type { NewAccessKey } from '../iam/accounts.js';
import { AccountService } from '../iam/accounts.js';
import { systemClock } from '../common/clock.js';
import { parseRegionNames, RegionSet } from '../common/regions.js';
import { bootstrapAccount, startServer } from '../server/index.js';
import { onWorkerStop, readyMessage, superviseWorkers } from '../server/supervisor.js';
import { jsonLineLogger } from '../server/logger.js';
import { limitsFrom } from '../server/limits.js';
import { openDataDir, redactUrl } from '../store/index.js';
import { POLICY_LINT_USAGE, policyLint } from './policyLint.js';
import { POSTURE_USAGE, posture } from './posture.js';

const USAGE = `Usage:
  logseal serve [--host 127.0.0.1] [--port 4566] [--data-dir ./.logseal] [--database postgres://…] [--dev]
                [--regions NAME,…] [--max-connections 512] [--max-inflight-bytes 67108864]
                [--headers-timeout 10] [--request-timeout 60] [--drain-grace 2] [--workers 1]
  logseal account create [--data-dir DIR] [--database URL]
  logseal access-key create --account ID [--data-dir DIR] [--database URL]
${POLICY_LINT_USAGE}
${POSTURE_USAGE}

Requests are accepted for AWS's commercial regions; --regions adds private region names.

Without --database, data lives in SQLite in the data directory. With a PostgreSQL URL, any number of instances
share that database; each needs the same master key (LOGSEAL_MASTER_KEY, or master.key in its data directory).

Environment: LOGSEAL_HOST, LOGSEAL_PORT, LOGSEAL_DATA_DIR, LOGSEAL_DATABASE_URL, LOGSEAL_DEV=1, LOGSEAL_REGIONS,
  LOGSEAL_MASTER_KEY (base64, 32 bytes), LOGSEAL_MAX_CONNECTIONS, LOGSEAL_MAX_INFLIGHT_BYTES,
  LOGSEAL_HEADERS_TIMEOUT, LOGSEAL_REQUEST_TIMEOUT (seconds), LOGSEAL_DRAIN_GRACE (seconds), LOGSEAL_WORKERS.

--workers N runs N server processes sharing the port (SQLite or PostgreSQL alike); --workers auto, one per core.
`;

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [command, sub] = argv;
  if (command === 'serve') return serve(argv.slice(1), env);
  if (command === 'account' && sub === 'create') return accountCreate(argv.slice(2), env);
  if (command === 'access-key' && sub === 'create') return accessKeyCreate(argv.slice(2), env);
  if (command === 'policy' && sub === 'lint') return policyLint(argv.slice(2));
  if (command === 'posture') return posture(argv.slice(1), env);
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(USAGE);
    return command === undefined ? 2 : 0;
  }
  process.stderr.write(`logseal: unknown command '${argv.join(' ')}'\n\n${USAGE}`);
  return 2;
}

function dataDirOf(value: string | undefined, env: NodeJS.ProcessEnv): string {
  return resolve(value ?? env.LOGSEAL_DATA_DIR ?? './.logseal');
}

/** The PostgreSQL URL from `--database` or LOGSEAL_DATABASE_URL; undefined for SQLite. */
function databaseOf(value: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  const url = value ?? (env.LOGSEAL_DATABASE_URL || undefined);
  if (url !== undefined && !/^postgres(ql)?:\/\//.test(url)) throw new Error(`--database must be a postgres:// URL, not '${redactUrl(url)}'`);
  return url;
}

async function serve(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      database: { type: 'string' },
      dev: { type: 'boolean' },
      'max-connections': { type: 'string' },
      'max-inflight-bytes': { type: 'string' },
      'headers-timeout': { type: 'string' },
      'request-timeout': { type: 'string' },
      'drain-grace': { type: 'string' },
      regions: { type: 'string' },
      workers: { type: 'string' },
    },
    strict: true,
  });
  const workers = workersOf(values.workers, env);
  const limits = limitsFrom(values, env);
  const graceText = values['drain-grace'] ?? env.LOGSEAL_DRAIN_GRACE ?? '2';
  const drainGraceMs = Number(graceText) * 1000;
  if (!Number.isFinite(drainGraceMs) || drainGraceMs < 0) throw new Error(`invalid --drain-grace '${graceText}'`);
  const host = values.host ?? env.LOGSEAL_HOST ?? '127.0.0.1';
  const portText = values.port ?? env.LOGSEAL_PORT ?? '4566';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid port '${portText}'`);
  const dev = values.dev ?? ['1', 'true', 'yes'].includes((env.LOGSEAL_DEV ?? '').toLowerCase());
  const dataDir = dataDirOf(values['data-dir'], env);

  let regions: RegionSet;
  try {
    regions = new RegionSet(parseRegionNames(values.regions ?? env.LOGSEAL_REGIONS));
  } catch (err) {
    process.stderr.write(`logseal: --regions: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
  const databaseUrl = databaseOf(values.database, env);
  const say = (line: string) => process.stderr.write(line + '\n');
  const where = databaseUrl ? `PostgreSQL ${redactUrl(databaseUrl)}` : dataDir;
  if (workers > 1 && cluster.isWorker && env.LOGSEAL_WORKER === '1') {
    // A worker of `--workers N`: the supervisor printed everything; this process serves and says when it listens.
    let server;
    try {
      server = await startServer({ host, port, dataDir, dev, env, databaseUrl, regions, logger: jsonLineLogger(), limits, drainGraceMs, sharedFile: !databaseUrl });
    } catch (err) {
      process.disconnect?.(); // the supervisor sees this worker exit, and stops
      throw err;
    }
    const running = server;
    process.send?.(readyMessage(running.url));
    await new Promise<void>((resolveStop) => onWorkerStop(() => void running.close().then(resolveStop, resolveStop)));
    if (process.connected) process.disconnect();
    // Nothing should be left, but a worker must not outlive its drain.
    setTimeout(() => process.exit(0), 1_000).unref();
    return 0;
  }
  if (workers > 1) {
    // The supervisor prepares the data directory once (migrations, master key, the first account), then forks.
    const opened = await openDataDir(dataDir, env, databaseUrl);
    let bootstrap: NewAccessKey | undefined;
    try {
      const accounts = new AccountService(opened.store, opened.keyring, systemClock);
      if (dev) await accounts.ensureAccount(DEV_ACCOUNT_ID);
      else bootstrap = await bootstrapAccount({ accounts, store: opened.store });
    } finally {
      await opened.store.close();
    }
    if (opened.masterKey.origin === 'created') {
      say(`logseal: created the master key ${dataDir}/master.key. Back it up: without it, no data in ${where} can be read.`);
    }
    const code = await superviseWorkers({
      workers,
      say,
      onReady: (url, pids) => {
        if (bootstrap) printNewKey(bootstrap, url, 'created account');
        say(
          [
            `logseal: serving on ${url} (data in ${where})${dev ? `; dev mode: test/test is the root of ${DEV_ACCOUNT_ID}` : ''}`,
            `logseal: ${workers} workers (pids ${pids.join(', ')}), supervisor pid ${process.pid}`,
            `logseal: web console at ${url}/console/`,
            ...(regions.extra.length > 0 ? [`logseal: private regions besides AWS's: ${regions.extra.join(', ')}`] : []),
          ].join('\n'),
        );
      },
    });
    say(code === 0 ? 'logseal: stopped' : 'logseal: the workers could not start');
    return code;
  }
  const server = await startServer({ host, port, dataDir, dev, env, databaseUrl, regions, logger: jsonLineLogger(), limits, drainGraceMs });
  if (server.masterKeyOrigin === 'created') {
    say(`logseal: created the master key ${dataDir}/master.key. Back it up: without it, no data in ${where} can be read.`);
  }
  if (server.bootstrap) printNewKey(server.bootstrap, server.url, 'created account');
  // The start-up lines go out in one write, so a reader that sees "serving on" sees the rest too.
  const ready = [
    `logseal: serving on ${server.url} (data in ${where})${dev ? `; dev mode: test/test is the root of ${DEV_ACCOUNT_ID}` : ''}`,
    `logseal: web console at ${server.url}/console/`,
    ...(regions.extra.length > 0 ? [`logseal: private regions besides AWS's: ${regions.extra.join(', ')}`] : []),
  ];
  say(ready.join('\n'));

  await new Promise<void>((resolveStop) => {
    const stop = (signal: string) => {
      say(`logseal: ${signal} received, finishing in-flight requests`);
      process.off('SIGTERM', onTerm);
      process.off('SIGINT', onInt);
      server.close().then(resolveStop, (err) => {
        say(`logseal: error while stopping: ${err instanceof Error ? err.message : String(err)}`);
        resolveStop();
      });
    };
    const onTerm = () => stop('SIGTERM');
    const onInt = () => stop('SIGINT');
    process.on('SIGTERM', onTerm);
    process.on('SIGINT', onInt);
  });
  say('logseal: stopped');
  return 0;
}

/**
 * `--workers N` (or LOGSEAL_WORKERS): how many server processes; `auto` is one per core. The default is one
 * process: ADR 0022 has the measurements behind it.
 */
function workersOf(value: string | undefined, env: NodeJS.ProcessEnv): number {
  const text = value ?? (env.LOGSEAL_WORKERS || '1');
  if (text === 'auto') return availableParallelism();
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new Error(`invalid --workers '${text}' (a number from 1 to 256, or auto)`);
  return n;
}

async function accountCreate(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const { values } = parseArgs({ args, options: { 'data-dir': { type: 'string' }, database: { type: 'string' } }, strict: true });
  const opened = await openDataDir(dataDirOf(values['data-dir'], env), env, databaseOf(values.database, env));
  try {
    const accounts = new AccountService(opened.store, opened.keyring, systemClock);
    const key = await opened.store.transaction(async () => accounts.createRootAccessKey(await accounts.createAccount()));
    printNewKey(key, undefined, 'created account');
    return 0;
  } finally {
    await opened.store.close();
  }
}

async function accessKeyCreate(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { account: { type: 'string' }, 'data-dir': { type: 'string' }, database: { type: 'string' } },
    strict: true,
  });
  if (!values.account || !/^\d{12}$/.test(values.account)) {
    process.stderr.write('logseal: access-key create needs --account with a 12-digit account id\n');
    return 2;
  }
  const opened = await openDataDir(dataDirOf(values['data-dir'], env), env, databaseOf(values.database, env));
  try {
    const accounts = new AccountService(opened.store, opened.keyring, systemClock);
    const key = await accounts.createRootAccessKey(values.account);
    printNewKey(key, undefined, 'created a root access key for account');
    return 0;
  } finally {
    await opened.store.close();
  }
}

/**
 * Prints a new secret once, with ready-to-paste AWS CLI configuration. It is never shown again. `endpoint_url` in a
 * profile is read by AWS CLI v2 from 2.13 and by botocore (boto3, AWS CLI v1) from 1.31; older clients ignore it and
 * would go to real AWS, so the lines say they need `--endpoint-url` (README, "Pointing the AWS CLI at it").
 */
function printNewKey(key: NewAccessKey, url: string | undefined, what: string): void {
  const endpoint = url ?? 'http://127.0.0.1:4566';
  const profile = `logseal-${key.accountId}`;
  process.stdout.write(
    [
      `logseal: ${what} ${key.accountId}. This is the only time the secret access key is shown: store it now.`,
      '',
      `# ~/.aws/credentials`,
      `[${profile}]`,
      `aws_access_key_id = ${key.accessKeyId}`,
      `aws_secret_access_key = ${key.secretAccessKey}`,
      '',
      `# ~/.aws/config`,
      `[profile ${profile}]`,
      `region = us-east-1`,
      `# endpoint_url is read by AWS CLI >= 2.13 and boto3/botocore >= 1.31; older clients ignore it: pass --endpoint-url`,
      `endpoint_url = ${endpoint}`,
      '',
      `# try it (AWS CLI >= 2.13, boto3 >= 1.31): aws --profile ${profile} sts get-caller-identity`,
      `# try it (any version, e.g. Debian's AWS CLI 2.9): aws --profile ${profile} --endpoint-url ${endpoint} sts get-caller-identity`,
      '',
    ].join('\n'),
  );
}
