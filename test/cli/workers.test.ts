import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { CreateKeyCommand, DisableKeyCommand, EnableKeyCommand, EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { CreateAccessKeyCommand, CreateUserCommand, DeleteAccessKeyCommand, IAMClient } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { repoRoot } from '../helpers/paths.js';
import { createDatabase, needsPg } from '../helpers/pg.js';
import { clientConfig, type Creds } from '../helpers/server.js';

const BIN = join(repoRoot, 'bin', 'logseal.js');
const cleanEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: tmpdir() };

interface Served {
  url: string;
  pids: number[];
  supervisor: number;
  stderr: () => string;
  stop(): Promise<number | null>;
}

const children = new Set<ReturnType<typeof spawn>>();
const dirs: string[] = [];
after(() => {
  for (const child of children) {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function serveWorkers(workers = 2, extra: string[] = []): Promise<Served> {
  const dir = mkdtempSync(join(tmpdir(), 'logseal-workers-'));
  dirs.push(dir);
  const child = spawn(process.execPath, [BIN, 'serve', '--dev', '--port', '0', '--data-dir', dir, '--workers', String(workers), ...extra], {
    env: cleanEnv,
    detached: true,
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  child.stdout.resume();
  let err = '';
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (c) => {
      err += c;
      const m = /serving on (http:\/\/[^ ]+) [^\n]*\nlogseal: \d+ workers \(pids ([\d, ]+)\)/.exec(err);
      if (m) {
        resolve({
          url: m[1]!,
          pids: m[2]!.split(', ').map(Number),
          supervisor: child.pid!,
          stderr: () => err,
          stop: () =>
            new Promise((res) => {
              if (child.exitCode !== null) return res(child.exitCode);
              child.once('exit', (code) => res(code));
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`logseal serve exited with ${code}: ${err}`)));
  });
}

/** GET /_logseal/health on a new connection each time (the supervisor hands connections to the workers in turn). */
function health(url: string): Promise<{ status: number; scheduler: string }> {
  return new Promise((resolve, reject) => {
    get(`${url}/_logseal/health`, { agent: false }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, scheduler: (JSON.parse(body) as { scheduler: string }).scheduler }));
    }).on('error', reject);
  });
}

/** Whether the process runs (an exited one not yet reaped by its new parent counts as gone). */
const alive = (pid: number) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
};

const leaseEvents = (text: string) => [...text.matchAll(/"event":"scheduler-lease-taken","pid":(\d+)/g)].map((m) => Number(m[1]));

async function until<T>(what: string, fn: () => Promise<T | undefined> | T | undefined, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('logseal serve --workers 2: two processes answer on one port, and exactly one of them runs the scheduled jobs', async () => {
  const srv = await serveWorkers(2);
  try {
    assert.equal(srv.pids.length, 2);
    const seen = new Set<string>();
    for (let i = 0; i < 10; i++) {
      const h = await health(srv.url);
      assert.equal(h.status, 200);
      seen.add(h.scheduler);
    }
    assert.deepEqual([...seen].sort(), ['follower', 'leader']);
    const leaders = leaseEvents(srv.stderr());
    assert.equal(leaders.length, 1, srv.stderr());
    assert.ok(srv.pids.includes(leaders[0]!));
  } finally {
    assert.equal(await srv.stop(), 0);
  }
});

test('with --workers 2, a key disabled or an access key deleted through one process is refused by every process at once', () => changesSeenEverywhere([]));

test('with --workers 2 on PostgreSQL, the workers share the database, and changes through one are refused by every worker', { skip: needsPg }, async () => {
  await changesSeenEverywhere(['--database', await createDatabase('workers')], 'PostgreSQL');
});

async function changesSeenEverywhere(extra: string[], store = 'SQLite'): Promise<void> {
  const srv = await serveWorkers(2, extra);
  // PostgreSQL instances see other instances' key states within the cache bound of ADR 0014 (1 s), not at once.
  const settle = () => (store === 'PostgreSQL' ? new Promise((r) => setTimeout(r, 1_200)) : Promise.resolve());
  // Several clients, each with connections of its own: between them they reach both workers.
  const clients = (creds?: Creds) => Array.from({ length: 6 }, () => new KMSClient(clientConfig(srv.url, creds)));
  const kms = clients();
  const admin = new KMSClient(clientConfig(srv.url));
  const iam = new IAMClient(clientConfig(srv.url));
  try {
    const key = (await admin.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    const encrypt = (c: KMSClient) => c.send(new EncryptCommand({ KeyId: key, Plaintext: Buffer.from('x') }));
    for (const c of kms) await encrypt(c); // every worker now holds the key in memory
    await admin.send(new DisableKeyCommand({ KeyId: key }));
    await settle();
    for (const c of kms) await assert.rejects(encrypt(c), (e: Error) => e.name === 'DisabledException');
    await admin.send(new EnableKeyCommand({ KeyId: key }));
    await settle();
    for (const c of kms) await encrypt(c);

    await iam.send(new CreateUserCommand({ UserName: 'w' }));
    const ak = (await iam.send(new CreateAccessKeyCommand({ UserName: 'w' }))).AccessKey!;
    const creds = { accessKeyId: ak.AccessKeyId!, secretAccessKey: ak.SecretAccessKey! };
    const sts = Array.from({ length: 6 }, () => new STSClient(clientConfig(srv.url, creds)));
    for (const c of sts) assert.equal((await c.send(new GetCallerIdentityCommand({}))).Arn, 'arn:aws:iam::000000000000:user/w');
    await iam.send(new DeleteAccessKeyCommand({ UserName: 'w', AccessKeyId: ak.AccessKeyId! }));
    if (store === 'PostgreSQL') await new Promise((r) => setTimeout(r, 2_500)); // credentials: 2 s there
    for (const c of sts) await assert.rejects(c.send(new GetCallerIdentityCommand({})), (e: Error) => e.name === 'InvalidClientTokenId');
    for (const c of sts) c.destroy();
  } finally {
    for (const c of [...kms, admin]) c.destroy();
    iam.destroy();
    assert.equal(await srv.stop(), 0);
  }
}

test('with --workers 2, a worker killed with kill -9 is replaced, and a survivor takes the scheduled jobs over', { timeout: 60_000 }, async () => {
  const srv = await serveWorkers(2);
  try {
    const leader = await until('a scheduler', () => leaseEvents(srv.stderr())[0]);
    process.kill(leader, 'SIGKILL');
    await until('the restart', () => (srv.stderr().includes(`worker ${leader} exited (SIGKILL); starting another`) ? true : undefined));
    const next = await until('a new scheduler', () => leaseEvents(srv.stderr()).find((p) => p !== leader));
    assert.ok(alive(next));
    assert.equal(leaseEvents(srv.stderr()).length, 2, 'the lease was taken once more, by one process');
    const answers = new Set<string>();
    for (let i = 0; i < 10; i++) {
      const h = await health(srv.url);
      assert.equal(h.status, 200);
      answers.add(h.scheduler);
    }
    assert.deepEqual([...answers].sort(), ['follower', 'leader']);
  } finally {
    assert.equal(await srv.stop(), 0);
  }
});

test('SIGTERM to logseal serve --workers 2 drains every worker, then the supervisor exits 0', async () => {
  const srv = await serveWorkers(2);
  assert.ok(srv.pids.every(alive));
  assert.equal(await srv.stop(), 0);
  assert.match(srv.stderr(), /SIGTERM received, the workers finish their in-flight requests/);
  assert.match(srv.stderr(), /logseal: stopped/);
  assert.ok(!srv.pids.some(alive), 'no worker is left');
});

test('workers of a supervisor killed with kill -9 exit too: nothing is left serving the port', async () => {
  const srv = await serveWorkers(2);
  process.kill(srv.supervisor, 'SIGKILL');
  await until('the workers to exit', () => (srv.pids.some(alive) ? undefined : true));
});

test('logseal serve refuses a --workers that is not a number from 1 to 256', async () => {
  for (const bad of ['0', 'two', '1.5']) {
    const { code, stderr } = await new Promise<{ code: number; stderr: string }>((resolve) =>
      execFile(process.execPath, [BIN, 'serve', '--dev', '--port', '0', '--workers', bad], { env: cleanEnv }, (e, _o, stderr) => resolve({ code: e ? 1 : 0, stderr })),
    );
    assert.equal(code, 1);
    assert.match(stderr, new RegExp(`invalid --workers '${bad.replace('.', '\\.')}'`));
  }
});
