/** Several logseal instances, each its own process, on one PostgreSQL database (see instanceMain.ts). */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MAIN = join(dirname(fileURLToPath(import.meta.url)), 'instanceMain.js');

export interface Instance {
  url: string;
  process: ChildProcess;
  /** Everything written to stderr (JSON event and fault lines). */
  stderr(): string;
  /** Resolves when the process has exited. */
  exited: Promise<number | null>;
}

export interface InstanceOptions {
  databaseUrl: string;
  masterKey?: string;
  clockOffsetMs?: number;
  backgroundMs?: number;
}

export function newMasterKey(): string {
  return randomBytes(32).toString('base64');
}

export async function startInstance(opts: InstanceOptions & { masterKey: string }): Promise<Instance> {
  const dataDir = mkdtempSync(join(tmpdir(), 'logseal-instance-'));
  const child = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH,
      LOGSEAL_DATA_DIR: dataDir,
      LOGSEAL_DATABASE_URL: opts.databaseUrl,
      LOGSEAL_MASTER_KEY: opts.masterKey,
      LOGSEAL_TEST_CLOCK_OFFSET_MS: String(opts.clockOffsetMs ?? 0),
      ...(opts.backgroundMs ? { LOGSEAL_TEST_BACKGROUND_MS: String(opts.backgroundMs) } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  let out = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => {
    rmSync(dataDir, { recursive: true, force: true });
    resolve(code);
  }));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m = /READY (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    void exited.then((code) => reject(new Error(`instance exited (${code}) before serving: ${err}`)));
  });
  return { url, process: child, stderr: () => err, exited };
}

/** SIGTERM, then SIGKILL if it has not stopped within 15 s. */
export async function stopInstance(i: Instance): Promise<void> {
  if (i.process.exitCode !== null || i.process.signalCode !== null) return;
  i.process.kill('SIGTERM');
  const timer = setTimeout(() => i.process.kill('SIGKILL'), 15_000);
  await i.exited;
  clearTimeout(timer);
}
