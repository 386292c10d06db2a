import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateLogStreamCommand, DescribeLogStreamsCommand, type DescribeLogStreamsCommandInput } from '@aws-sdk/client-cloudwatch-logs';
import { devAccount } from '../../helpers/server.js';
import { createGroupAndStream, put, REGION, sdkError, startLogsEnv, type LogsEnv } from '../helpers.js';

describe('DescribeLogStreams', () => {
  let env: LogsEnv;
  let now: number;
  before(async () => {
    env = await startLogsEnv();
    now = env.clock.now();
    await createGroupAndStream(env.logs, 'ds', 'b');
    for (const s of ['a', 'c', 'web/1', 'web/2']) await env.logs.send(new CreateLogStreamCommand({ logGroupName: 'ds', logStreamName: s }));
    await put(env.logs, 'ds', 'c', [{ timestamp: now - 3000, message: 'x' }]);
    await put(env.logs, 'ds', 'a', [{ timestamp: now - 2000, message: 'x' }, { timestamp: now - 1000, message: 'y' }]);
  });
  after(() => env.dispose());

  const names = async (input: Partial<DescribeLogStreamsCommandInput>) =>
    (await env.logs.send(new DescribeLogStreamsCommand({ logGroupName: 'ds', ...input }))).logStreams!.map((s) => s.logStreamName);

  describe('serialization', () => {
    test('shows event times, ARN and storedBytes 0 (as AWS does for streams)', async () => {
      const [a] = (await env.logs.send(new DescribeLogStreamsCommand({ logGroupName: 'ds', logStreamNamePrefix: 'a' }))).logStreams!;
      assert.equal(a!.arn, `arn:aws:logs:${REGION}:${devAccount}:log-group:ds:log-stream:a`);
      assert.equal(a!.firstEventTimestamp, now - 2000);
      assert.equal(a!.lastEventTimestamp, now - 1000);
      assert.equal(typeof a!.lastIngestionTime, 'number');
      assert.equal(a!.storedBytes, 0);
      assert.match(a!.uploadSequenceToken!, /^\d{56}$/);
      const [b] = (await env.logs.send(new DescribeLogStreamsCommand({ logGroupName: 'ds', logStreamNamePrefix: 'b' }))).logStreams!;
      assert.deepEqual(Object.keys(b!).sort(), ['arn', 'creationTime', 'logStreamName', 'storedBytes']);
    });
  });

  describe('validation', () => {
    test('returns ResourceNotFoundException for an unknown group', async () => {
      const e = await sdkError(env.logs.send(new DescribeLogStreamsCommand({ logGroupName: 'none' })));
      assert.deepEqual(e, { name: 'ResourceNotFoundException', message: 'The specified log group does not exist.', status: 400 });
    });

    test('refuses a name together with an identifier', async () => {
      const e = await sdkError(env.logs.send(new DescribeLogStreamsCommand({ logGroupName: 'ds', logGroupIdentifier: 'ds' })));
      assert.deepEqual(e, { name: 'ValidationException', message: 'LogGroup name and LogGroup ARN are mutually exclusive parameters.', status: 400 });
    });

    test('refuses ordering by last event time with a name prefix', async () => {
      const e = await sdkError(env.logs.send(new DescribeLogStreamsCommand({ logGroupName: 'ds', orderBy: 'LastEventTime', logStreamNamePrefix: 'a' })));
      assert.deepEqual(e, { name: 'InvalidParameterException', message: 'Cannot order by LastEventTime with a logStreamNamePrefix.', status: 400 });
    });
  });

  describe('behaviour', () => {
    test('orders by name, ascending or descending, with a prefix', async () => {
      assert.deepEqual(await names({}), ['a', 'b', 'c', 'web/1', 'web/2']);
      assert.deepEqual(await names({ descending: true }), ['web/2', 'web/1', 'c', 'b', 'a']);
      assert.deepEqual(await names({ logStreamNamePrefix: 'web/' }), ['web/1', 'web/2']);
    });

    test('orders by last event time, oldest first, or newest first when descending', async () => {
      // Streams without events count as older than any event (as in moto), then ties go by name.
      assert.deepEqual(await names({ orderBy: 'LastEventTime' }), ['b', 'web/1', 'web/2', 'c', 'a']);
      assert.deepEqual(await names({ orderBy: 'LastEventTime', descending: true }), ['a', 'c', 'web/2', 'web/1', 'b']);
    });

    test('moves a stream in the LastEventTime order when it gets newer events', async () => {
      await createGroupAndStream(env.logs, 'ds/moving', 'x');
      await env.logs.send(new CreateLogStreamCommand({ logGroupName: 'ds/moving', logStreamName: 'y' }));
      await put(env.logs, 'ds/moving', 'x', [{ timestamp: now - 500, message: 'x' }]);
      await put(env.logs, 'ds/moving', 'y', [{ timestamp: now - 400, message: 'y' }]);
      const order = async () =>
        (await env.logs.send(new DescribeLogStreamsCommand({ logGroupName: 'ds/moving', orderBy: 'LastEventTime', descending: true }))).logStreams!.map((s) => s.logStreamName);
      assert.deepEqual(await order(), ['y', 'x']);
      await put(env.logs, 'ds/moving', 'x', [{ timestamp: now - 300, message: 'x again' }]);
      assert.deepEqual(await order(), ['x', 'y']);
    });

    test('accepts the group ARN as logGroupIdentifier', async () => {
      const out = await env.logs.send(new DescribeLogStreamsCommand({ logGroupIdentifier: `arn:aws:logs:${REGION}:${devAccount}:log-group:ds` }));
      assert.equal(out.logStreams!.length, 5);
    });

    test('pages with limit and nextToken, in either order', async () => {
      for (const input of [{}, { descending: true }, { orderBy: 'LastEventTime' as const, descending: true }]) {
        const seen: (string | undefined)[] = [];
        let token: string | undefined;
        do {
          const out = await env.logs.send(new DescribeLogStreamsCommand({ logGroupName: 'ds', limit: 2, nextToken: token, ...input }));
          seen.push(...out.logStreams!.map((s) => s.logStreamName));
          token = out.nextToken;
        } while (token);
        assert.deepEqual(seen, await names(input));
      }
    });

    test('refuses a token made for another ordering', async () => {
      const byName = await env.logs.send(new DescribeLogStreamsCommand({ logGroupName: 'ds', limit: 2 }));
      const e = await sdkError(env.logs.send(new DescribeLogStreamsCommand({ logGroupName: 'ds', limit: 2, descending: true, nextToken: byName.nextToken })));
      assert.deepEqual(e, { name: 'InvalidParameterException', message: 'The specified nextToken is invalid.', status: 400 });
    });
  });
});
