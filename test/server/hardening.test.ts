import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { CreateLogGroupCommand, CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { startServer } from '../../src/server/index.js';
import { DEFAULT_LIMITS, type ServerLimits } from '../../src/server/limits.js';
import { clientConfig, devCreds, startTestServer } from '../helpers/server.js';
import { jsonCall, signedHeaders } from '../helpers/sign.js';

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Sends raw bytes on a new connection and reads one answer (or the socket error); never a fixed port. */
function rawExchange(url: string, head: string, body: Buffer | string = '', opts: { keepOpen?: boolean } = {}): Promise<RawAnswer> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(u.port), u.hostname);
    let data = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      data = Buffer.concat([data, chunk]);
      const text = data.toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      if (end < 0) return;
      const lines = text.slice(0, end).split('\r\n');
      const headers: Record<string, string> = {};
      for (const l of lines.slice(1)) headers[l.slice(0, l.indexOf(':')).toLowerCase()] = l.slice(l.indexOf(':') + 1).trim();
      const len = Number(headers['content-length'] ?? 0);
      if (data.length - (end + 4) < len) return;
      if (!opts.keepOpen) socket.destroy();
      resolve({ status: Number(lines[0]!.split(' ')[1]), headers, body: data.subarray(end + 4, end + 4 + len).toString('utf8') });
    });
    socket.on('error', reject);
    socket.write(head);
    if (body.length > 0) socket.write(body);
  });
}

function head(url: string, headers: Record<string, string>): string {
  const u = new URL(url);
  return `POST / HTTP/1.1\r\nHost: ${u.host}\r\n` + Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('') + '\r\n';
}

test('a request without Authorization is refused before its body is read', { timeout: 60_000 }, async () => {
  const srv = await startTestServer();
  try {
    // 7.5 MiB declared, none of it sent: the answer cannot wait for the body.
    const r = await rawExchange(
      srv.url,
      head(srv.url, {
        'Content-Type': 'application/x-amz-json-1.1',
        'X-Amz-Target': 'Logs_20140328.PutLogEvents',
        'Content-Length': String(7.5 * 1024 * 1024),
      }),
    );
    assert.equal(r.status, 400);
    assert.equal(JSON.parse(r.body).__type, 'MissingAuthenticationTokenException');
    assert.equal(r.headers.connection, 'close');
  } finally {
    await srv.dispose();
  }
});

test('a request signed with an unknown access key is refused before its body is read', { timeout: 60_000 }, async () => {
  const srv = await startTestServer();
  try {
    const body = JSON.stringify({ logGroupName: 'g', logStreamName: 's', logEvents: [{ timestamp: Date.now(), message: 'x'.repeat(1000) }] });
    const headers = await signedHeaders({
      url: srv.url,
      service: 'logs',
      creds: { accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'nope' },
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Logs_20140328.PutLogEvents' },
      body,
    });
    const r = await rawExchange(srv.url, head(srv.url, { ...headers, 'Content-Length': String(body.length + 5_000_000) }));
    assert.equal(r.status, 400);
    assert.equal(JSON.parse(r.body).__type, 'UnrecognizedClientException');
    // The same for a Query service: its own code, before the body.
    const q = await rawExchange(
      srv.url,
      head(srv.url, { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': '100000' }),
    );
    assert.equal(q.status, 403);
    assert.match(q.body, /<Code>MissingAuthenticationToken<\/Code>/);
  } finally {
    await srv.dispose();
  }
});

/** Sends a 10 MB Encrypt through node's http client as an SDK does: streams the body, then reads the answer. */
function nodeHttpEncrypt(url: string, headers: Record<string, string>, body: Buffer): Promise<{ status: number; text: string }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, method: 'POST', path: '/', headers: { ...headers, 'content-length': String(body.length) }, agent: new http.Agent({ keepAlive: true }) });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

