import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  AddTagsToStreamCommand,
  CreateStreamCommand,
  DeleteStreamCommand,
  DescribeStreamCommand,
  DescribeStreamSummaryCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListShardsCommand,
  ListStreamsCommand,
  ListTagsForStreamCommand,
  PutRecordCommand,
  PutRecordsCommand,
} from '@aws-sdk/client-kinesis';
import { ABSENT_KINESIS_OPERATIONS } from '../../src/kinesis/absent.js';
import { kinesisOps } from '../../src/kinesis/operations.js';
import { services } from '../../src/protocol/index.js';
import { repoRoot } from '../helpers/paths.js';
import { devAccount, devCreds } from '../helpers/server.js';
import { jsonCall } from '../helpers/sign.js';
import { sdkError, startKinesisEnv, type KinesisEnv } from './helpers.js';

const text = (b: Uint8Array | undefined) => Buffer.from(b ?? []).toString('utf8');

describe('Kinesis Data Streams (SDK v3 client)', () => {
  let env: KinesisEnv;
  before(async () => (env = await startKinesisEnv()));
  after(() => env.dispose());

  test('a stream is created, described, listed with its shards, and deleted', async () => {
    await env.kinesis.send(new CreateStreamCommand({ StreamName: 'orders', ShardCount: 3, Tags: { team: 'a' } }));
    const d = (await env.kinesis.send(new DescribeStreamCommand({ StreamName: 'orders' }))).StreamDescription!;
    assert.equal(d.StreamARN, `arn:aws:kinesis:us-east-1:${devAccount}:stream/orders`);
    assert.equal(d.StreamStatus, 'ACTIVE');
    assert.equal(d.StreamModeDetails?.StreamMode, 'PROVISIONED');
    assert.equal(d.EncryptionType, 'NONE');
    assert.deepEqual(d.Shards!.map((s) => s.ShardId), ['shardId-000000000000', 'shardId-000000000001', 'shardId-000000000002']);
    assert.equal(d.Shards![0]!.HashKeyRange!.StartingHashKey, '0');
    assert.equal(d.Shards![2]!.HashKeyRange!.EndingHashKey, ((1n << 128n) - 1n).toString());
    assert.equal(BigInt(d.Shards![1]!.HashKeyRange!.StartingHashKey!), BigInt(d.Shards![0]!.HashKeyRange!.EndingHashKey!) + 1n);
    const sum = (await env.kinesis.send(new DescribeStreamSummaryCommand({ StreamARN: d.StreamARN }))).StreamDescriptionSummary!;
    assert.equal(sum.OpenShardCount, 3);
    assert.equal(sum.RetentionPeriodHours, 24);
    const page = await env.kinesis.send(new ListShardsCommand({ StreamName: 'orders', MaxResults: 2 }));
    assert.equal(page.Shards!.length, 2);
    const rest = await env.kinesis.send(new ListShardsCommand({ NextToken: page.NextToken }));
    assert.deepEqual(rest.Shards!.map((s) => s.ShardId), ['shardId-000000000002']);
    assert.equal(rest.NextToken, undefined);
    await env.kinesis.send(new AddTagsToStreamCommand({ StreamName: 'orders', Tags: { env: 'test' } }));
    assert.deepEqual((await env.kinesis.send(new ListTagsForStreamCommand({ StreamName: 'orders' }))).Tags, [
      { Key: 'env', Value: 'test' },
      { Key: 'team', Value: 'a' },
    ]);
    await env.kinesis.send(new CreateStreamCommand({ StreamName: 'events' }));
    const od = (await env.kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'events' }))).StreamDescriptionSummary!;
    assert.equal(od.StreamModeDetails?.StreamMode, 'ON_DEMAND');
    assert.equal(od.OpenShardCount, 4);
    const l1 = await env.kinesis.send(new ListStreamsCommand({ Limit: 1 }));
    assert.deepEqual(l1.StreamNames, ['events']);
    assert.equal(l1.HasMoreStreams, true);
    const l2 = await env.kinesis.send(new ListStreamsCommand({ NextToken: l1.NextToken }));
    assert.deepEqual(l2.StreamNames, ['orders']);
    assert.equal(l2.StreamSummaries![0]!.StreamARN, d.StreamARN);
    await env.kinesis.send(new DeleteStreamCommand({ StreamName: 'events' }));
    assert.deepEqual((await env.kinesis.send(new ListStreamsCommand({}))).StreamNames, ['orders']);
  });

  test('answers AWS errors for a missing stream, a duplicate, a bad name and a missing shard', async () => {
    assert.deepEqual(await sdkError(env.kinesis.send(new DescribeStreamCommand({ StreamName: 'nope' }))), {
      name: 'ResourceNotFoundException',
      message: `Stream nope under account ${devAccount} not found.`,
      status: 400,
    });
    await env.kinesis.send(new CreateStreamCommand({ StreamName: 'dup', ShardCount: 1 }));
    assert.deepEqual(await sdkError(env.kinesis.send(new CreateStreamCommand({ StreamName: 'dup', ShardCount: 1 }))), {
      name: 'ResourceInUseException',
      message: `Stream dup under account ${devAccount} already exists.`,
      status: 400,
    });
    const bad = await sdkError(env.kinesis.send(new CreateStreamCommand({ StreamName: 'a b', ShardCount: 1 })));
    assert.deepEqual(bad, {
      name: 'ValidationException',
      message: "1 validation error detected: Value 'a b' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
      status: 400,
    });
    assert.deepEqual(
      await sdkError(env.kinesis.send(new GetShardIteratorCommand({ StreamName: 'dup', ShardId: 'shardId-000000000007', ShardIteratorType: 'TRIM_HORIZON' }))),
      { name: 'ResourceNotFoundException', message: `Shard shardId-000000000007 in stream dup under account ${devAccount} does not exist`, status: 400 },
    );
    assert.equal((await sdkError(env.kinesis.send(new PutRecordCommand({ StreamName: 'gone', PartitionKey: 'k', Data: Buffer.from('x') })))).name, 'ResourceNotFoundException');
  });

  test('records are put, routed by partition key, and read back in order per shard', async () => {
    await env.kinesis.send(new CreateStreamCommand({ StreamName: 'rw', ShardCount: 2 }));
    const one = await env.kinesis.send(new PutRecordCommand({ StreamName: 'rw', PartitionKey: 'alpha', Data: Buffer.from('first') }));
    const many = await env.kinesis.send(
      new PutRecordsCommand({ StreamName: 'rw', Records: Array.from({ length: 20 }, (_, i) => ({ PartitionKey: i % 2 ? 'alpha' : `k${i}`, Data: Buffer.from(`r${i}`) })) }),
    );
    assert.equal(many.FailedRecordCount, 0);
    assert.equal(many.Records!.length, 20);
    // Same partition key, same shard, growing sequence numbers.
    const alpha = [one, ...many.Records!.filter((_, i) => i % 2)];
    assert.ok(alpha.every((r) => r.ShardId === one.ShardId));
    for (let i = 1; i < alpha.length; i++) assert.ok(BigInt(alpha[i]!.SequenceNumber!) > BigInt(alpha[i - 1]!.SequenceNumber!));
    const read: string[] = [];
    for (const shard of ['shardId-000000000000', 'shardId-000000000001']) {
      let it = (await env.kinesis.send(new GetShardIteratorCommand({ StreamName: 'rw', ShardId: shard, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
      const got = await env.kinesis.send(new GetRecordsCommand({ ShardIterator: it, Limit: 5 }));
      const more = await env.kinesis.send(new GetRecordsCommand({ ShardIterator: got.NextShardIterator }));
      const recs = [...got.Records!, ...more.Records!];
      for (let i = 1; i < recs.length; i++) assert.ok(BigInt(recs[i]!.SequenceNumber!) > BigInt(recs[i - 1]!.SequenceNumber!));
      for (const r of recs) read.push(`${r.PartitionKey}:${text(r.Data)}`);
      it = more.NextShardIterator;
      assert.deepEqual((await env.kinesis.send(new GetRecordsCommand({ ShardIterator: it }))).Records, []);
    }
    assert.equal(read.length, 21);
    assert.ok(read.includes('alpha:first') && read.includes('k0:r0') && read.includes('alpha:r19'));
    const recs = (await env.kinesis.send(new GetRecordsCommand({
      ShardIterator: (await env.kinesis.send(new GetShardIteratorCommand({ StreamName: 'rw', ShardId: one.ShardId, ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', StartingSequenceNumber: one.SequenceNumber }))).ShardIterator,
    }))).Records!;
    assert.ok(BigInt(recs[0]!.SequenceNumber!) > BigInt(one.SequenceNumber!));
    assert.ok(!recs.some((r) => text(r.Data) === 'first') && recs.some((r) => text(r.Data) === 'r1'));
    assert.equal(recs[0]!.EncryptionType, 'NONE');
    const latest = (await env.kinesis.send(new GetShardIteratorCommand({ StreamName: 'rw', ShardId: one.ShardId, ShardIteratorType: 'LATEST' }))).ShardIterator;
    await env.kinesis.send(new PutRecordCommand({ StreamName: 'rw', PartitionKey: 'alpha', Data: Buffer.from('after') }));
    assert.deepEqual((await env.kinesis.send(new GetRecordsCommand({ ShardIterator: latest }))).Records!.map((r) => text(r.Data)), ['after']);
  });

  test('an iterator expires after five minutes with AWS message; a forged one is refused', async () => {
    await env.kinesis.send(new CreateStreamCommand({ StreamName: 'exp', ShardCount: 1 }));
    const it = (await env.kinesis.send(new GetShardIteratorCommand({ StreamName: 'exp', ShardId: 'shardId-000000000000', ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
    env.clock.advance(301_000);
    const e = await sdkError(env.kinesis.send(new GetRecordsCommand({ ShardIterator: it })));
    assert.equal(e.name, 'ExpiredIteratorException');
    assert.match(e.message, /^Iterator expired\. The iterator was created at time \w{3} \w{3} \d\d \d\d:\d\d:\d\d UTC \d{4} while right now it is .* which is further in the future than the tolerated delay of 300000 milliseconds\.$/);
    assert.equal((await sdkError(env.kinesis.send(new GetRecordsCommand({ ShardIterator: 'AAAAAAAAAAAA' })))).name, 'InvalidArgumentException');
  });
});

describe('Kinesis operations', () => {
  const absent = Object.values(ABSENT_KINESIS_OPERATIONS).flat();
  const served = Object.keys(kinesisOps);

  test('every modelled operation is served or listed as absent, never both', () => {
    const modelled = [...services.kinesis.operations.keys()];
    assert.deepEqual(modelled.filter((op) => !served.includes(op) && !absent.includes(op)), []);
    assert.deepEqual(served.filter((op) => absent.includes(op)), []);
    assert.deepEqual(absent.filter((op) => !modelled.includes(op)), []);
  });

  test("README's not-yet list names every absent family", () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const notYet = readme.slice(readme.indexOf('## What does not work yet')).replace(/\s+/g, ' ');
    for (const family of Object.keys(ABSENT_KINESIS_OPERATIONS)) assert.ok(notYet.includes(family), family);
  });

  test('an absent operation answers a bare UnknownOperationException', async () => {
    const env = await startKinesisEnv();
    try {
      for (const op of absent) {
        const r = await jsonCall(env.srv.url, `Kinesis_20131202.${op}`, {}, devCreds, { service: 'kinesis' });
        assert.equal(r.status, 400, op);
        assert.deepEqual(JSON.parse(r.text), { __type: 'UnknownOperationException' }, op);
      }
    } finally {
      await env.dispose();
    }
  });
});
