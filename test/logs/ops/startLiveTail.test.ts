import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  PutDataProtectionPolicyCommand,
  StartLiveTailCommand,
  type LiveTailSessionLogEvent,
  type LiveTailSessionStart,
  type StartLiveTailCommandInput,
} from '@aws-sdk/client-cloudwatch-logs';
import { connect, type Socket } from 'node:net';
import { NodeHttp2Handler } from '@smithy/node-http-handler';
import { LIVE_TAIL_MAX_SESSION_MS } from '../../../src/logs/liveTail/session.js';
import { messages } from '../../../src/logs/messages.js';
import { MAX_LIVE_TAIL_SESSIONS } from '../../../src/logs/ops/startLiveTail.js';
import { clientConfig, devAccount } from '../../helpers/server.js';
import { createGroupAndStream, put, REGION, sdkError, startLogsEnv, type LogsEnv } from '../helpers.js';

const arn = (group: string) => `arn:aws:logs:${REGION}:${devAccount}:log-group:${group}`;

/** A Live Tail session read through the SDK: what it has received so far, and a way to end it. */
interface Tail {
  start: LiveTailSessionStart;
  updates: LiveTailSessionLogEvent[][];
  sampled: boolean[];
  /** Set when the stream ended with an error (an exception event, or the client's own abort). */
  error?: Error;
  ended: Promise<void>;
  close(): void;
  /** Waits until the received events satisfy `ok` (checked as updates come). */
  until(ok: (events: LiveTailSessionLogEvent[]) => boolean, timeoutMs?: number): Promise<LiveTailSessionLogEvent[]>;
  events(): LiveTailSessionLogEvent[];
}

/**
 * Starts a session on a client of its own (`make`), which `close` destroys. Over HTTP/1.1 aborting the request closes
 * its connection, which ends the session; over HTTP/2 the SDK's abort ends the iteration but leaves the stream open,
 * so the HTTP/2 clients here open their connections themselves and `destroy` closes them (see h2Client).
 */
async function tail(make: () => CloudWatchLogsClient, input: StartLiveTailCommandInput): Promise<Tail> {
  const client = make();
  const abort = new AbortController();
  let out;
  try {
    out = await client.send(new StartLiveTailCommand(input), { abortSignal: abort.signal });
  } catch (err) {
    client.destroy();
    throw err;
  }
  const iterator = out.responseStream![Symbol.asyncIterator]();
  const first = await iterator.next();
  assert.ok(!first.done && first.value.sessionStart, 'the first event is sessionStart');
  const t: Tail = {
    start: first.value.sessionStart!,
    updates: [],
    sampled: [],
    ended: Promise.resolve(),
    close: () => {
      abort.abort();
      client.destroy();
    },
    events: () => t.updates.flat(),
    async until(ok, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (ok(t.events())) return t.events();
        if (t.error) throw t.error;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`timed out; received ${JSON.stringify(t.events().map((e) => e.message))}`);
    },
  };
  t.ended = (async () => {
    try {
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        const u = next.value.sessionUpdate;
        if (u) {
          t.updates.push(u.sessionResults ?? []);
          t.sampled.push(u.sessionMetadata?.sampled ?? false);
        }
      }
    } catch (err) {
      t.error = err as Error;
    }
  })();
  return t;
}

/**
 * Starts a session, retrying while the server is at its session limit: a session a client has just closed is released
 * when the server sees the connection or stream go, a moment later.
 */
