import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateLogGroupCommand, CreateLogStreamCommand, DeleteLogGroupCommand, DescribeLogGroupsCommand, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { createGroupAndStream, put, sdkError, startLogsEnv, type LogsEnv } from '../helpers.js';

describe('DeleteLogGroup', () => {
  let env: LogsEnv;
  before(async () => {
    env = await startLogsEnv();
  });
  after(() => env.dispose());

  describe('serialization', () => {
    test('answers an empty body and the group is gone', async () => {
      await env.logs.send(new CreateLogGroupCommand({ logGroupName: 'dlg/ser' }));
      const out = await env.logs.send(new DeleteLogGroupCommand({ logGroupName: 'dlg/ser' }));
      assert.deepEqual(Object.keys(out).filter((k) => k !== '$metadata'), []);
      assert.deepEqual((await env.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: 'dlg/ser' }))).logGroups, []);
    });
  });

  describe('validation', () => {
    test('returns ResourceNotFoundException for an unknown group', async () => {
      const e = await sdkError(env.logs.send(new DeleteLogGroupCommand({ logGroupName: 'dlg/none' })));
      assert.deepEqual(e, { name: 'ResourceNotFoundException', message: 'The specified log group does not exist.', status: 400 });
    });

    test('refuses a group with deletion protection', async () => {
      await env.logs.send(new CreateLogGroupCommand({ logGroupName: 'dlg/protected', deletionProtectionEnabled: true }));
      const e = await sdkError(env.logs.send(new DeleteLogGroupCommand({ logGroupName: 'dlg/protected' })));
      assert.deepEqual(e, { name: 'ValidationException', message: "Log group 'dlg/protected' has deletion protection enabled and cannot be deleted.", status: 400 });
      const g = (await env.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: 'dlg/protected' }))).logGroups![0]!;
      assert.equal(g.deletionProtectionEnabled, true);
    });
  });

  describe('behaviour', () => {
    test('deletes streams and events: a group created again under the name starts empty', async () => {
      await createGroupAndStream(env.logs, 'dlg/data', 's');
      await put(env.logs, 'dlg/data', 's', [{ timestamp: env.clock.now(), message: 'old life' }]);
      await env.logs.send(new DeleteLogGroupCommand({ logGroupName: 'dlg/data' }));
      await env.logs.send(new CreateLogGroupCommand({ logGroupName: 'dlg/data' }));
      const missing = await sdkError(env.logs.send(new GetLogEventsCommand({ logGroupName: 'dlg/data', logStreamName: 's' })));
      assert.equal(missing.name, 'ResourceNotFoundException');
      await env.logs.send(new CreateLogStreamCommand({ logGroupName: 'dlg/data', logStreamName: 's' }));
      const out = await env.logs.send(new GetLogEventsCommand({ logGroupName: 'dlg/data', logStreamName: 's', startFromHead: true }));
      assert.deepEqual(out.events, []);
      const g = (await env.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: 'dlg/data' }))).logGroups![0]!;
      assert.equal(g.storedBytes, 0);
    });
  });
});
