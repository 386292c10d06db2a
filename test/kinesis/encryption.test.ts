import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  CreateStreamCommand,
  DescribeStreamSummaryCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  PutRecordCommand,
  PutRecordsCommand,
  StartStreamEncryptionCommand,
  StopStreamEncryptionCommand,
} from '@aws-sdk/client-kinesis';
import { CreateKeyCommand, DisableKeyCommand, EnableKeyCommand, GenerateDataKeyCommand } from '@aws-sdk/client-kms';
import { devAccount } from '../helpers/server.js';
import { sdkError, startKinesisEnv, type KinesisEnv } from './helpers.js';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

/** A key policy letting the account administer the key but not use it. */
const adminOnlyPolicy = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'Admin',
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${devAccount}:root` },
      Action: ['kms:Describe*', 'kms:Get*', 'kms:List*', 'kms:PutKeyPolicy', 'kms:Enable*', 'kms:Disable*', 'kms:ScheduleKeyDeletion'],
      Resource: '*',
    },
  ],
});

async function readAll(env: KinesisEnv, stream: string) {
  const it = (await env.kinesis.send(new GetShardIteratorCommand({ StreamName: stream, ShardId: 'shardId-000000000000', ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
  return (await env.kinesis.send(new GetRecordsCommand({ ShardIterator: it }))).Records!;
}

describe('Kinesis server-side encryption with a KMS key', () => {
  let env: KinesisEnv;
  before(async () => (env = await startKinesisEnv()));
  after(() => env.dispose());

  test('records written after StartStreamEncryption are KMS-encrypted and read back; StopStreamEncryption stops it', async () => {
    const key = (await env.kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    await env.kinesis.send(new CreateStreamCommand({ StreamName: 'sse', ShardCount: 1 }));
    await env.kinesis.send(new PutRecordCommand({ StreamName: 'sse', PartitionKey: 'p', Data: Buffer.from('before') }));
    await env.kinesis.send(new StartStreamEncryptionCommand({ StreamName: 'sse', EncryptionType: 'KMS', KeyId: key.Arn }));
    const sum = (await env.kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'sse' }))).StreamDescriptionSummary!;
    assert.equal(sum.EncryptionType, 'KMS');
    assert.equal(sum.KeyId, key.Arn);
    const put = await env.kinesis.send(new PutRecordCommand({ StreamName: 'sse', PartitionKey: 'p', Data: Buffer.from('secret') }));
    assert.equal(put.EncryptionType, 'KMS');
    const recs = await readAll(env, 'sse');
    assert.deepEqual(recs.map((r) => [Buffer.from(r.Data!).toString(), r.EncryptionType]), [
      ['before', 'NONE'],
      ['secret', 'KMS'],
    ]);
    // A disabled key stops writes and reads of what it encrypted, with Kinesis's KMS errors.
    await env.kms.send(new DisableKeyCommand({ KeyId: key.KeyId }));
    assert.equal((await sdkError(env.kinesis.send(new PutRecordCommand({ StreamName: 'sse', PartitionKey: 'p', Data: Buffer.from('x') })))).name, 'KMSDisabledException');
    assert.equal((await sdkError(readAll(env, 'sse'))).name, 'KMSDisabledException');
    await env.kms.send(new EnableKeyCommand({ KeyId: key.KeyId }));
    await env.kinesis.send(new StopStreamEncryptionCommand({ StreamName: 'sse', EncryptionType: 'KMS', KeyId: key.Arn }));
    assert.equal((await env.kinesis.send(new PutRecordCommand({ StreamName: 'sse', PartitionKey: 'p', Data: Buffer.from('after') }))).EncryptionType, 'NONE');
  });

  test('a key whose policy does not let the caller generate data keys fails as AWS fails, and changes nothing', async () => {
    const key = (await env.kms.send(new CreateKeyCommand({ Policy: adminOnlyPolicy, BypassPolicyLockoutSafetyCheck: true }))).KeyMetadata!;
    await env.kinesis.send(new CreateStreamCommand({ StreamName: 'denied', ShardCount: 1 }));
    const e = await sdkError(env.kinesis.send(new StartStreamEncryptionCommand({ StreamName: 'denied', EncryptionType: 'KMS', KeyId: key.Arn })));
    assert.equal(e.name, 'KMSAccessDeniedException');
    assert.match(e.message, /kms:GenerateDataKey/);
    assert.equal((await env.kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'denied' }))).StreamDescriptionSummary!.EncryptionType, 'NONE');
    const missing = await sdkError(env.kinesis.send(new StartStreamEncryptionCommand({ StreamName: 'denied', EncryptionType: 'KMS', KeyId: 'alias/nope' })));
    assert.equal(missing.name, 'KMSNotFoundException');
  });

  test("the AWS managed key alias/aws/kinesis works through Kinesis only, with the stream's encryption context", async () => {
    await env.kinesis.send(new CreateStreamCommand({ StreamName: 'managed', ShardCount: 1 }));
    await env.kinesis.send(new StartStreamEncryptionCommand({ StreamName: 'managed', EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' }));
    await env.kinesis.send(new PutRecordsCommand({ StreamName: 'managed', Records: [{ PartitionKey: 'p', Data: Buffer.from('m1') }] }));
    assert.deepEqual((await readAll(env, 'managed')).map((r) => Buffer.from(r.Data!).toString()), ['m1']);
    const direct = await sdkError(env.kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/aws/kinesis', KeySpec: 'AES_256' })));
    assert.equal(direct.name, 'AccessDeniedException');
  });

  test('the data dir holds no plaintext of any record, encrypted stream or not', async () => {
    const marker = 'kinesis-plaintext-marker-7f3a9c';
    const key = (await env.kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    await env.kinesis.send(new CreateStreamCommand({ StreamName: 'scan-kms', ShardCount: 1 }));
    await env.kinesis.send(new StartStreamEncryptionCommand({ StreamName: 'scan-kms', EncryptionType: 'KMS', KeyId: key.KeyId }));
    await env.kinesis.send(new CreateStreamCommand({ StreamName: 'scan-plain', ShardCount: 1 }));
    for (const s of ['scan-kms', 'scan-plain']) {
      await env.kinesis.send(new PutRecordsCommand({ StreamName: s, Records: Array.from({ length: 50 }, (_, i) => ({ PartitionKey: `${marker}-pk`, Data: Buffer.from(`${marker} ${i}`) })) }));
    }
    // Whatever the store (PostgreSQL keeps no files in the data dir), the stored rows hold only sealed bytes.
    const store = env.srv.server.app.store;
    for (const s of ['scan-kms', 'scan-plain']) {
      const stream = (await store.kinesis.getStream(devAccount, 'us-east-1', s))!;
      const rows = await store.kinesis.readRecords(stream.id, 0, 0, 100);
      assert.equal(rows.length, 50);
      for (const r of rows) assert.ok(!r.data.includes(Buffer.from(marker)), `${s}: a stored record holds its plaintext`);
    }
    await env.srv.stop();
    if (process.env.LOGSEAL_TEST_STORE === 'postgres') return;
    const files = filesUnder(env.srv.dataDir);
    assert.ok(files.some((f) => f.endsWith('logseal.db')));
    for (const f of files) {
      const bytes = readFileSync(f);
      assert.ok(!bytes.includes(Buffer.from(marker)), `${f} holds a record in plaintext`);
      assert.ok(!bytes.includes(Buffer.from(Buffer.from(`${marker} 1`).toString('base64').slice(0, 20))), `${f} holds a record in base64`);
    }
  });
});
