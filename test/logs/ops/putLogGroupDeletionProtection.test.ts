import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateLogGroupCommand, DeleteLogGroupCommand, DescribeLogGroupsCommand, PutLogGroupDeletionProtectionCommand } from '@aws-sdk/client-cloudwatch-logs';
import { devAccount } from '../../helpers/server.js';
import { REGION, sdkError, startLogsEnv, type LogsEnv } from '../helpers.js';

describe('PutLogGroupDeletionProtection', () => {
  let env: LogsEnv;
  before(async () => {
    env = await startLogsEnv();
    await env.logs.send(new CreateLogGroupCommand({ logGroupName: 'keep' }));
  });
  after(() => env.dispose());

  const enabled = async () => (await env.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: 'keep' }))).logGroups![0]!.deletionProtectionEnabled;

  test('turns protection on (DeleteLogGroup is then refused) and off again, by name or ARN', async () => {
    await env.logs.send(new PutLogGroupDeletionProtectionCommand({ logGroupIdentifier: 'keep', deletionProtectionEnabled: true }));
    assert.equal(await enabled(), true);
    const e = await sdkError(env.logs.send(new DeleteLogGroupCommand({ logGroupName: 'keep' })));
    assert.equal(e.name, 'ValidationException');
    const arn = `arn:aws:logs:${REGION}:${devAccount}:log-group:keep`;
    await env.logs.send(new PutLogGroupDeletionProtectionCommand({ logGroupIdentifier: arn, deletionProtectionEnabled: false }));
    assert.equal(await enabled(), false);
    await env.logs.send(new DeleteLogGroupCommand({ logGroupName: 'keep' }));
  });

  test('returns ResourceNotFoundException for an unknown group', async () => {
    const e = await sdkError(env.logs.send(new PutLogGroupDeletionProtectionCommand({ logGroupIdentifier: 'missing', deletionProtectionEnabled: true })));
    assert.deepEqual(e, { name: 'ResourceNotFoundException', message: 'The specified log group does not exist.', status: 400 });
  });
});