test('an oversized body gets 413 with AWS wording, read by every client, never a reset', { timeout: 60_000 }, async () => {
  const srv = await startTestServer();
  try {
    const plaintext = Buffer.alloc(10 * 1024 * 1024, 7);
    const body = Buffer.from(JSON.stringify({ KeyId: 'alias/nope', Plaintext: plaintext.toString('base64') }));
    const headers = await signedHeaders({
      url: srv.url,
      service: 'kms',
      creds: devCreds,
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'TrentService.Encrypt' },
      body,
    });
    const kms = new KMSClient(clientConfig(srv.url));
    const attempts: Promise<{ who: string; status: number; text: string }>[] = [];
    for (let i = 0; i < 4; i++) attempts.push(nodeHttpEncrypt(srv.url, headers, body).then((r) => ({ who: 'node:http', ...r })));
    for (let i = 0; i < 4; i++) {
      attempts.push(
        fetch(srv.url, { method: 'POST', headers, body }).then(async (r) => ({ who: 'fetch', status: r.status, text: await r.text() })),
      );
    }
    for (let i = 0; i < 3; i++) {
      attempts.push(
        kms.send(new EncryptCommand({ KeyId: 'alias/nope', Plaintext: plaintext })).then(
          () => ({ who: 'sdk', status: 200, text: '' }),
          (e: { $metadata?: { httpStatusCode?: number }; $response?: { statusCode?: number }; message: string; code?: string }) => {
            assert.notEqual(e.code, 'ECONNRESET', e.message);
            return { who: 'sdk', status: e.$metadata?.httpStatusCode ?? e.$response?.statusCode ?? 0, text: e.message };
          },
        ),
      );
    }
    const results = await Promise.all(attempts);
    for (const r of results) {
      assert.equal(r.status, 413, `${r.who}: ${r.text}`);
      if (r.who !== 'sdk') assert.equal(r.text, 'HTTP content length exceeded 262144 bytes.');
    }
    const health = await fetch(`${srv.url}/_logseal/health`);
    assert.equal(health.status, 200);
  } finally {
    await srv.dispose();
  }
});

async function startLimited(limits: Partial<ServerLimits>) {
  const dataDir = mkdtempSync(join(tmpdir(), 'logseal-test-'));
  const server = await startServer({ host: '127.0.0.1', port: 0, dataDir, dev: true, env: {}, limits: { ...DEFAULT_LIMITS, ...limits } });
  return {
    server,
    url: server.url,
    async dispose() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

test('body bytes beyond the in-flight budget get ThrottlingException (JSON) and Throttling (Query)', { timeout: 60_000 }, async () => {
  const srv = await startLimited({ maxInFlightBodyBytes: 1024 * 1024 });
  const held: net.Socket[] = [];
  try {
    const big = JSON.stringify({ logGroupName: 'g', logStreamName: 's', logEvents: [{ timestamp: Date.now(), message: 'x'.repeat(700_000) }] });
    const h = await signedHeaders({
      url: srv.url,
      service: 'logs',
      creds: devCreds,
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Logs_20140328.PutLogEvents' },
      body: big,
    });
    // One request holds 700 KB of the 1 MiB budget: its body is still coming.
    const u = new URL(srv.url);
    const holder = net.connect(Number(u.port), u.hostname);
    held.push(holder);
    holder.write(head(srv.url, { ...h, 'Content-Length': String(big.length) }));
    holder.write(big.slice(0, 1000));
    while (srv.server.inFlight() === 0) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 50));
    const second = await rawExchange(srv.url, head(srv.url, { ...h, 'Content-Length': String(big.length) }));
    assert.equal(second.status, 400);
    assert.deepEqual(JSON.parse(second.body), { __type: 'ThrottlingException', message: 'Rate exceeded' });
    const form = 'Action=GetCallerIdentity&Version=2011-06-15&Pad=' + 'x'.repeat(100_000);
    const qh = await signedHeaders({ url: srv.url, service: 'sts', creds: devCreds, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form });
    // STS's body limit is 128 KiB, within budget alone but not beside the held 700 KB… plus a second holder.
    const holder2 = net.connect(Number(u.port), u.hostname);
    held.push(holder2);
    holder2.write(head(srv.url, { ...h, 'Content-Length': String(300_000) }));
    while (srv.server.inFlight() < 2) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 50));
    const q = await rawExchange(srv.url, head(srv.url, { ...qh, 'Content-Length': String(form.length) }), form);
    assert.equal(q.status, 400);
    assert.match(q.body, /<Type>Sender<\/Type><Code>Throttling<\/Code><Message>Rate exceeded<\/Message>/);
  } finally {
    for (const s of held) s.destroy();
    await srv.dispose();
  }
});

test('connections beyond the limit get ThrottlingException; health still answers', { timeout: 60_000 }, async () => {
  const srv = await startLimited({ maxConnections: 2 });
  const held: net.Socket[] = [];
  try {
    const u = new URL(srv.url);
    for (let i = 0; i < 2; i++) {
      const s = net.connect(Number(u.port), u.hostname);
      held.push(s);
      await new Promise((r) => s.once('connect', r));
    }
    await new Promise((r) => setTimeout(r, 50));
    const r = await jsonCall(srv.url, 'TrentService.ListKeys', {}, devCreds);
    assert.equal(r.status, 400);
    assert.deepEqual(JSON.parse(r.text), { __type: 'ThrottlingException', message: 'Rate exceeded' });
    const health = await fetch(`${srv.url}/_logseal/health`);
    assert.equal(health.status, 200);
    for (const s of held) s.destroy();
    await new Promise((r) => setTimeout(r, 100));
    const ok = await jsonCall(srv.url, 'TrentService.ListKeys', {}, devCreds);
    assert.equal(ok.status, 200, ok.text);
  } finally {
    for (const s of held) s.destroy();
    await srv.dispose();
  }
});

