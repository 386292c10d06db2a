/**
 * A throw-away PostgreSQL cluster for tests: `initdb` into a temporary directory (as an unprivileged user when run
 * as root, since PostgreSQL refuses to run as root), a free loopback port, a socket in the same directory, and
 * `pg_ctl stop` at the end. No service manager, nothing left running. Debian's binaries are looked up in
 * /usr/lib/postgresql/<version>/bin.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PgCluster {
  /** Superuser URL of the `postgres` database. */
  url: string;
  port: number;
  dataDir: string;
  bin: string;
  /** Stops the server (fast shutdown); it may be started again. */
  stop(): void;
  start(): void;
  /** Stops it and removes its files. */
  destroy(): void;
}

export function postgresBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0]!, 'bin') : undefined;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Runs a PostgreSQL binary, as `nobody` when we are root. */
function runPg(bin: string, tool: string, args: string[], owner: { uid: number; gid: number } | undefined): void {
  const cmd = owner ? 'runuser' : join(bin, tool);
  const argv = owner ? ['-u', 'nobody', '--', join(bin, tool), ...args] : args;
  const r = spawnSync(cmd, argv, { encoding: 'utf8', cwd: tmpdir() });
  if (r.status !== 0) throw new Error(`${tool} failed (${r.status}): ${r.stderr || r.stdout}`);
}

/** `durable`: keep fsync on (benchmarks compare it with SQLite's synchronous=FULL). */
export async function startPgCluster(opts: { durable?: boolean } = {}): Promise<PgCluster> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb)');
  const base = mkdtempSync(join(tmpdir(), 'logseal-pg-'));
  let owner: { uid: number; gid: number } | undefined;
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'nobody'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'nobody'], { encoding: 'utf8' }).trim());
    owner = { uid, gid };
    chownSync(base, uid, gid);
  }
  const dataDir = join(base, 'data');
  runPg(bin, 'initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync'], owner);
  const port = await freePort();
  const options = [
    `-p ${port}`,
    `-k ${base}`,
    "-c listen_addresses=127.0.0.1",
    // A throw-away cluster: no fsync (instances' durability is tested against a clean stop, not a power cut).
    ...(opts.durable ? [] : ['-c fsync=off', '-c full_page_writes=off']),
    '-c max_connections=400',
    '-c shared_buffers=32MB',
  ].join(' ');
  const start = () => runPg(bin, 'pg_ctl', ['-D', dataDir, '-l', join(base, 'server.log'), '-o', options, '-w', '-t', '60', 'start'], owner);
  const stop = () => {
    if (existsSync(join(dataDir, 'postmaster.pid'))) runPg(bin, 'pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', '-t', '60', 'stop'], owner);
  };
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    bin,
    start,
    stop,
    destroy() {
      try {
        stop();
      } finally {
        rmSync(base, { recursive: true, force: true });
      }
    },
  };
}
