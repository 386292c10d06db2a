import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CloudWatchLogsClient, GetLogEventsCommand, PutLogEventsCommand, PutRetentionPolicyCommand } from '@aws-sdk/client-cloudwatch-logs';
import { clientConfig } from '../../helpers/server.js';
import { createGroupAndStream, createKey, events, logsKeyPolicy, put, sdkError, startLogsEnv, type LogsEnv } from '../helpers.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('PutLogEvents', () => {
  let env: LogsEnv;
  before(async () => {
    env = await startLogsEnv();
    await createGroupAndStream(env.logs, 'put', 's');
  });
  after(() => env.dispose());

  const readAll = async (group: string, stream: string, logs = env.logs) =>
    (await logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: stream, startFromHead: true }))).events!;

  describe('serialization', () => {
    test('answers a 56-digit sequence token and no rejection info when every event is kept', async () => {
      await createGroupAndStream(env.logs, 'put/ser', 's');
      const out = await put(env.logs, 'put/ser', 's', events(3, env.clock.now()));
      assert.match(out.nextSequenceToken ?? '', /^\d{56}$/);
      assert.equal(out.rejectedLogEventsInfo, undefined);
      const again = await put(env.logs, 'put/ser', 's', events(1, env.clock.now()));
      assert.notEqual(again.nextSequenceToken, out.nextSequenceToken);
    });
  });

  describe('validation', () => {
    test('returns ResourceNotFoundException for an unknown group or stream', async () => {
      const e1 = await sdkError(put(env.logs, 'put/none', 's', events(1, env.clock.now())));
      assert.deepEqual(e1, { name: 'ResourceNotFoundException', message: 'The specified log group does not exist.', status: 400 });
      const e2 = await sdkError(put(env.logs, 'put', 'none', events(1, env.clock.now())));
      assert.deepEqual(e2, { name: 'ResourceNotFoundException', message: 'The specified log stream does not exist.', status: 400 });
    });

    test('refuses events out of chronological order', async () => {
      const now = env.clock.now();
      const e = await sdkError(put(env.logs, 'put', 's', [{ timestamp: now, message: 'b' }, { timestamp: now - 1, message: 'a' }]));
      assert.deepEqual(e, { name: 'InvalidParameterException', message: 'Log events in a single PutLogEvents request must be in chronological order.', status: 400 });
    });

    test('refuses a batch over 1,048,576 bytes counting 26 bytes per event, and accepts one of exactly that size', async () => {
      const now = env.clock.now();
      const big = (n: number) => [{ timestamp: now, message: 'x'.repeat(n) }];
      const e = await sdkError(put(env.logs, 'put', 's', big(1_048_576 - 25)));
      assert.deepEqual(e, { name: 'InvalidParameterException', message: 'Upload too large: 1048577 bytes exceeds limit of 1048576', status: 400 });
      const multibyte = await sdkError(put(env.logs, 'put', 's', [{ timestamp: now, message: 'é'.repeat(524_276) }]));
      assert.equal(multibyte.message, 'Upload too large: 1048578 bytes exceeds limit of 1048576');
      await createGroupAndStream(env.logs, 'put/max', 's');
      await put(env.logs, 'put/max', 's', big(1_048_576 - 26));
      assert.equal((await readAll('put/max', 's'))[0]!.message!.length, 1_048_550);
    });

    test('refuses kept events spanning more than 24 hours', async () => {
      const now = env.clock.now();
      const e = await sdkError(put(env.logs, 'put', 's', [{ timestamp: now - DAY - 1, message: 'a' }, { timestamp: now, message: 'b' }]));
      assert.deepEqual(e, {
        name: 'InvalidParameterException',
        message: 'The batch of log events in a single PutLogEvents request cannot span more than 24 hours.',
        status: 400,
      });
      // Exactly 24 hours is allowed, and rejected events do not count.
      await createGroupAndStream(env.logs, 'put/span', 's');
      const out = await put(env.logs, 'put/span', 's', [
        { timestamp: now - 20 * DAY, message: 'old' },
        { timestamp: now - DAY, message: 'a' },
        { timestamp: now, message: 'b' },
      ]);
      assert.deepEqual(out.rejectedLogEventsInfo, { tooOldLogEventEndIndex: 1 });
      assert.deepEqual((await readAll('put/span', 's')).map((e) => e.message), ['a', 'b']);
    });

    test('accepts any sequence token and ignores it: never InvalidSequenceToken or DataAlreadyAccepted', async () => {
      await createGroupAndStream(env.logs, 'put/token', 's');
      const send = (message: string, sequenceToken?: string) =>
        env.logs.send(new PutLogEventsCommand({ logGroupName: 'put/token', logStreamName: 's', logEvents: [{ timestamp: env.clock.now(), message }], sequenceToken }));
      const first = await send('bogus token', 'bogus');
      // The same (by now stale) token twice, then none at all: each batch is stored.
      await send('stale token', first.nextSequenceToken);
      await send('stale token again', first.nextSequenceToken);
      await send('no token');
      assert.deepEqual((await readAll('put/token', 's')).map((e) => e.message), ['bogus token', 'stale token', 'stale token again', 'no token']);
    });

    test('refuses more than 10,000 events with the model validation message', async () => {
      const now = env.clock.now();
      const e = await sdkError(put(env.logs, 'put', 's', Array.from({ length: 10_001 }, () => ({ timestamp: now, message: 'x' }))));
      assert.equal(e.name, 'InvalidParameterException');
      // The value is the whole list as Java prints it; how AWS prints list items was not found, so only its ends are asserted.
      assert.ok(e.message.startsWith("1 validation error detected: Value '["), e.message.slice(0, 100));
      assert.ok(e.message.endsWith("' at 'logEvents' failed to satisfy constraint: Member must have length less than or equal to 10000"), e.message.slice(-150));
    });

    test('refuses an empty message and an empty batch', async () => {
      const now = env.clock.now();
      const empty = await sdkError(put(env.logs, 'put', 's', [{ timestamp: now, message: 'ok' }, { timestamp: now, message: '' }]));
      assert.deepEqual(empty, {
        name: 'InvalidParameterException',
        message: "1 validation error detected: Value '' at 'logEvents.2.member.message' failed to satisfy constraint: Member must have length greater than or equal to 1",
        status: 400,
      });
      // AWS's own answer, as a user of winston-cloudwatch recorded it.
      const none = await sdkError(put(env.logs, 'put', 's', []));
      assert.deepEqual(none, {
        name: 'InvalidParameterException',
        message: "1 validation error detected: Value '[]' at 'logEvents' failed to satisfy constraint: Member must have length greater than or equal to 1",
        status: 400,
      });
    });
  });

  describe('behaviour', () => {
    test('reports events too old or too new and stores only the others', async () => {
      await createGroupAndStream(env.logs, 'put/reject', 's');
      const now = env.clock.now();
      const out = await put(env.logs, 'put/reject', 's', [
        { timestamp: now - 15 * DAY, message: 'too old 1' },
        { timestamp: now - 14 * DAY - 1, message: 'too old 2' },
        { timestamp: now - HOUR, message: 'kept 1' },
        // The server's clock runs on while the request travels: stay a minute clear of the 2-hour bound.
        { timestamp: now + 2 * HOUR - 60_000, message: 'kept 2' },
        { timestamp: now + 2 * HOUR + 60_000, message: 'too new' },
      ]);
      assert.deepEqual(out.rejectedLogEventsInfo, { tooOldLogEventEndIndex: 2, tooNewLogEventStartIndex: 4 });
      assert.deepEqual((await readAll('put/reject', 's')).map((e) => e.message), ['kept 1', 'kept 2']);
    });

    test("reports events older than the group's retention as expired", async () => {
      await createGroupAndStream(env.logs, 'put/expired', 's');
      await env.logs.send(new PutRetentionPolicyCommand({ logGroupName: 'put/expired', retentionInDays: 1 }));
      const now = env.clock.now();
      const out = await put(env.logs, 'put/expired', 's', [
        { timestamp: now - 2 * DAY, message: 'expired' },
        { timestamp: now, message: 'kept' },
      ]);
      assert.deepEqual(out.rejectedLogEventsInfo, { expiredLogEventEndIndex: 1 });
      assert.deepEqual((await readAll('put/expired', 's')).map((e) => e.message), ['kept']);
    });

    test('reports too old and expired events together, each end index exclusive', async () => {
      await createGroupAndStream(env.logs, 'put/old-and-expired', 's');
      await env.logs.send(new PutRetentionPolicyCommand({ logGroupName: 'put/old-and-expired', retentionInDays: 7 }));
      const now = env.clock.now();
      const out = await put(env.logs, 'put/old-and-expired', 's', [
        { timestamp: now - 20 * DAY, message: 'too old' },
        { timestamp: now - 10 * DAY, message: 'expired 1' },
        { timestamp: now - 8 * DAY, message: 'expired 2' },
        { timestamp: now - HOUR, message: 'kept' },
      ]);
      assert.deepEqual(out.rejectedLogEventsInfo, { tooOldLogEventEndIndex: 1, expiredLogEventEndIndex: 3 });
      assert.deepEqual((await readAll('put/old-and-expired', 's')).map((e) => e.message), ['kept']);
    });

    test('stores nothing and still answers when every event is rejected', async () => {
      await createGroupAndStream(env.logs, 'put/none-kept', 's');
      const out = await put(env.logs, 'put/none-kept', 's', [{ timestamp: env.clock.now() + 3 * HOUR, message: 'future' }]);
      assert.deepEqual(out.rejectedLogEventsInfo, { tooNewLogEventStartIndex: 0 });
      assert.deepEqual(await readAll('put/none-kept', 's'), []);
    });

    test('keeps 10,000 events of a batch and unicode messages exactly', async () => {
      await createGroupAndStream(env.logs, 'put/many', 's');
      const batch = events(10_000, env.clock.now(), 'ünïcødé 日本語 🚀 ');
      await put(env.logs, 'put/many', 's', batch);
      const got = await readAll('put/many', 's');
      assert.equal(got.length, 10_000);
      assert.deepEqual(got.map((e) => e.message), batch.map((e) => e.message));
      assert.deepEqual(got.map((e) => e.timestamp), batch.map((e) => e.timestamp));
    });

    test('an acknowledged batch survives a restart of the server', async () => {
      const local = await startLogsEnv();
      try {
        await createGroupAndStream(local.logs, 'durable', 's');
        const batch = events(50, local.clock.now(), 'durable ');
        await put(local.logs, 'durable', 's', batch);
        const restarted = await local.srv.restart();
        const logs = new CloudWatchLogsClient(clientConfig(restarted.url));
        try {
          assert.deepEqual((await readAll('durable', 's', logs)).map((e) => e.message), batch.map((e) => e.message));
        } finally {
          logs.destroy();
          await restarted.dispose();
        }
      } finally {
        await local.dispose();
      }
    });

    test('no message reaches the data directory in plaintext, with or without a customer key', async () => {
      const local = await startLogsEnv();
      try {
        const key = await createKey(local.kms, { policy: logsKeyPolicy() });
        await createGroupAndStream(local.logs, 'secret/service', 's');
        await createGroupAndStream(local.logs, 'secret/customer', 's', key);
        const markers = ['PLAINTEXT-MARKER-service-7f3a', 'PLAINTEXT-MARKER-customer-9c1e'];
        await put(local.logs, 'secret/service', 's', events(200, local.clock.now(), `${markers[0]} `));
        await put(local.logs, 'secret/customer', 's', events(200, local.clock.now(), `${markers[1]} `));
        assert.equal((await readAll('secret/customer', 's', local.logs)).length, 200);
        const files = readdirSync(local.srv.dataDir).map((f) => join(local.srv.dataDir, f));
        assert.ok(files.some((f) => f.endsWith('logseal.db')));
        for (const f of files) {
          const bytes = readFileSync(f);
          for (const m of markers) {
            assert.equal(bytes.includes(Buffer.from(m)), false, `${m} found in ${f}`);
            assert.equal(bytes.includes(Buffer.from('MARKER')), false, `MARKER found in ${f}`);
          }
        }
      } finally {
        await local.dispose();
      }
    });
  });
});
