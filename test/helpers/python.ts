import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throw-away virtualenv made from the machine's python3 (the first on PATH) with `--system-site-packages`, so the
 * boto3 and AWS CLI v1 installed for that python are importable without touching it. Tests that need boto3 skip
 * outside CI when it is missing; in CI its absence fails them.
 */
export interface Venv {
  python: string;
  botocoreVersion: string;
}

let cached: Venv | string | undefined;

/** The virtualenv, or the reason the tests that need it are skipped. */
export function boto3Venv(): Venv | string {
  if (cached !== undefined) return cached;
  cached = makeVenv();
  if (typeof cached === 'string' && process.env.CI) throw new Error(`boto3 is required in CI: ${cached}`);
  return cached;
}

function makeVenv(): Venv | string {
  const dir = mkdtempSync(join(tmpdir(), 'logseal-venv-'));
  try {
    execFileSync('python3', ['-m', 'venv', '--system-site-packages', dir], { stdio: 'pipe', timeout: 120_000 });
  } catch (err) {
    return `python3 -m venv failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`;
  }
  const python = join(dir, 'bin', 'python');
  try {
    const botocoreVersion = execFileSync(python, ['-c', 'import boto3, botocore; print(botocore.__version__)'], { encoding: 'utf8', stdio: 'pipe' }).trim();
    return { python, botocoreVersion };
  } catch {
    return `boto3 is not installed for python3 (${python})`;
  }
}

export interface PyResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment of a boto3 script signing as the dev root (`serve --dev`'s test/test), without retries or profile. */
export const DEV_BOTO3_ENV: NodeJS.ProcessEnv = { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_MAX_ATTEMPTS: '1', HOME: '/nonexistent' };

/** Runs a Python script in the virtualenv with only the given environment (no profile or config of the machine). */
export function runPython(venv: Venv, script: string, env: NodeJS.ProcessEnv, args: string[] = []): Promise<PyResult> {
  return new Promise((resolve) => {
    execFile(venv.python, ['-c', script, ...args], { env: { PATH: '/usr/bin:/bin', ...env }, timeout: 120_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as NodeJS.ErrnoException).code === 'number' ? Number((err as NodeJS.ErrnoException).code) : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** `major.minor` of a version string as a comparable number pair. */
export function atLeast(version: string, major: number, minor: number): boolean {
  const [a = 0, b = 0] = version.split('.').map(Number);
  return a > major || (a === major && b >= minor);
}
