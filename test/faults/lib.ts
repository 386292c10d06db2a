/**
 * Shared pieces of the fault harnesses (`npm run test:faults`): a logseal server in a child process on a random
 * loopback port, its RSS, a seeded random source, and small helpers. Nothing here reaches beyond 127.0.0.1.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/** The repository root (this file runs from dist/test/faults). */
export const ROOT = resolve(here, '..', '..', '..');
const BIN = join(ROOT, 'bin', 'logseal.js');

export interface FaultOptions {
  cycles: number;
  requests: number;
  seed: number;
  /** Mixed-load seconds (the soak when set by --soak). */
  loadSeconds: number;
  soak: boolean;
}

export interface HarnessResult {
  ok: boolean;
  /** Skipped, with the reason (not a failure). */
  skipped?: string;
  summary: string;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function log(name: string, line: string): void {
  process.stdout.write(`[${name}] ${line}\n`);
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `logseal-faults-${prefix}-`));
}

/** A small, fast, seeded PRNG (mulberry32): the same seed gives the same run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface ChildServer {
  url: string;
  pid: number;
  proc: ChildProcess;
  /** Lines the server wrote on stderr (faults are logged there). */
  stderr: string[];
  /** Resident set size of the server process, in bytes (from /proc). */
  rss(): number;
  /** The resident set split as /proc reports it: anonymous memory, file-backed pages and shared memory, in bytes. */
  residentParts(): { anon: number; file: number; shmem: number };
  kill9(): Promise<void>;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<number | null>;
}

/** Starts `logseal serve --dev` on a random loopback port with its own data dir, and waits until it serves. */
export async function startChild(dataDir: string, args: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<ChildServer> {
  const proc = spawn(process.execPath, [BIN, 'serve', '--dev', '--host', '127.0.0.1', '--port', '0', '--data-dir', dataDir, ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
  });
  const stderr: string[] = [];
  const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
  const url = await new Promise<string>((resolveUrl, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${buf}`)), 30_000);
    proc.stderr!.setEncoding('utf8');
    proc.stderr!.on('data', (chunk: string) => {
      buf += chunk;
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        stderr.push(line);
        if (stderr.length > 1000) stderr.shift();
        const m = /serving on (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
        if (m) {
          clearTimeout(timer);
          resolveUrl(m[1]!);
        }
      }
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before serving: ${stderr.join('\n')}${buf}`));
    });
  });
  const pid = proc.pid!;
  return {
    url,
    pid,
    proc,
    stderr,
    rss() {
      try {
        const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
        return m ? Number(m[1]) * 1024 : 0;
      } catch {
        return 0;
      }
    },
    residentParts() {
      try {
        const status = readFileSync(`/proc/${pid}/status`, 'utf8');
        const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) * 1024;
        return { anon: kb('RssAnon'), file: kb('RssFile'), shmem: kb('RssShmem') };
      } catch {
        return { anon: 0, file: 0, shmem: 0 };
      }
    },
    async kill9() {
      proc.kill('SIGKILL');
      await exited;
    },
    async stop() {
      proc.kill('SIGTERM');
      return exited;
    },
  };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** `GET /_logseal/health`, timed in milliseconds (Infinity when it fails). */
export async function healthMs(url: string): Promise<number> {
  const t = performance.now();
  try {
    const r = await fetch(`${url}/_logseal/health`);
    await r.text();
    return r.status === 200 ? performance.now() - t : Infinity;
  } catch {
    return Infinity;
  }
}

export const devCreds = { accessKeyId: 'test', secretAccessKey: 'test' };

/** SDK v3 settings for a harness client: no retries, so every failure is seen. */
export function sdkConfig(url: string) {
  return { endpoint: url, region: 'us-east-1', credentials: devCreds, maxAttempts: 1 };
}

export const MB = 1024 * 1024;
export function mb(bytes: number): string {
  return `${(bytes / MB).toFixed(1)} MB`;
}

/** Server-side faults the child logged (JSON lines with level "error"), for the report. */
export function faultLines(srv: ChildServer): string[] {
  return srv.stderr.filter((l) => l.includes('"level":"error"'));
}
