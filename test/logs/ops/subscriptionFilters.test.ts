import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteDestinationCommand,
  DeleteSubscriptionFilterCommand,
  DescribeDestinationsCommand,
  DescribeSubscriptionFiltersCommand,
  PutDestinationCommand,
  PutDestinationPolicyCommand,
  PutLogEventsCommand,
  PutSubscriptionFilterCommand,
  PutTransformerCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { IAMClient, CreateRoleCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { CreateStreamCommand, GetRecordsCommand, GetShardIteratorCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { clientConfig, devAccount, devCreds } from '../../helpers/server.js';
import { sdkError, startKinesisEnv, type KinesisEnv } from '../../kinesis/helpers.js';

const REGION = 'us-east-1';
const streamArn = (name: string) => `arn:aws:kinesis:${REGION}:${devAccount}:stream/${name}`;
const roleArn = (name: string) => `arn:aws:iam::${devAccount}:role/${name}`;

const trust = (service = 'logs.amazonaws.com') =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }] });
const putPolicy = (resource: string) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['kinesis:PutRecord', 'kinesis:PutRecords'], Resource: resource }] });

interface Message {
  messageType: string;
  owner: string;
  logGroup: string;
  logStream: string;
  subscriptionFilters: string[];
  logEvents: { id: string; timestamp: number; message: string }[];
}

