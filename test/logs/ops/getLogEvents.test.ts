import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateLogStreamCommand, GetLogEventsCommand, type GetLogEventsCommandInput } from '@aws-sdk/client-cloudwatch-logs';
import { devAccount } from '../../helpers/server.js';
import { createGroupAndStream, put, REGION, sdkError, startLogsEnv, type LogsEnv } from '../helpers.js';

describe('GetLogEvents', () => {
  let env: LogsEnv;
  let base: number;
  /** Messages m0…m29 at base+0…base+29, put in three overlapping batches. */
  const all = Array.from({ length: 30 }, (_, i) => `m${i}`);

  before(async () => {
    env = await startLogsEnv();
    base = env.clock.now() - 60_000;
    await createGroupAndStream(env.logs, 'get', 's');
    await env.logs.send(new CreateLogStreamCommand({ logGroupName: 'get', logStreamName: 'other' }));
    const batch = (idx: number[]) => idx.map((i) => ({ timestamp: base + i, message: `m${i}` }));
    // Batches overlap in time: reads must merge them by timestamp.
    await put(env.logs, 'get', 's', batch([0, 3, 6, 9, 12, 15, 18, 21, 24, 27]));
    await put(env.logs, 'get', 's', batch([1, 4, 7, 10, 13, 16, 19, 22, 25, 28]));
    await put(env.logs, 'get', 's', batch([2, 5, 8, 11, 14, 17, 20, 23, 26, 29]));
    await put(env.logs, 'get', 'other', batch([100]));
  });
  after(() => env.dispose());

  const get = (input: Partial<GetLogEventsCommandInput>) =>
    env.logs.send(new GetLogEventsCommand({ logGroupName: 'get', logStreamName: 's', ...input }));
  const messages = (out: { events?: { message?: string }[] }) => out.events!.map((e) => e.message);

  describe('serialization', () => {
    test('returns timestamp, message and ingestion time, and AWS-shaped tokens', async () => {
      const out = await get({ startFromHead: true, limit: 1 });
      const [e] = out.events!;
      assert.equal(e!.timestamp, base);
      assert.equal(e!.message, 'm0');
      assert.equal(typeof e!.ingestionTime, 'number');
      assert.ok(e!.ingestionTime! >= base);
      assert.match(out.nextForwardToken!, /^f\/\d{56}\/s$/);
      assert.match(out.nextBackwardToken!, /^b\/\d{56}\/s$/);
    });
  });

  describe('validation', () => {
    test('returns ResourceNotFoundException for an unknown group or stream', async () => {
      const g = await sdkError(env.logs.send(new GetLogEventsCommand({ logGroupName: 'none', logStreamName: 's' })));
      assert.deepEqual(g, { name: 'ResourceNotFoundException', message: 'The specified log group does not exist.', status: 400 });
      const s = await sdkError(get({ logStreamName: 'none' }));
      assert.deepEqual(s, { name: 'ResourceNotFoundException', message: 'The specified log stream does not exist.', status: 400 });
    });

    test('refuses a malformed token and a token of another stream', async () => {
      const bad = await sdkError(get({ nextToken: 'f/123' }));
      assert.deepEqual(bad, { name: 'InvalidParameterException', message: 'The specified nextToken is invalid.', status: 400 });
      const other = await env.logs.send(new GetLogEventsCommand({ logGroupName: 'get', logStreamName: 'other', startFromHead: true }));
      const wrong = await sdkError(get({ nextToken: other.nextForwardToken }));
      assert.deepEqual(wrong, { name: 'InvalidParameterException', message: 'The specified nextToken is invalid.', status: 400 });
    });

    test("refuses a limit above 10,000 with AWS's message", async () => {
      const e = await sdkError(get({ limit: 10_001 }));
      assert.deepEqual(e, {
        name: 'InvalidParameterException',
        message: "1 validation error detected: Value '10001' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000",
        status: 400,
      });
    });

    test('refuses both logGroupName and logGroupIdentifier', async () => {
      const e = await sdkError(get({ logGroupIdentifier: 'get' }));
      assert.deepEqual(e, { name: 'ValidationException', message: 'LogGroup name and LogGroup ARN are mutually exclusive parameters.', status: 400 });
    });
  });

  describe('behaviour', () => {
    test('returns the newest events by default and the oldest with startFromHead, in time order across batches', async () => {
      assert.deepEqual(messages(await get({})), all);
      assert.deepEqual(messages(await get({ limit: 4 })), ['m26', 'm27', 'm28', 'm29']);
      assert.deepEqual(messages(await get({ limit: 4, startFromHead: true })), ['m0', 'm1', 'm2', 'm3']);
    });

    test('pages forward to the end, then returns the token passed in', async () => {
      let out = await get({ startFromHead: true, limit: 7 });
      const seen = messages(out);
      for (let i = 0; i < 10 && out.events!.length > 0; i++) {
        const token = out.nextForwardToken!;
        out = await get({ nextToken: token, limit: 7 });
        seen.push(...messages(out));
        if (out.events!.length === 0) assert.equal(out.nextForwardToken, token);
      }
      assert.deepEqual(seen, all);
      assert.equal(out.events!.length, 0);
    });

    test('pages backward to the start, then returns the token passed in', async () => {
      let out = await get({ limit: 8 });
      const pages = [messages(out)];
      for (let i = 0; i < 10 && out.events!.length > 0; i++) {
        const token = out.nextBackwardToken!;
        out = await get({ nextToken: token, limit: 8 });
        if (out.events!.length === 0) assert.equal(out.nextBackwardToken, token);
        else pages.unshift(messages(out));
      }
      assert.deepEqual(pages.flat(), all);
      assert.deepEqual(pages[0], ['m0', 'm1', 'm2', 'm3', 'm4', 'm5']);
    });

    test('sees events put after its forward token', async () => {
      await createGroupAndStream(env.logs, 'get/tail', 's');
      const empty = await env.logs.send(new GetLogEventsCommand({ logGroupName: 'get/tail', logStreamName: 's', startFromHead: true }));
      assert.deepEqual(empty.events, []);
      await put(env.logs, 'get/tail', 's', [{ timestamp: env.clock.now(), message: 'late' }]);
      const out = await env.logs.send(new GetLogEventsCommand({ logGroupName: 'get/tail', logStreamName: 's', nextToken: empty.nextForwardToken }));
      assert.deepEqual(messages(out), ['late']);
    });

    test('includes startTime and excludes endTime', async () => {
      assert.deepEqual(messages(await get({ startTime: base + 10, endTime: base + 14, startFromHead: true })), ['m10', 'm11', 'm12', 'm13']);
      assert.deepEqual(messages(await get({ startTime: base + 10, endTime: base + 14 })), ['m10', 'm11', 'm12', 'm13']);
    });

    test('accepts the group as logGroupIdentifier, by name or ARN', async () => {
      const arn = `arn:aws:logs:${REGION}:${devAccount}:log-group:get`;
      for (const id of ['get', arn]) {
        const out = await env.logs.send(new GetLogEventsCommand({ logGroupIdentifier: id, logStreamName: 's', limit: 1, startFromHead: true }));
        assert.deepEqual(messages(out), ['m0']);
      }
    });

    test('returns at most 10,000 events a page, the rest on the next', async () => {
      await createGroupAndStream(env.logs, 'get/many', 's');
      const end = env.clock.now();
      const evs = Array.from({ length: 10_001 }, (_, i) => ({ timestamp: end - 10_000 + i, message: `e${i}` }));
      await put(env.logs, 'get/many', 's', evs.slice(0, 5_000));
      await put(env.logs, 'get/many', 's', evs.slice(5_000));
      const first = await env.logs.send(new GetLogEventsCommand({ logGroupName: 'get/many', logStreamName: 's', startFromHead: true }));
      assert.equal(first.events!.length, 10_000);
      assert.equal(first.events![9_999]!.message, 'e9999');
      const rest = await env.logs.send(new GetLogEventsCommand({ logGroupName: 'get/many', logStreamName: 's', nextToken: first.nextForwardToken }));
      assert.deepEqual(messages(rest), ['e10000']);
      const newest = await env.logs.send(new GetLogEventsCommand({ logGroupName: 'get/many', logStreamName: 's' }));
      assert.equal(newest.events!.length, 10_000);
      assert.equal(newest.events![0]!.message, 'e1');
    });

    test('fills a page with at most 1 MB of events', async () => {
      await createGroupAndStream(env.logs, 'get/big', 's');
      const now = env.clock.now();
      const msg = (c: string) => c.repeat(400_000);
      await put(env.logs, 'get/big', 's', [
        { timestamp: now - 2, message: msg('a') },
        { timestamp: now - 1, message: msg('b') },
      ]);
      await put(env.logs, 'get/big', 's', [{ timestamp: now, message: msg('c') }]);
      const first = await env.logs.send(new GetLogEventsCommand({ logGroupName: 'get/big', logStreamName: 's', startFromHead: true }));
      assert.deepEqual(first.events!.map((e) => e.message![0]), ['a', 'b']);
      const rest = await env.logs.send(new GetLogEventsCommand({ logGroupName: 'get/big', logStreamName: 's', nextToken: first.nextForwardToken }));
      assert.deepEqual(rest.events!.map((e) => e.message![0]), ['c']);
    });
  });
});
