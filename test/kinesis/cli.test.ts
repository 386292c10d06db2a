import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { awsCli, awsCliSkipReason } from '../helpers/awsCli.js';
import { devCreds, startTestServer, type TestServer } from '../helpers/server.js';

describe("Kinesis with Debian's AWS CLI v2", { skip: awsCliSkipReason() }, () => {
  let srv: TestServer;
  before(async () => (srv = await startTestServer()));
  after(() => srv.dispose());

  const cli = async (...args: string[]) => {
    const r = await awsCli(srv.url, devCreds, ['kinesis', ...args, '--output', 'json']);
    assert.equal(r.code, 0, r.stderr);
    return r.stdout.trim() === '' ? {} : (JSON.parse(r.stdout) as Record<string, any>);
  };

  test('create-stream, put-record, get-shard-iterator and get-records read the record back', async () => {
    await cli('create-stream', '--stream-name', 'cli', '--shard-count', '1');
    // AWS CLI v2 takes blob arguments as base64.
    const put = await cli('put-record', '--stream-name', 'cli', '--partition-key', 'k', '--data', Buffer.from('from the cli').toString('base64'));
    assert.equal(put.ShardId, 'shardId-000000000000');
    const it = await cli('get-shard-iterator', '--stream-name', 'cli', '--shard-id', 'shardId-000000000000', '--shard-iterator-type', 'TRIM_HORIZON');
    const got = await cli('get-records', '--shard-iterator', it.ShardIterator);
    assert.equal(got.Records.length, 1);
    assert.equal(Buffer.from(got.Records[0].Data, 'base64').toString(), 'from the cli');
    assert.equal(got.Records[0].SequenceNumber, put.SequenceNumber);
  });

  test('describe-stream of a missing stream fails with AWS error', async () => {
    const r = await awsCli(srv.url, devCreds, ['kinesis', 'describe-stream', '--stream-name', 'missing']);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /ResourceNotFoundException/);
    assert.match(r.stderr, /Stream missing under account \d{12} not found\./);
  });
});