/** Every record of a one-shard stream, gunzipped and parsed. */
async function readMessages(kinesis: KinesisClient, stream: string): Promise<Message[]> {
  let it = (await kinesis.send(new GetShardIteratorCommand({ StreamName: stream, ShardId: 'shardId-000000000000', ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
  const out: Message[] = [];
  for (;;) {
    const r = await kinesis.send(new GetRecordsCommand({ ShardIterator: it }));
    for (const rec of r.Records!) out.push(JSON.parse(gunzipSync(Buffer.from(rec.Data!)).toString('utf8')) as Message);
    if (r.Records!.length === 0) return out;
    it = r.NextShardIterator;
  }
}

describe('Subscription filters to a Kinesis stream', () => {
  let env: KinesisEnv;
  let iam: IAMClient;
  before(async () => {
    env = await startKinesisEnv();
    iam = new IAMClient(clientConfig(env.srv.url, devCreds));
    await iam.send(new CreateRoleCommand({ RoleName: 'cwl-to-kinesis', AssumeRolePolicyDocument: trust() }));
    await iam.send(new PutRolePolicyCommand({ RoleName: 'cwl-to-kinesis', PolicyName: 'put', PolicyDocument: putPolicy(`arn:aws:kinesis:${REGION}:${devAccount}:stream/*`) }));
    await iam.send(new CreateRoleCommand({ RoleName: 'no-put', AssumeRolePolicyDocument: trust() }));
    await iam.send(new CreateRoleCommand({ RoleName: 'untrusted', AssumeRolePolicyDocument: trust('ec2.amazonaws.com') }));
    await iam.send(new PutRolePolicyCommand({ RoleName: 'untrusted', PolicyName: 'put', PolicyDocument: putPolicy('*') }));
  });
  after(async () => {
    iam.destroy();
    await env.dispose();
  });

  test('a filter sends a CONTROL_MESSAGE, then the matching events as gzip JSON, in order, and across a restart', async () => {
    await env.kinesis.send(new CreateStreamCommand({ StreamName: 'sub', ShardCount: 1 }));
    await env.logs.send(new CreateLogGroupCommand({ logGroupName: 'app' }));
    await env.logs.send(new CreateLogStreamCommand({ logGroupName: 'app', logStreamName: 'web-1' }));
    await env.logs.send(
      new PutSubscriptionFilterCommand({ logGroupName: 'app', filterName: 'errors', filterPattern: 'ERROR', destinationArn: streamArn('sub'), roleArn: roleArn('cwl-to-kinesis') }),
    );
    const [control] = await readMessages(env.kinesis, 'sub');
    assert.equal(control!.messageType, 'CONTROL_MESSAGE');
    assert.equal(control!.owner, 'CloudwatchLogs');
    assert.equal(control!.logEvents[0]!.message, 'CWL CONTROL MESSAGE: Checking health of destination Kinesis stream.');

    const t = env.clock.now();
    await env.logs.send(
      new PutLogEventsCommand({
        logGroupName: 'app',
        logStreamName: 'web-1',
        logEvents: [
          { timestamp: t, message: 'INFO started' },
          { timestamp: t + 1, message: 'ERROR one' },
          { timestamp: t + 2, message: 'ERROR two' },
        ],
      }),
    );
    await env.runTask('logs-subscription-delivery');
    const afterFirst = await readMessages(env.kinesis, 'sub');
    const data = afterFirst.filter((m) => m.messageType === 'DATA_MESSAGE');
    assert.equal(data.length, 1);
    assert.deepEqual(Object.keys(data[0]!), ['messageType', 'owner', 'logGroup', 'logStream', 'subscriptionFilters', 'logEvents']);
    assert.equal(data[0]!.owner, devAccount);
    assert.equal(data[0]!.logGroup, 'app');
    assert.equal(data[0]!.logStream, 'web-1');
    assert.deepEqual(data[0]!.subscriptionFilters, ['errors']);
    assert.deepEqual(data[0]!.logEvents.map((e) => [e.timestamp, e.message]), [
      [t + 1, 'ERROR one'],
      [t + 2, 'ERROR two'],
    ]);
    assert.match(data[0]!.logEvents[0]!.id, /^\d{56}$/);

    // Events acknowledged just before a restart are delivered by the restarted server: nothing is lost.
    for (let i = 0; i < 5; i++) {
      await env.logs.send(new PutLogEventsCommand({ logGroupName: 'app', logStreamName: 'web-1', logEvents: [{ timestamp: t + 10 + i, message: `ERROR batch ${i}` }] }));
    }
    await env.restart();
    await env.runTask('logs-subscription-delivery');
    const all = (await readMessages(env.kinesis, 'sub')).filter((m) => m.messageType === 'DATA_MESSAGE').flatMap((m) => m.logEvents.map((e) => e.message));
    assert.deepEqual(all, ['ERROR one', 'ERROR two', 'ERROR batch 0', 'ERROR batch 1', 'ERROR batch 2', 'ERROR batch 3', 'ERROR batch 4']);
  });

  test('a filter with applyOnTransformedLogs matches and delivers the transformed version; one without it, the original', async () => {
    await env.kinesis.send(new CreateStreamCommand({ StreamName: 'tr-on', ShardCount: 1 }));
    await env.kinesis.send(new CreateStreamCommand({ StreamName: 'tr-off', ShardCount: 1 }));
    await env.logs.send(new CreateLogGroupCommand({ logGroupName: 'tr' }));
    await env.logs.send(new CreateLogStreamCommand({ logGroupName: 'tr', logStreamName: 's' }));
    await env.logs.send(
      new PutTransformerCommand({ logGroupIdentifier: 'tr', transformerConfig: [{ parseJSON: {} }, { addKeys: { entries: [{ key: 'team', value: 'payments' }] } }] }),
    );
    const sub = (name: string, stream: string, applyOnTransformedLogs: boolean) =>
      env.logs.send(
        new PutSubscriptionFilterCommand({ logGroupName: 'tr', filterName: name, filterPattern: '', destinationArn: streamArn(stream), roleArn: roleArn('cwl-to-kinesis'), applyOnTransformedLogs }),
      );
    await sub('on', 'tr-on', true);
    await sub('off', 'tr-off', false);
    await env.logs.send(new PutLogEventsCommand({ logGroupName: 'tr', logStreamName: 's', logEvents: [{ timestamp: env.clock.now(), message: '{"level":"ERROR"}' }] }));
    await env.runTask('logs-subscription-delivery');
    const delivered = async (stream: string) =>
      (await readMessages(env.kinesis, stream)).filter((m) => m.messageType === 'DATA_MESSAGE').flatMap((m) => m.logEvents.map((e) => e.message));
    const [transformed] = await delivered('tr-on');
    assert.deepEqual(JSON.parse(transformed!), { level: 'ERROR', team: 'payments' });
    assert.deepEqual(await delivered('tr-off'), ['{"level":"ERROR"}']);
  });

  test('validation and errors as AWS answers them: no role, a role that cannot be assumed or cannot write, a missing stream, the limit of two', async () => {
    await env.kinesis.send(new CreateStreamCommand({ StreamName: 'sub2', ShardCount: 1 }));
    await env.logs.send(new CreateLogGroupCommand({ logGroupName: 'lim' }));
    const put = (name: string, extra: Partial<{ destinationArn: string; roleArn: string | undefined; filterPattern: string }> = {}) =>
      env.logs.send(
        new PutSubscriptionFilterCommand({
          logGroupName: 'lim',
          filterName: name,
          filterPattern: '',
          destinationArn: streamArn('sub2'),
          roleArn: roleArn('cwl-to-kinesis'),
          ...extra,
        }),
      );
    assert.deepEqual(await sdkError(put('a', { roleArn: undefined })), {
      name: 'InvalidParameterException',
      message: 'destinationArn for vendor kinesis cannot be used without roleArn',
      status: 400,
    });
    const failed = 'Could not deliver test message to specified Kinesis stream. Check if the given kinesis steam is in ACTIVE state.';
    assert.deepEqual(await sdkError(put('a', { roleArn: roleArn('untrusted') })), { name: 'InvalidParameterException', message: failed, status: 400 });
    assert.deepEqual(await sdkError(put('a', { roleArn: roleArn('no-put') })), { name: 'InvalidParameterException', message: failed, status: 400 });
    assert.deepEqual(await sdkError(put('a', { roleArn: roleArn('missing') })), { name: 'InvalidParameterException', message: failed, status: 400 });
    assert.deepEqual(await sdkError(put('a', { destinationArn: streamArn('nope') })), { name: 'InvalidParameterException', message: failed, status: 400 });
    assert.equal((await sdkError(put('a', { filterPattern: '{ $.a = ' }))).name, 'InvalidParameterException');
    assert.deepEqual((await env.logs.send(new DescribeSubscriptionFiltersCommand({ logGroupName: 'lim' }))).subscriptionFilters, [], 'a refused filter is not kept');
    await put('a');
    await put('b', { filterPattern: 'x' });
    await put('a', { filterPattern: 'replaced' });
    assert.deepEqual(await sdkError(put('c')), { name: 'LimitExceededException', message: 'Resource limit exceeded.', status: 400 });
    const filters = (await env.logs.send(new DescribeSubscriptionFiltersCommand({ logGroupName: 'lim' }))).subscriptionFilters!;
    assert.deepEqual(
      filters.map((f) => [f.filterName, f.filterPattern, f.destinationArn, f.roleArn, f.distribution]),
      [
        ['a', 'replaced', streamArn('sub2'), roleArn('cwl-to-kinesis'), 'ByLogStream'],
        ['b', 'x', streamArn('sub2'), roleArn('cwl-to-kinesis'), 'ByLogStream'],
      ],
    );
    const p1 = await env.logs.send(new DescribeSubscriptionFiltersCommand({ logGroupName: 'lim', limit: 1 }));
    assert.deepEqual((await env.logs.send(new DescribeSubscriptionFiltersCommand({ logGroupName: 'lim', nextToken: p1.nextToken }))).subscriptionFilters!.map((f) => f.filterName), ['b']);
    await env.logs.send(new DeleteSubscriptionFilterCommand({ logGroupName: 'lim', filterName: 'a' }));
    assert.deepEqual(await sdkError(env.logs.send(new DeleteSubscriptionFilterCommand({ logGroupName: 'lim', filterName: 'a' }))), {
      name: 'ResourceNotFoundException',
      message: 'The specified subscription filter does not exist.',
      status: 400,
    });
    assert.deepEqual(await sdkError(env.logs.send(new DescribeSubscriptionFiltersCommand({ logGroupName: 'nope' }))), {
      name: 'ResourceNotFoundException',
      message: 'The specified log group does not exist.',
      status: 400,
    });
  });

  test('a destination wraps a stream and a role; a filter naming it delivers to its stream', async () => {
    await env.kinesis.send(new CreateStreamCommand({ StreamName: 'dest-stream', ShardCount: 1 }));
    const out = await env.logs.send(new PutDestinationCommand({ destinationName: 'central', targetArn: streamArn('dest-stream'), roleArn: roleArn('cwl-to-kinesis') }));
    const arn = `arn:aws:logs:${REGION}:${devAccount}:destination:central`;
    assert.equal(out.destination!.arn, arn);
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 'logs:PutSubscriptionFilter', Resource: arn }] });
    await env.logs.send(new PutDestinationPolicyCommand({ destinationName: 'central', accessPolicy: policy }));
    assert.equal((await sdkError(env.logs.send(new PutDestinationPolicyCommand({ destinationName: 'central', accessPolicy: '{' })))).name, 'InvalidParameterException');
    const listed = (await env.logs.send(new DescribeDestinationsCommand({ DestinationNamePrefix: 'cen' }))).destinations!;
    assert.deepEqual(listed.map((d) => [d.destinationName, d.targetArn, d.roleArn, d.accessPolicy]), [['central', streamArn('dest-stream'), roleArn('cwl-to-kinesis'), policy]]);
    await env.logs.send(new CreateLogGroupCommand({ logGroupName: 'via-dest' }));
    await env.logs.send(new CreateLogStreamCommand({ logGroupName: 'via-dest', logStreamName: 's' }));
    await env.logs.send(new PutSubscriptionFilterCommand({ logGroupName: 'via-dest', filterName: 'all', filterPattern: '', destinationArn: arn }));
    await env.logs.send(new PutLogEventsCommand({ logGroupName: 'via-dest', logStreamName: 's', logEvents: [{ timestamp: env.clock.now(), message: 'hello destination' }] }));
    await env.runTask('logs-subscription-delivery');
    const msgs = await readMessages(env.kinesis, 'dest-stream');
    assert.deepEqual(msgs.map((m) => m.messageType), ['CONTROL_MESSAGE', 'DATA_MESSAGE']);
    assert.equal(msgs[1]!.logEvents[0]!.message, 'hello destination');
    await env.logs.send(new DeleteDestinationCommand({ destinationName: 'central' }));
    assert.deepEqual(await sdkError(env.logs.send(new DeleteDestinationCommand({ destinationName: 'central' }))), {
      name: 'ResourceNotFoundException',
      message: 'The specified destination does not exist.',
      status: 400,
    });
  });
});
