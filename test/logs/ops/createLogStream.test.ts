import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateLogGroupCommand, CreateLogStreamCommand, DescribeLogStreamsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { sdkError, startLogsEnv, type LogsEnv } from '../helpers.js';

describe('CreateLogStream', () => {
  let env: LogsEnv;
  before(async () => {
    env = await startLogsEnv();
    await env.logs.send(new CreateLogGroupCommand({ logGroupName: 'cs' }));
  });
  after(() => env.dispose());

  describe('serialization', () => {
    test('answers an empty body and the stream is listed', async () => {
      const out = await env.logs.send(new CreateLogStreamCommand({ logGroupName: 'cs', logStreamName: 'one' }));
      assert.deepEqual(Object.keys(out).filter((k) => k !== '$metadata'), []);
      const streams = (await env.logs.send(new DescribeLogStreamsCommand({ logGroupName: 'cs' }))).logStreams!;
      assert.deepEqual(streams.map((s) => s.logStreamName), ['one']);
    });
  });

  describe('validation', () => {
    test('returns ResourceAlreadyExistsException for an existing stream', async () => {
      await env.logs.send(new CreateLogStreamCommand({ logGroupName: 'cs', logStreamName: 'twice' }));
      const e = await sdkError(env.logs.send(new CreateLogStreamCommand({ logGroupName: 'cs', logStreamName: 'twice' })));
      assert.deepEqual(e, { name: 'ResourceAlreadyExistsException', message: 'The specified log stream already exists', status: 400 });
    });

    test('returns ResourceNotFoundException for an unknown group', async () => {
      const e = await sdkError(env.logs.send(new CreateLogStreamCommand({ logGroupName: 'none', logStreamName: 's' })));
      assert.deepEqual(e, { name: 'ResourceNotFoundException', message: 'The specified log group does not exist.', status: 400 });
    });
  });

  describe('behaviour', () => {
    test('the same stream name may exist in two groups', async () => {
      await env.logs.send(new CreateLogGroupCommand({ logGroupName: 'cs/other' }));
      await env.logs.send(new CreateLogStreamCommand({ logGroupName: 'cs/other', logStreamName: 'one' }));
      const streams = (await env.logs.send(new DescribeLogStreamsCommand({ logGroupName: 'cs/other' }))).logStreams!;
      assert.deepEqual(streams.map((s) => s.logStreamName), ['one']);
    });
  });
});
