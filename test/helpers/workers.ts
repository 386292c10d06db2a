import { spawn, type ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../src/common/clock.js';
import type { RegionSet } from '../../src/common/regions.js';
import type { NewAccessKey } from '../../src/iam/accounts.js';
import { createApp } from '../../src/server/app.js';
import type { RunningServer } from '../../src/server/index.js';
import { openDataDir } from '../../src/store/index.js';
import { repoRoot } from './paths.js';

const BIN = join(repoRoot, 'bin', 'logseal.js');

// Served processes are killed when the test process ends, whatever happened.
const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});

export interface WorkersServerOptions {
  workers: number;
  dataDir: string;
  databaseUrl?: string;
  dev: boolean;
  env: NodeJS.ProcessEnv;
  regions?: RegionSet;
}

/**
 * `logseal serve --workers N` in a child process, seen through the `RunningServer` shape the tests use. Its `app` is
 * an in-process App on the same database (no HTTP, no scheduler of its own): a test that creates an account or runs a
 * scheduled job directly does it on the data the workers serve, as another process sharing the file, so it also
 * checks that the workers see changes made elsewhere.
 */
export async function startWorkersServer(opts: WorkersServerOptions): Promise<RunningServer> {
  const args = [BIN, 'serve', '--workers', String(opts.workers), '--host', '127.0.0.1', '--port', '0', '--data-dir', opts.dataDir];
  if (opts.dev) args.push('--dev');
  if (opts.databaseUrl) args.push('--database', opts.databaseUrl);
  if (opts.regions && opts.regions.extra.length > 0) args.push('--regions', opts.regions.extra.join(','));
  const child = spawn(process.execPath, args, { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: tmpdir(), ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (c) => (out += c));
  const exited = new Promise<void>((resolve) => child.once('exit', () => (children.delete(child), resolve())));
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr!.on('data', (c) => {
      err += c;
      const m = /serving on (http:\/\/[^ ]+) /.exec(err);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`logseal serve --workers exited with ${code}: ${err}`)));
  });
  // The new account's key goes to stdout just before "serving on" goes to stderr; the pipes may deliver them apart.
  for (let i = 0; i < 100 && !opts.dev && !/aws_secret_access_key = \S{40}/.test(out) && !/logseal: serving on/.test(out); i++) {
    await new Promise((r) => setTimeout(r, 20));
  }
  const bootstrap = keyFrom(out);
  const opened = await openDataDir(opts.dataDir, opts.env, opts.databaseUrl, { sharedFile: !opts.databaseUrl });
  const app = createApp({ store: opened.store, keyring: opened.keyring, clock: systemClock, dev: opts.dev, regions: opts.regions });
  await app.iam.ready();
  const { port } = new URL(url);
  let closing: Promise<void> | undefined;
  return {
    app,
    host: '127.0.0.1',
    port: Number(port),
    url,
    bootstrap,
    masterKeyOrigin: /created the master key/.test(err) ? 'created' : opts.env.LOGSEAL_MASTER_KEY ? 'env' : 'file',
    inFlight: () => {
      throw new Error('inFlight() is not known across processes');
    },
    close: () =>
      (closing ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        await exited;
        await opened.store.close();
      })()),
  };
}

function keyFrom(text: string): NewAccessKey | undefined {
  const accessKeyId = /aws_access_key_id = (AKIA[A-Z2-7]{16})/.exec(text)?.[1];
  const secretAccessKey = /aws_secret_access_key = ([A-Za-z0-9+/]{40})/.exec(text)?.[1];
  const accountId = /account (\d{12})/.exec(text)?.[1];
  if (!accessKeyId || !secretAccessKey || !accountId) return undefined;
  return { accountId, accessKeyId, secretAccessKey, principalArn: `arn:aws:iam::${accountId}:root` };
}
