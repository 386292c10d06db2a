import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';

/** The repository root: the folder holding package.json above this file (bench/ under tsx, dist/bench/ compiled). */
export const repoRoot = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('repository root not found');
    dir = up;
  }
  return dir;
})();

export interface Spawned {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts `logseal serve --dev` in its own process on a random port, with a fresh data dir. Compiled (`npm run
 * bench`) it runs `bin/logseal.js`, which serves `dist/`; run from the sources (`npx tsx bench/run.ts NAME`) it
 * starts the CLI from `src/` under tsx, so that a change is measured without a build. LOGSEAL_BENCH_NODE_ARGS passes
 * flags to the server process, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`. `root` starts another checkout's
 * `bin/logseal.js` instead (built there), to compare two builds in one run.
 */
export async function spawnLogseal(extraEnv: NodeJS.ProcessEnv = {}, extraArgs: string[] = [], root = repoRoot): Promise<Spawned> {
  const dataDir = mkdtempSync(join(tmpdir(), 'logseal-bench-'));
  const serveArgs = ['serve', '--dev', '--port', '0', '--data-dir', dataDir, ...extraArgs];
  const nodeArgs = (process.env.LOGSEAL_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  let args: string[];
  if (root !== repoRoot) {
    // Another checkout's build (an A/B comparison: LOGSEAL_BENCH_BASELINE).
    args = [...nodeArgs, join(root, 'bin', 'logseal.js'), ...serveArgs];
  } else if (fileURLToPath(import.meta.url).endsWith('.ts')) {
    const main = pathToFileURL(join(repoRoot, 'src', 'cli', 'main.ts')).href;
    const script = `const { main } = await import(${JSON.stringify(main)}); process.exitCode = await main(${JSON.stringify(serveArgs)});`;
    args = [...nodeArgs, '--import', 'tsx', '--input-type=module', '-e', script];
  } else {
    args = [...nodeArgs, join(repoRoot, 'bin', 'logseal.js'), ...serveArgs];
  }
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { PATH: process.env.PATH, ...extraEnv } });
  const url = await new Promise<string>((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (c) => {
      err += c;
      const m = /serving on (http:\/\/[^ ]+) /.exec(err);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`logseal exited ${code}: ${err}`)));
  });
  return {
    url,
    child,
    async stop() {
      await new Promise<void>((r) => {
        child.once('exit', () => r());
        child.kill('SIGTERM');
      });
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A bare `node:http` server in its own process that answers every request with the given bytes. */
export async function spawnBare(status: number, headers: Record<string, string>, body: string): Promise<Spawned> {
  const script = `
    const http = require('node:http');
    const headers = ${JSON.stringify(headers)};
    const body = ${JSON.stringify(body)};
    const s = http.createServer({ keepAlive: true }, (req, res) => {
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => { res.writeHead(${status}, { ...headers, 'Content-Length': Buffer.byteLength(body) }); res.end(body); });
    });
    s.listen(0, '127.0.0.1', () => process.stderr.write('serving on http://127.0.0.1:' + s.address().port + ' \\n'));
  `;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'ignore', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (c) => {
      err += c;
      const m = /serving on (http:\/\/[^ ]+) /.exec(err);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`bare server exited ${code}: ${err}`)));
  });
  return {
    url,
    child,
    async stop() {
      await new Promise<void>((r) => {
        child.once('exit', () => r());
        child.kill('SIGTERM');
      });
    },
  };
}

export interface SignedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** Signs one request (valid for 15 minutes) that the load generator can send over and over. */
export async function signRequest(url: string, service: string, headers: Record<string, string>, body: string): Promise<SignedRequest> {
  const u = new URL(url);
  const signer = new SignatureV4({ service, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, sha256: Sha256 });
  const signed = await signer.sign(
    new HttpRequest({ method: 'POST', hostname: u.hostname, port: Number(u.port), path: '/', headers: { host: u.host, ...headers }, body }),
  );
  const out = { ...(signed.headers as Record<string, string>) };
  return { method: 'POST', path: '/', headers: out, body };
}

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  total: number;
}

/** Keep-alive load at `connections` concurrent connections for `seconds`. */
export async function load(url: string, req: SignedRequest | SignedRequest[], connections = 64, seconds = 8): Promise<LoadResult> {
  const reqs = Array.isArray(req) ? req : [req];
  const r = await autocannon({
    url,
    connections,
    pipelining: 1,
    duration: seconds,
    requests: reqs.map((x) => ({ method: x.method as 'POST', path: x.path, headers: x.headers, body: x.body })),
  });
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
    total: r.requests.total,
  };
}

/** Clock ticks per second of /proc/PID/stat times (USER_HZ, 100 on Linux). */
const CLOCK_TICKS = 100;

/** CPU time (user + system, µs) used so far by a child process, from /proc; undefined where there is no /proc. */
export function cpuMicros(child: ChildProcess): number | undefined {
  try {
    const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start at state; utime and stime are 14th and 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

/**
 * `load()` against a spawned server, with the server's CPU time per request: on a shared machine throughput moves
 * with the neighbours' load, while CPU per request shows what the server itself costs.
 */
export async function loadWithCpu(server: Spawned, req: SignedRequest | SignedRequest[], connections: number, seconds: number): Promise<LoadResult & { cpuMicrosPerRequest?: number }> {
  const before = cpuMicros(server.child);
  const result = await load(server.url, req, connections, seconds);
  const after = cpuMicros(server.child);
  if (before === undefined || after === undefined || result.total === 0) return result;
  return { ...result, cpuMicrosPerRequest: (after - before) / result.total };
}

export function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}
