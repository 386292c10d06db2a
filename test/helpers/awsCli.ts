import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Creds } from './server.js';

/** Debian's AWS CLI v2. Tests that need it skip only outside CI; in CI (.ci/run installs it) its absence fails them. */
export const AWS_CLI = '/usr/bin/aws';

export function awsCliSkipReason(): string | false {
  if (existsSync(AWS_CLI)) return false;
  if (process.env.CI) throw new Error(`${AWS_CLI} is required in CI (apt-get install awscli)`);
  return `${AWS_CLI} is not installed (apt-get install awscli)`;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `aws --endpoint-url URL ARGS…` with only the given credentials (no profile or config of the machine). */
export function awsCli(url: string, creds: Creds, args: string[], region = 'us-east-1'): Promise<CliResult> {
  const home = mkdtempSync(join(tmpdir(), 'logseal-cli-'));
  const config = join(home, 'config');
  writeFileSync(config, '[default]\n');
  const env: NodeJS.ProcessEnv = {
    PATH: '/usr/bin:/bin',
    HOME: home,
    AWS_CONFIG_FILE: config,
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
    AWS_ACCESS_KEY_ID: creds.accessKeyId,
    AWS_SECRET_ACCESS_KEY: creds.secretAccessKey,
    AWS_DEFAULT_REGION: region,
    AWS_PAGER: '',
    AWS_MAX_ATTEMPTS: '1',
  };
  if (creds.sessionToken) env.AWS_SESSION_TOKEN = creds.sessionToken;
  return new Promise((resolve) => {
    execFile(AWS_CLI, ['--endpoint-url', url, ...args], { env, timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as NodeJS.ErrnoException).code === 'number' ? Number((err as NodeJS.ErrnoException).code) : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
