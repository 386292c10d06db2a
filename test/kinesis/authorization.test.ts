import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { CreateStreamCommand, GetRecordsCommand, GetShardIteratorCommand, ListStreamsCommand, PutRecordCommand } from '@aws-sdk/client-kinesis';
import { clientConfig, devAccount, devCreds, type Creds } from '../helpers/server.js';
import { sdkError, startKinesisEnv, type KinesisEnv } from './helpers.js';

const arn = (name: string) => `arn:aws:kinesis:us-east-1:${devAccount}:stream/${name}`;

describe('Kinesis requests are authorized by IAM policies', () => {
  let env: KinesisEnv;
  let iam: IAMClient;
  let producer: Creds;
  before(async () => {
    env = await startKinesisEnv();
    iam = new IAMClient(clientConfig(env.srv.url, devCreds));
    await iam.send(new CreateUserCommand({ UserName: 'producer' }));
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'producer',
        PolicyName: 'p',
        PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['kinesis:PutRecord', 'kinesis:GetShardIterator'], Resource: arn('allowed') }] }),
      }),
    );
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'producer' }))).AccessKey!;
    producer = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
    for (const name of ['allowed', 'other']) await env.kinesis.send(new CreateStreamCommand({ StreamName: name, ShardCount: 1 }));
  });
  after(async () => {
    iam.destroy();
    await env.dispose();
  });

  test('a user writes where its policy allows and is denied elsewhere, GetRecords included', async () => {
    const { kinesis } = env.clients(producer);
    await kinesis.send(new PutRecordCommand({ StreamName: 'allowed', PartitionKey: 'k', Data: Buffer.from('ok') }));
    const other = await sdkError(kinesis.send(new PutRecordCommand({ StreamName: 'other', PartitionKey: 'k', Data: Buffer.from('no') })));
    assert.equal(other.name, 'AccessDeniedException');
    assert.match(other.message, new RegExp(`kinesis:PutRecord on resource: ${arn('other')}`));
    assert.equal((await sdkError(kinesis.send(new ListStreamsCommand({})))).name, 'AccessDeniedException');
    const it = (await kinesis.send(new GetShardIteratorCommand({ StreamName: 'allowed', ShardId: 'shardId-000000000000', ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
    const read = await sdkError(kinesis.send(new GetRecordsCommand({ ShardIterator: it })));
    assert.equal(read.name, 'AccessDeniedException');
    assert.match(read.message, new RegExp(`kinesis:GetRecords on resource: ${arn('allowed')}`));
  });
});