test('a JSON request without the AWS JSON 1.1 content type gets 415 UnsupportedMediaTypeException', { timeout: 60_000 }, async () => {
  const srv = await startTestServer();
  try {
    for (const ct of ['text/plain', 'application/x-www-form-urlencoded', 'application/json', '']) {
      const r = await jsonCall(srv.url, 'TrentService.ListKeys', {}, devCreds, { headers: { 'content-type': ct, 'x-amz-target': 'TrentService.ListKeys' } });
      assert.equal(r.status, 415, `content type '${ct}': ${r.text}`);
      assert.deepEqual(JSON.parse(r.text), { __type: 'UnsupportedMediaTypeException' });
    }
    const ok = await jsonCall(srv.url, 'TrentService.ListKeys', {}, devCreds, {
      headers: { 'content-type': 'application/x-amz-json-1.1; charset=utf-8', 'x-amz-target': 'TrentService.ListKeys' },
    });
    assert.equal(ok.status, 200, ok.text);
  } finally {
    await srv.dispose();
  }
});

test('a JSON body naming a member twice is a SerializationException; an empty body is {}', { timeout: 60_000 }, async () => {
  const srv = await startTestServer();
  try {
    const r = await jsonCall(srv.url, 'Logs_20140328.CreateLogGroup', '{"logGroupName":"a","logGroupName":"b"}', devCreds);
    assert.equal(r.status, 400);
    assert.deepEqual(JSON.parse(r.text), { __type: 'SerializationException' });
    const empty = await jsonCall(srv.url, 'TrentService.ListKeys', '', devCreds);
    assert.equal(empty.status, 200, empty.text);
    // Nothing was created by the refused request.
    const logs = new CloudWatchLogsClient(clientConfig(srv.url));
    const groups = await logs.send(new DescribeLogGroupsCommand({}));
    assert.deepEqual(groups.logGroups, []);
  } finally {
    await srv.dispose();
  }
});

test('every file in the data directory is 0600 and the directory 0700', { timeout: 60_000 }, async () => {
  const srv = await startTestServer({ dev: false });
  try {
    const boot = srv.server.bootstrap!;
    const logs = new CloudWatchLogsClient(clientConfig(srv.url, boot));
    await logs.send(new CreateLogGroupCommand({ logGroupName: 'modes' }));
    const names = readdirSync(srv.dataDir);
    for (const f of ['logseal.db', 'logseal.db-wal', 'logseal.db-shm', 'master.key']) assert.ok(names.includes(f), `${f} in ${names.join(', ')}`);
    for (const f of names) assert.equal(statSync(join(srv.dataDir, f)).mode & 0o777, 0o600, `${f} is 0600`);
    assert.equal(statSync(srv.dataDir).mode & 0o777, 0o700);
  } finally {
    await srv.dispose();
  }
});

test('on close, a request sent on an idle keep-alive connection is answered with Connection: close, not reset', { timeout: 60_000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'logseal-test-'));
  const server = await startServer({ host: '127.0.0.1', port: 0, dataDir, dev: true, env: {}, drainGraceMs: 1500 });
  try {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const sts = new STSClient(clientConfig(server.url));
    await sts.send(new GetCallerIdentityCommand({}));
    const body = 'Action=GetCallerIdentity&Version=2011-06-15';
    const call = async () => {
      const headers = await signedHeaders({ url: server.url, service: 'sts', creds: devCreds, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
      const u = new URL(server.url);
      return new Promise<{ status: number; connection: string | undefined; reused: boolean }>((resolve, reject) => {
        const req = http.request({ host: u.hostname, port: u.port, method: 'POST', path: '/', agent, headers: { ...headers, 'content-length': String(body.length) } });
        req.on('response', (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, reused: req.reusedSocket }));
        });
        req.on('error', reject);
        req.end(body);
      });
    };
    const first = await call();
    assert.equal(first.status, 200);
    // The connection is now idle in the agent's pool. Start the drain, then use it.
    const closing = server.close();
    await new Promise((r) => setTimeout(r, 100));
    const during = await call();
    assert.equal(during.status, 200);
    assert.equal(during.reused, true, 'the idle keep-alive connection was used');
    assert.equal(during.connection, 'close');
    await closing;
    agent.destroy();
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
