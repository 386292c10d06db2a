import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { OffsetClock } from '../../src/common/clock.js';
import type { RequestLogEntry } from '../../src/server/logger.js';
import { clientConfig, devCreds, servedByWorkers, startTestServer } from '../helpers/server.js';
import { jsonCall, signedHeaders } from '../helpers/sign.js';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

test('restarting keeps accounts and access keys, and the data dir holds no secret in plaintext', async () => {
  let srv = await startTestServer({ dev: false });
  try {
    const boot = srv.server.bootstrap!;
    const extra = await srv.server.app.accounts.createRootAccessKey(boot.accountId);
    srv = await srv.restart();
    assert.equal(srv.server.bootstrap, undefined, 'a second start creates no account');
    for (const k of [boot, extra]) {
      const sts = new STSClient(clientConfig(srv.url, k));
      const out = await sts.send(new GetCallerIdentityCommand({}));
      assert.equal(out.Account, boot.accountId);
    }
    await srv.stop();
    const files = filesUnder(srv.dataDir);
    assert.ok(files.some((f) => f.endsWith('logseal.db')));
    for (const f of files) {
      const bytes = readFileSync(f);
      for (const k of [boot, extra]) {
        assert.ok(!bytes.includes(Buffer.from(k.secretAccessKey)), `${f} holds a secret access key in plaintext`);
        assert.ok(!bytes.includes(Buffer.from(k.secretAccessKey, 'utf16le')), `${f} holds a secret access key (UTF-16)`);
      }
    }
    assert.equal(statSync(join(srv.dataDir, 'master.key')).mode & 0o777, 0o600);
  } finally {
    await srv.dispose();
  }
});

test('GET /_logseal/health answers ok with the database it uses', async () => {
  const srv = await startTestServer();
  try {
    const r = await fetch(`${srv.url}/_logseal/health`);
    assert.equal(r.status, 200);
    assert.deepEqual(await r.json(), { status: 'ok', database: { kind: 'sqlite', ok: true }, scheduler: 'leader' });
  } finally {
    await srv.dispose();
  }
});

test('each request is logged as one entry with request id, principal, operation, status and duration, without secrets', async () => {
  const entries: RequestLogEntry[] = [];
  const srv = await startTestServer({ logger: { request: (e) => entries.push(e), fault: () => {} } });
  try {
    const sts = new STSClient(clientConfig(srv.url, devCreds));
    const out = await sts.send(new GetCallerIdentityCommand({}));
    const e = entries.find((x) => x.operation === 'GetCallerIdentity');
    assert.ok(e);
    assert.equal(e.requestId, out.$metadata.requestId);
    assert.equal(e.principal, 'arn:aws:iam::000000000000:root');
    assert.equal(e.service, 'sts');
    assert.equal(e.status, 200);
    assert.equal(typeof e.ms, 'number');
    assert.ok(!JSON.stringify(entries).includes('"test"'), 'no secret in the log');
  } finally {
    await srv.dispose();
  }
});

test('a body larger than the limit is refused before it is read whole', async () => {
  const srv = await startTestServer();
  try {
    const r = await jsonCall(srv.url, 'TrentService.ListKeys', 'x'.repeat(2 * 1024 * 1024), devCreds);
    assert.equal(r.status, 413);
    assert.equal(r.text, 'HTTP content length exceeded 262144 bytes.');
  } finally {
    await srv.dispose();
  }
});

test('an unknown X-Amz-Target answers UnknownOperationException', async () => {
  const srv = await startTestServer();
  try {
    const r = await jsonCall(srv.url, 'TrentService.NoSuchOperation', {}, devCreds);
    assert.equal(r.status, 400);
    assert.deepEqual(JSON.parse(r.text), { __type: 'UnknownOperationException' });
    const other = await jsonCall(srv.url, 'Nope_2020.Foo', {}, devCreds);
    assert.equal(JSON.parse(other.text).__type, 'UnknownOperationException');
  } finally {
    await srv.dispose();
  }
});

test('close() lets an in-flight request finish', async () => {
  const srv = await startTestServer();
  try {
    const body = 'Action=GetCallerIdentity&Version=2011-06-15';
    const headers = await signedHeaders({
      url: srv.url,
      service: 'sts',
      creds: devCreds,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    let arrived!: () => void;
    const seen = new Promise<void>((r) => (arrived = r));
    const http = await import('node:http');
    const u = new URL(srv.url);
    const req = http.request({ host: u.hostname, port: u.port, method: 'POST', path: '/', headers: { ...headers, 'content-length': String(body.length) } });
    const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
      req.on('response', (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
    });
    req.flushHeaders();
    // Wait until the server has the request's headers, then stop it while the body is still unsent. Workers of
    // `--workers N` are other processes: there, a pause stands for the count.
    const poll = setInterval(() => {
      if (servedByWorkers || srv.server.inFlight() > 0) setTimeout(arrived, servedByWorkers ? 300 : 0);
    }, 5);
    await seen;
    clearInterval(poll);
    const closing = srv.stop();
    await new Promise((r) => setTimeout(r, 50));
    req.end(body);
    const res = await response;
    assert.equal(res.status, 200, res.text);
    assert.match(res.text, /<Account>000000000000<\/Account>/);
    await closing;
    await assert.rejects(fetch(`${srv.url}/_logseal/health`), 'no new connections after close');
  } finally {
    await srv.dispose();
  }
});

test('responses are dated by the server clock, so SDK clients follow a moved clock', async () => {
  const clock = new OffsetClock();
  clock.advance(40 * 86_400_000);
  const srv = await startTestServer({ clock });
  try {
    const r = await jsonCall(srv.url, 'TrentService.NoSuchOperation', {}, devCreds, { signingDate: new Date(clock.now()) });
    const date = Date.parse(r.headers.get('date') ?? '');
    assert.ok(Math.abs(date - clock.now()) < 5_000, `Date header ${r.headers.get('date')} is the server clock's time`);
    // SDK clients correct their clock offset from the header of a clock-skew error.
    const sts = new STSClient(clientConfig(srv.url, devCreds, 'us-east-1', clock));
    await sts.send(new GetCallerIdentityCommand({}));
    clock.advance(20 * 60_000);
    // As against AWS: the first call after a jump is refused as expired, and its Date header corrects the client.
    await assert.rejects(sts.send(new GetCallerIdentityCommand({})), (e: Error) => e.name === 'SignatureDoesNotMatch' || /Signature expired/.test(e.message));
    const out = await sts.send(new GetCallerIdentityCommand({}));
    assert.equal(out.Account, '000000000000');
  } finally {
    await srv.dispose();
  }
});
