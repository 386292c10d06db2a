/**
 * The profile printed on the first start works with old and new clients alike: clients that read `endpoint_url`
 * from a profile (boto3/botocore >= 1.31, AWS CLI v1 on it, AWS CLI v2 >= 2.13) need nothing more; older ones, such
 * as Debian's AWS CLI 2.9, need `--endpoint-url`, as the printed lines say.
 */
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AWS_CLI } from '../helpers/awsCli.js';
import { repoRoot } from '../helpers/paths.js';
import { atLeast, boto3Venv, runPython, type Venv } from '../helpers/python.js';

const BIN = join(repoRoot, 'bin', 'logseal.js');

interface FirstStart {
  url: string;
  stdout: string;
  stop(): Promise<void>;
}

function firstStart(dataDir: string): Promise<FirstStart> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data-dir', dataDir], { env: { PATH: process.env.PATH, HOME: dataDir } });
  let out = '';
  let err = '';
  child.stdout.on('data', (c) => (out += c));
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (c) => {
      err += c;
      const m = /serving on (http:\/\/[^ ]+) /.exec(err);
      if (m) {
        const wait = async () => {
          for (let i = 0; i < 100 && !/endpoint_url = /.test(out); i++) await new Promise((r) => setTimeout(r, 50));
          resolve({ url: m[1]!, stdout: out, stop: () => new Promise<void>((r) => (child.once('exit', () => r()), child.kill('SIGTERM'))) });
        };
        void wait();
      }
    });
    child.once('exit', (code) => reject(new Error(`logseal serve exited with ${code}: ${err}`)));
  });
}

/** The two files exactly as printed: the lines under `# ~/.aws/credentials` and under `# ~/.aws/config`. */
function printedFiles(stdout: string): { credentials: string; config: string; profile: string } {
  const credentials = /# ~\/\.aws\/credentials\n([\s\S]*?)\n\n/.exec(stdout)?.[1];
  const config = /# ~\/\.aws\/config\n([\s\S]*?)\n\n/.exec(stdout)?.[1];
  const profile = /\[(logseal-\d{12})\]/.exec(stdout)?.[1];
  assert.ok(credentials && config && profile, `no profile printed in: ${stdout}`);
  return { credentials: credentials + '\n', config: config + '\n', profile };
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { env, timeout: 60_000 }, (e, stdout, stderr) => resolve({ code: e ? 1 : 0, stdout, stderr }));
  });
}

describe('the profile printed on the first start', () => {
  let dir: string;
  let served: FirstStart;
  let files: ReturnType<typeof printedFiles>;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'logseal-profile-'));
    served = await firstStart(join(dir, 'data'));
    files = printedFiles(served.stdout);
    writeFileSync(join(dir, 'credentials'), files.credentials);
    writeFileSync(join(dir, 'config'), files.config);
    env = {
      PATH: '/usr/bin:/bin',
      HOME: dir,
      AWS_CONFIG_FILE: join(dir, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
      AWS_PAGER: '',
      AWS_MAX_ATTEMPTS: '1',
    };
  });

  after(async () => {
    await served?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('names the endpoint in the profile and says which clients need --endpoint-url', () => {
    assert.match(files.config, new RegExp(`^endpoint_url = ${served.url.replace(/[.]/g, '\\.')}$`, 'm'));
    assert.match(files.config, /^region = us-east-1$/m);
    assert.match(served.stdout, /AWS CLI >= 2\.13 and boto3\/botocore >= 1\.31; older clients ignore it: pass --endpoint-url/);
    assert.ok(served.stdout.includes(`aws --profile ${files.profile} --endpoint-url ${served.url} sts get-caller-identity`));
  });

  it('works with boto3 from the profile alone (no endpoint given in code)', async (t) => {
    const venv = boto3Venv();
    if (typeof venv === 'string') return t.skip(venv);
    if (!atLeast(venv.botocoreVersion, 1, 31)) return t.skip(`botocore ${venv.botocoreVersion} does not read endpoint_url from a profile`);
    const r = await runPython(
      venv as Venv,
      'import boto3, sys; print(boto3.Session(profile_name=sys.argv[1]).client("sts").get_caller_identity()["Account"])',
      env,
      [files.profile],
    );
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), files.profile.slice('logseal-'.length));
  });

  it('works with AWS CLI v1 on a current botocore from the profile alone', async (t) => {
    const venv = boto3Venv();
    if (typeof venv === 'string') return t.skip(venv);
    const hasCli = await runPython(venv, 'import awscli', env);
    if (hasCli.code !== 0) return t.skip('AWS CLI v1 (python module awscli) is not installed for python3');
    const r = await runPython(venv, 'import sys; from awscli.clidriver import main; sys.exit(main())', env, [
      '--profile',
      files.profile,
      'sts',
      'get-caller-identity',
      '--output',
      'json',
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).Account, files.profile.slice('logseal-'.length));
  });

  it("works with Debian's AWS CLI 2.9 given --endpoint-url, as printed", async (t) => {
    if (!existsSync(AWS_CLI)) {
      if (process.env.CI) throw new Error(`${AWS_CLI} is required in CI`);
      return t.skip(`${AWS_CLI} is not installed`);
    }
    const r = await run(AWS_CLI, ['--profile', files.profile, '--endpoint-url', served.url, 'sts', 'get-caller-identity', '--output', 'json'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).Account, files.profile.slice('logseal-'.length));
  });
});
