import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DeleteRetentionPolicyCommand, DescribeLogGroupsCommand, GetLogEventsCommand, PutRetentionPolicyCommand } from '@aws-sdk/client-cloudwatch-logs';
import { devCreds } from '../../helpers/server.js';
import { createGroupAndStream, put, sdkError, startLogsEnv, type LogsEnv } from '../helpers.js';

describe('DeleteRetentionPolicy', () => {
  let env: LogsEnv;
  before(async () => {
    env = await startLogsEnv();
  });
  after(() => env.dispose());

  describe('serialization', () => {
    test('answers an empty body and DescribeLogGroups no longer shows retentionInDays', async () => {
      await createGroupAndStream(env.logs, 'unret/ser', 's');
      await env.logs.send(new PutRetentionPolicyCommand({ logGroupName: 'unret/ser', retentionInDays: 7 }));
      const out = await env.logs.send(new DeleteRetentionPolicyCommand({ logGroupName: 'unret/ser' }));
      assert.deepEqual(Object.keys(out).filter((k) => k !== '$metadata'), []);
      const g = (await env.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: 'unret/ser' }))).logGroups![0]!;
      assert.equal(g.retentionInDays, undefined);
    });
  });

  describe('validation', () => {
    test('returns ResourceNotFoundException for an unknown group', async () => {
      const e = await sdkError(env.logs.send(new DeleteRetentionPolicyCommand({ logGroupName: 'unret/none' })));
      assert.deepEqual(e, { name: 'ResourceNotFoundException', message: 'The specified log group does not exist.', status: 400 });
    });
  });

  describe('behaviour', () => {
    test('events of the group no longer expire', async () => {
      await createGroupAndStream(env.logs, 'unret/keep', 's');
      await put(env.logs, 'unret/keep', 's', [{ timestamp: env.clock.now(), message: 'forever' }]);
      await env.logs.send(new PutRetentionPolicyCommand({ logGroupName: 'unret/keep', retentionInDays: 1 }));
      await env.logs.send(new DeleteRetentionPolicyCommand({ logGroupName: 'unret/keep' }));
      env.clock.advance(3 * 86_400_000);
      await env.runTask('logs-retention');
      const { logs } = env.clients(devCreds);
      const out = await logs.send(new GetLogEventsCommand({ logGroupName: 'unret/keep', logStreamName: 's', startFromHead: true }));
      assert.deepEqual(out.events!.map((e) => e.message), ['forever']);
    });
  });
});
