import assert from 'node:assert/strict';
import { spawn, execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { repoRoot } from '../helpers/paths.js';
import { clientConfig } from '../helpers/server.js';

const BIN = join(repoRoot, 'bin', 'logseal.js');
const cleanEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: tmpdir() };

interface Served {
  url: string;
  stdout: () => string;
  stderr: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

// Every served process is killed when the file ends, so a failed assertion never leaves one running (and the run waiting).
const children = new Set<ReturnType<typeof spawn>>();
after(() => {
  for (const child of children) child.kill('SIGKILL');
});

function serve(dataDir: string, extra: string[] = []): Promise<Served> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data-dir', dataDir, ...extra], { env: cleanEnv });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let out = '';
  let err = '';
  child.stdout.on('data', (c) => (out += c));
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (c) => {
      err += c;
      const m = /serving on (http:\/\/[^ ]+) /.exec(err);
      if (m) {
        resolve({
          url: m[1]!,
          stdout: () => out,
          stderr: () => err,
          stop: (signal = 'SIGTERM') =>
            new Promise((res) => {
              child.once('exit', (code) => res(code));
              child.kill(signal);
            }),
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`logseal serve exited with ${code}: ${err}`)));
  });
}

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: cleanEnv }, (e, stdout, stderr) =>
      resolve({ code: e ? Number((e as NodeJS.ErrnoException).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Waits (up to 5 s) for the served process to print its new-account snippet on stdout. */
async function printedKey(srv: Served): Promise<ReturnType<typeof keyFrom>> {
  for (let i = 0; i < 100 && !/aws_secret_access_key = \S{40}/.test(srv.stdout()); i++) await new Promise((r) => setTimeout(r, 50));
  return keyFrom(srv.stdout());
}

function keyFrom(text: string): { accountId: string; accessKeyId: string; secretAccessKey: string } {
  const accessKeyId = /aws_access_key_id = (AKIA[A-Z2-7]{16})/.exec(text)?.[1];
  const secretAccessKey = /aws_secret_access_key = ([A-Za-z0-9+/]{40})/.exec(text)?.[1];
  const accountId = /account (\d{12})/.exec(text)?.[1];
  assert.ok(accessKeyId && secretAccessKey && accountId, `no key printed in: ${text}`);
  return { accountId, accessKeyId, secretAccessKey };
}

test('logseal serve: the first start prints a new account and its key once, with a profile snippet', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'logseal-cli-'));
  try {
    const first = await serve(dir);
    const key = await printedKey(first);
    assert.match(first.stdout(), /\[logseal-\d{12}\]/);
    assert.match(first.stderr(), /Back it up/);
    assert.ok(first.stderr().includes(`web console at ${first.url}/console/`), first.stderr());
    const out = await new STSClient(clientConfig(first.url, key)).send(new GetCallerIdentityCommand({}));
    assert.equal(out.Account, key.accountId);
    assert.equal(await first.stop('SIGTERM'), 0);
    assert.match(first.stderr(), /SIGTERM received/);

    const second = await serve(dir);
    assert.doesNotMatch(second.stdout(), /aws_secret_access_key/);
    assert.ok(!second.stdout().includes(key.secretAccessKey) && !second.stderr().includes(key.secretAccessKey));
    const again = await new STSClient(clientConfig(second.url, key)).send(new GetCallerIdentityCommand({}));
    assert.equal(again.Account, key.accountId);
    assert.equal(await second.stop('SIGINT'), 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('logseal serve logs one JSON line per request without the secret', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'logseal-cli-'));
  try {
    const srv = await serve(dir, ['--dev']);
    const out = await new STSClient(clientConfig(srv.url, { accessKeyId: 'test', secretAccessKey: 'test' })).send(new GetCallerIdentityCommand({}));
    assert.equal(out.Account, '000000000000');
    await srv.stop();
    const lines = srv
      .stdout()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l));
    const line = lines.find((l) => l.operation === 'GetCallerIdentity');
    assert.ok(line, srv.stdout());
    assert.equal(line.requestId, out.$metadata.requestId);
    assert.equal(line.status, 200);
    assert.equal(line.principal, 'arn:aws:iam::000000000000:root');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('logseal account create and access-key create --account print working keys', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'logseal-cli-'));
  try {
    const created = await run(['account', 'create', '--data-dir', dir]);
    assert.equal(created.code, 0, created.stderr);
    const acct = keyFrom(created.stdout);
    const more = await run(['access-key', 'create', '--account', acct.accountId, '--data-dir', dir]);
    assert.equal(more.code, 0, more.stderr);
    const second = keyFrom(more.stdout);
    assert.equal(second.accountId, acct.accountId);
    assert.notEqual(second.accessKeyId, acct.accessKeyId);
    const bad = await run(['access-key', 'create', '--account', '12', '--data-dir', dir]);
    assert.notEqual(bad.code, 0);
    const missing = await run(['access-key', 'create', '--account', '999999999999', '--data-dir', dir]);
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /account 999999999999 does not exist/);

    const srv = await serve(dir);
    assert.doesNotMatch(srv.stdout(), /aws_secret_access_key/, 'an account exists, so none is created');
    for (const k of [acct, second]) {
      const out = await new STSClient(clientConfig(srv.url, k)).send(new GetCallerIdentityCommand({}));
      assert.equal(out.Arn, `arn:aws:iam::${acct.accountId}:root`);
    }
    await srv.stop();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('logseal serve --regions adds private region names and refuses malformed ones', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'logseal-cli-'));
  try {
    const bad = await run(['serve', '--port', '0', '--data-dir', dir, '--dev', '--regions', 'Bad_Name']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--regions: invalid region name 'Bad_Name'/);
    const srv = await serve(dir, ['--dev', '--regions', 'on-prem-1']);
    const creds = { accessKeyId: 'test', secretAccessKey: 'test' };
    const out = await new STSClient(clientConfig(srv.url, creds, 'on-prem-1')).send(new GetCallerIdentityCommand({}));
    assert.equal(out.Account, '000000000000');
    await assert.rejects(new STSClient(clientConfig(srv.url, creds, 'on-prem-2')).send(new GetCallerIdentityCommand({})), { name: 'SignatureDoesNotMatch' });
    await srv.stop();
    assert.match(srv.stderr(), /private regions besides AWS's: on-prem-1/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