async function tailWhenFree(client: () => CloudWatchLogsClient, input: StartLiveTailCommandInput): Promise<Tail> {
  for (let i = 0; ; i++) {
    try {
      return await tail(client, input);
    } catch (err) {
      if ((err as Error).name !== 'LimitExceededException' || i >= 100) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

describe('StartLiveTail', () => {
  let env: LogsEnv;
  /** A client on HTTP/2, for refusals. */
  let h2c: CloudWatchLogsClient;

  before(async () => {
    env = await startLogsEnv();
    await createGroupAndStream(env.logs, 'tail', 'web-1');
    await env.logs.send(new CreateLogStreamCommand({ logGroupName: 'tail', logStreamName: 'web-2' }));
    await env.logs.send(new CreateLogStreamCommand({ logGroupName: 'tail', logStreamName: 'db' }));
    await createGroupAndStream(env.logs, 'tail-other', 's');
    // The endpoint is an IP address: the SDK's `stream-` host prefix must be turned off (as for every endpoint URL
    // that is not a wildcard DNS name).
    h2c = h2();
  });
  after(async () => {
    h2c.destroy();
    await env.dispose();
  });

  const http1 = () => new CloudWatchLogsClient({ ...clientConfig(env.srv.url, undefined, REGION, env.clock), disableHostPrefix: true });
  /** An SDK client on HTTP/2 whose `destroy` also closes its connections (what ends its sessions). */
  const h2 = () => {
    const sockets: Socket[] = [];
    const url = new URL(env.srv.url);
    const requestHandler = new NodeHttp2Handler({
      nodeHttp2ConnectOptions: {
        createConnection: () => {
          const s = connect(Number(url.port), url.hostname);
          sockets.push(s);
          return s;
        },
      },
    });
    const client = new CloudWatchLogsClient({ ...clientConfig(env.srv.url, undefined, REGION, env.clock), disableHostPrefix: true, requestHandler });
    const destroy = client.destroy.bind(client);
    client.destroy = () => {
      destroy();
      for (const s of sockets) s.destroy();
    };
    return client;
  };
  const now = () => env.clock.now();

  test('over HTTP/1.1: sessionStart, then the events stored after the session started, with their stream and group', async () => {
    await put(env.logs, 'tail', 'web-1', [{ timestamp: now(), message: 'before the session' }]);
    const t = await tail(http1, { logGroupIdentifiers: [arn('tail')] });
    try {
      assert.equal(typeof t.start.sessionId, 'string');
      assert.equal(typeof t.start.requestId, 'string');
      assert.deepEqual(t.start.logGroupIdentifiers, [arn('tail')]);
      assert.equal(t.start.logEventFilterPattern, '');
      const ts = now() - 5_000;
      await put(env.logs, 'tail', 'web-1', [
        { timestamp: ts, message: 'first' },
        { timestamp: ts + 1, message: 'second' },
      ]);
      await put(env.logs, 'tail', 'db', [{ timestamp: ts + 2, message: 'third' }]);
      const events = await t.until((e) => e.length >= 3);
      assert.deepEqual(
        events.map((e) => [e.logGroupIdentifier, e.logStreamName, e.message, e.timestamp]),
        [
          [arn('tail'), 'web-1', 'first', ts],
          [arn('tail'), 'web-1', 'second', ts + 1],
          [arn('tail'), 'db', 'third', ts + 2],
        ],
      );
      for (const e of events) assert.ok(typeof e.ingestionTime === 'number' && e.ingestionTime >= ts);
      assert.ok(t.sampled.every((s) => s === false));
    } finally {
      t.close();
      await t.ended;
    }
  });

  test('over HTTP/2 (the SDK’s NodeHttp2Handler, cleartext on the same port): events written after the start arrive', async () => {
    const t = await tail(h2, { logGroupIdentifiers: [arn('tail-other')] });
    try {
      await put(env.logs, 'tail-other', 's', [{ timestamp: now(), message: 'over h2' }]);
      const events = await t.until((e) => e.length >= 1);
      assert.deepEqual(events.map((e) => e.message), ['over h2']);
    } finally {
      t.close();
      await t.ended;
    }
  });

  test('an update comes every second, empty when nothing was stored', async () => {
    const t = await tail(h2, { logGroupIdentifiers: [arn('tail-other')] });
    try {
      const deadline = Date.now() + 10_000;
      while (t.updates.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      assert.ok(t.updates.length >= 2);
      assert.deepEqual(t.updates[0], []);
    } finally {
      t.close();
      await t.ended;
    }
  });

  test('the filter pattern selects the events, and sessionStart repeats it', async () => {
    const t = await tail(h2, { logGroupIdentifiers: [arn('tail')], logEventFilterPattern: 'ERROR' });
    try {
      assert.equal(t.start.logEventFilterPattern, 'ERROR');
      await put(env.logs, 'tail', 'web-2', [
        { timestamp: now(), message: 'INFO all good' },
        { timestamp: now() + 1, message: 'ERROR disk full' },
        { timestamp: now() + 2, message: 'INFO still good' },
      ]);
      await put(env.logs, 'tail', 'web-2', [{ timestamp: now() + 3, message: 'ERROR again' }]);
      const events = await t.until((e) => e.length >= 2);
      await new Promise((r) => setTimeout(r, 1_200));
      assert.deepEqual(t.events().map((e) => e.message), ['ERROR disk full', 'ERROR again']);
      assert.equal(events.length, 2);
    } finally {
      t.close();
      await t.ended;
    }
  });

  test('logStreamNamePrefixes and logStreamNames keep only those streams', async () => {
    const byPrefix = await tail(h2, { logGroupIdentifiers: [arn('tail')], logStreamNamePrefixes: ['web-'] });
    const byName = await tail(h2, { logGroupIdentifiers: [arn('tail')], logStreamNames: ['db'] });
    try {
      assert.deepEqual(byPrefix.start.logStreamNamePrefixes, ['web-']);
      assert.deepEqual(byName.start.logStreamNames, ['db']);
      await put(env.logs, 'tail', 'db', [{ timestamp: now(), message: 'from db' }]);
      await put(env.logs, 'tail', 'web-2', [{ timestamp: now(), message: 'from web-2' }]);
      await byPrefix.until((e) => e.length >= 1);
      await byName.until((e) => e.length >= 1);
      await new Promise((r) => setTimeout(r, 1_200));
      assert.deepEqual(byPrefix.events().map((e) => e.message), ['from web-2']);
      assert.deepEqual(byName.events().map((e) => e.message), ['from db']);
    } finally {
      byPrefix.close();
      byName.close();
      await Promise.all([byPrefix.ended, byName.ended]);
    }
  });

  test('events of several groups arrive, each naming its group', async () => {
    const t = await tail(h2, { logGroupIdentifiers: [arn('tail'), arn('tail-other')] });
    try {
      await put(env.logs, 'tail', 'web-1', [{ timestamp: now(), message: 'a' }]);
      await put(env.logs, 'tail-other', 's', [{ timestamp: now(), message: 'b' }]);
      const events = await t.until((e) => e.length >= 2);
      assert.deepEqual(events.map((e) => `${e.logGroupIdentifier}|${e.message}`).sort(), [`${arn('tail')}|a`, `${arn('tail-other')}|b`].sort());
    } finally {
      t.close();
      await t.ended;
    }
  });

  test('compaction does not show events again (merged chunks hold events already sent)', async () => {
    await env.logs.send(new CreateLogGroupCommand({ logGroupName: 'tail-compact' }));
    await env.logs.send(new CreateLogStreamCommand({ logGroupName: 'tail-compact', logStreamName: 's' }));
    await put(env.logs, 'tail-compact', 's', [{ timestamp: now(), message: 'old 1' }]);
    await put(env.logs, 'tail-compact', 's', [{ timestamp: now(), message: 'old 2' }]);
    const t = await tail(h2, { logGroupIdentifiers: [arn('tail-compact')] });
    try {
      await put(env.logs, 'tail-compact', 's', [{ timestamp: now(), message: 'new 1' }]);
      await t.until((e) => e.length >= 1);
      await put(env.logs, 'tail-compact', 's', [{ timestamp: now(), message: 'new 2' }]);
      // Merges all four small chunks into one under a new id, possibly before the session reads "new 2".
      await env.runTask('logs-compaction');
      await put(env.logs, 'tail-compact', 's', [{ timestamp: now(), message: 'new 3' }]);
      await t.until((e) => e.length >= 3);
      await new Promise((r) => setTimeout(r, 1_200));
      assert.deepEqual(t.events().map((e) => e.message), ['new 1', 'new 2', 'new 3']);
    } finally {
      t.close();
      await t.ended;
    }
  });

  test('a data protection policy masks what the session shows, and the filter pattern sees the masked text', async () => {
    await createGroupAndStream(env.logs, 'tail-masked', 's');
    const ids = ['arn:aws:dataprotection::aws:data-identifier/EmailAddress'];
    const policyDocument = JSON.stringify({
      Name: 'p',
      Version: '2021-06-01',
      Statement: [
        { Sid: 'audit', DataIdentifier: ids, Operation: { Audit: { FindingsDestination: {} } } },
        { Sid: 'redact', DataIdentifier: ids, Operation: { Deidentify: { MaskConfig: {} } } },
      ],
    });
    await env.logs.send(new PutDataProtectionPolicyCommand({ logGroupIdentifier: 'tail-masked', policyDocument }));
    const t = await tail(h2, { logGroupIdentifiers: [arn('tail-masked')], logEventFilterPattern: 'user' });
    try {
      await put(env.logs, 'tail-masked', 's', [
        { timestamp: now(), message: 'user jane@example.com signed in' },
        { timestamp: now(), message: 'mail to user@example.com' },
      ]);
      await t.until((e) => e.length >= 1);
      await new Promise((r) => setTimeout(r, 1_200));
      assert.deepEqual(t.events().map((e) => e.message), ['user **************** signed in']);
    } finally {
      t.close();
      await t.ended;
    }
  });

  test(`at most ${MAX_LIVE_TAIL_SESSIONS} sessions at once per account and Region; a closed session frees its place`, async () => {
    const open: Tail[] = [];
    try {
      for (let i = 0; i < MAX_LIVE_TAIL_SESSIONS; i++) open.push(await tailWhenFree(h2, { logGroupIdentifiers: [arn('tail-other')] }));
      const err = await sdkError(h2c.send(new StartLiveTailCommand({ logGroupIdentifiers: [arn('tail-other')] })));
      assert.deepEqual([err.name, err.message], ['LimitExceededException', messages.liveTailTooManySessions(MAX_LIVE_TAIL_SESSIONS)]);
      const closed = open.pop()!;
      closed.close();
      await closed.ended;
      open.push(await tailWhenFree(h2, { logGroupIdentifiers: [arn('tail-other')] }));
    } finally {
      for (const t of open) t.close();
      await Promise.all(open.map((t) => t.ended));
    }
  });

  describe('refusals, as AWS answers them', () => {
    const refused = (input: StartLiveTailCommandInput) => sdkError(h2c.send(new StartLiveTailCommand(input)));

    test('logStreamNames with logStreamNamePrefixes', async () => {
      const err = await refused({ logGroupIdentifiers: [arn('tail')], logStreamNames: ['db'], logStreamNamePrefixes: ['web'] });
      assert.deepEqual([err.name, err.message, err.status], ['InvalidParameterException', messages.liveTailNamesAndPrefixes, 400]);
    });

    test('stream filters with more than one log group', async () => {
      const err = await refused({ logGroupIdentifiers: [arn('tail'), arn('tail-other')], logStreamNames: ['db'] });
      assert.deepEqual([err.name, err.message], ['InvalidParameterException', messages.liveTailStreamsNeedOneGroup]);
    });

    test('a log group name instead of an ARN, and an ARN ending with *', async () => {
      let err = await refused({ logGroupIdentifiers: ['tail'] });
      assert.deepEqual([err.name, err.message], ['InvalidParameterException', messages.liveTailArnRequired('tail')]);
      // An asterisk fails the model's pattern for the member (checked before anything else).
      err = await refused({ logGroupIdentifiers: [`${arn('tail')}:*`] });
      assert.equal(err.name, 'InvalidParameterException');
      assert.match(err.message, /^1 validation error detected: Value at 'logGroupIdentifiers' failed to satisfy constraint/);
    });

    test('a log group that does not exist, or of another account or Region', async () => {
      for (const id of [arn('nope'), `arn:aws:logs:${REGION}:111122223333:log-group:tail`, `arn:aws:logs:eu-west-1:${devAccount}:log-group:tail`]) {
        const err = await refused({ logGroupIdentifiers: [id] });
        assert.deepEqual([err.name, err.message], ['ResourceNotFoundException', messages.groupNotFound]);
      }
    });

    test('a malformed filter pattern', async () => {
      const err = await refused({ logGroupIdentifiers: [arn('tail')], logEventFilterPattern: '{ $.x = ' });
      assert.equal(err.name, 'InvalidParameterException');
    });

    test('more than 10 log groups, or none', async () => {
      let err = await refused({ logGroupIdentifiers: Array.from({ length: 11 }, (_, i) => arn(`g${i}`)) });
      assert.equal(err.name, 'InvalidParameterException');
      assert.match(err.message, /logGroupIdentifiers/);
      err = await refused({ logGroupIdentifiers: [] });
      assert.equal(err.name, 'InvalidParameterException');
    });
  });

  // Last: it moves the server's clock three hours on.
  test('after three hours the stream ends with SessionTimeoutException', async () => {
    const t = await tailWhenFree(h2, { logGroupIdentifiers: [arn('tail-other')] });
    env.clock.advance(LIVE_TAIL_MAX_SESSION_MS);
    try {
      await t.ended;
      assert.equal(t.error?.name, 'SessionTimeoutException');
      assert.equal(t.error?.message, messages.liveTailTimeout);
    } finally {
      t.close();
    }
  });
});
