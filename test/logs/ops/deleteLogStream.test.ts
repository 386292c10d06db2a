import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateLogStreamCommand, DeleteLogStreamCommand, DescribeLogGroupsCommand, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { createGroupAndStream, put, sdkError, startLogsEnv, type LogsEnv } from '../helpers.js';

describe('DeleteLogStream', () => {
  let env: LogsEnv;
  before(async () => {
    env = await startLogsEnv();
    await createGroupAndStream(env.logs, 'dls', 'gone');
    await env.logs.send(new CreateLogStreamCommand({ logGroupName: 'dls', logStreamName: 'kept' }));
    await put(env.logs, 'dls', 'gone', [{ timestamp: env.clock.now(), message: 'bye' }]);
    await put(env.logs, 'dls', 'kept', [{ timestamp: env.clock.now(), message: 'hi' }]);
  });
  after(() => env.dispose());

  describe('serialization', () => {
    test('answers an empty body', async () => {
      await env.logs.send(new CreateLogStreamCommand({ logGroupName: 'dls', logStreamName: 'tmp' }));
      const out = await env.logs.send(new DeleteLogStreamCommand({ logGroupName: 'dls', logStreamName: 'tmp' }));
      assert.deepEqual(Object.keys(out).filter((k) => k !== '$metadata'), []);
    });
  });

  describe('validation', () => {
    test('returns ResourceNotFoundException for an unknown group or stream', async () => {
      const g = await sdkError(env.logs.send(new DeleteLogStreamCommand({ logGroupName: 'none', logStreamName: 's' })));
      assert.deepEqual(g, { name: 'ResourceNotFoundException', message: 'The specified log group does not exist.', status: 400 });
      const s = await sdkError(env.logs.send(new DeleteLogStreamCommand({ logGroupName: 'dls', logStreamName: 'none' })));
      assert.deepEqual(s, { name: 'ResourceNotFoundException', message: 'The specified log stream does not exist.', status: 400 });
    });
  });

  describe('behaviour', () => {
    test("deletes the stream's events and stored bytes, and a new stream of that name starts empty", async () => {
      await env.logs.send(new DeleteLogStreamCommand({ logGroupName: 'dls', logStreamName: 'gone' }));
      const g = (await env.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: 'dls' }))).logGroups![0]!;
      assert.equal(g.storedBytes, 2);
      await env.logs.send(new CreateLogStreamCommand({ logGroupName: 'dls', logStreamName: 'gone' }));
      const out = await env.logs.send(new GetLogEventsCommand({ logGroupName: 'dls', logStreamName: 'gone', startFromHead: true }));
      assert.deepEqual(out.events, []);
    });
  });
});
