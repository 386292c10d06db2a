import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AssociateKmsKeyCommand, DescribeLogGroupsCommand, FilterLogEventsCommand, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DisableKeyCommand, EnableKeyCommand } from '@aws-sdk/client-kms';
import { COMPACT_BELOW_BYTES, MERGED_MAX_BYTES, mergeRuns } from '../../src/logs/compaction.js';
import { MAX_CHUNK_SPAN_MS, type ChunkRecord } from '../../src/logs/model.js';
import { createGroupAndStream, createKey, logsKeyPolicy, put, sdkError, startLogsEnv, type LogsEnv } from './helpers.js';

function chunk(id: number, minTime: number, maxTime: number, rawBytes = 100, keyArn?: string): ChunkRecord {
  const c: ChunkRecord = {
    id,
    groupId: 1,
    streamId: 1,
    firstSeq: id * 10,
    count: 10,
    minTime,
    maxTime,
    maxIngestionTime: maxTime,
    rawBytes,
    wrappedKey: Buffer.alloc(0),
    data: Buffer.alloc(0),
    compactable: true,
  };
  if (keyArn) c.keyArn = keyArn;
  return c;
}

describe('compaction', () => {
  describe('mergeRuns', () => {
    const ids = (runs: ChunkRecord[][]) => runs.map((r) => r.map((c) => c.id));

    test('groups neighbours under the same key, leaving single chunks alone', () => {
      const runs = mergeRuns([chunk(1, 0, 10), chunk(2, 5, 20), chunk(3, 20, 30, 100, 'k'), chunk(4, 30, 40, 100, 'k'), chunk(5, 40, 50)]);
      assert.deepEqual(ids(runs), [[1, 2], [3, 4]]);
    });

    test('never exceeds the time span or the size of a merged chunk', () => {
      assert.deepEqual(ids(mergeRuns([chunk(1, 0, 10), chunk(2, 10, MAX_CHUNK_SPAN_MS), chunk(3, 20, MAX_CHUNK_SPAN_MS + 1), chunk(4, 30, 40)])), [[1, 2], [3, 4]]);
      const half = MERGED_MAX_BYTES / 2;
      assert.deepEqual(ids(mergeRuns([chunk(1, 0, 1, half), chunk(2, 1, 2, half), chunk(3, 2, 3, 1), chunk(4, 3, 4, 1)])), [[1, 2], [3, 4]]);
    });
  });

  describe('the background task', () => {
    let env: LogsEnv;
    before(async () => {
      env = await startLogsEnv();
    });
    after(() => env.dispose());

    const chunksOf = async (group: string) => {
      const g = (await env.srv.server.app.store.logs.getGroup('000000000000', 'us-east-1', group))!;
      return (await env.srv.server.app.store.logs.listChunks({ groupId: g.id, fromTime: 0, toTime: Number.MAX_SAFE_INTEGER, order: 'asc', limit: 1000 })).chunks;
    };

    test('merges small batches into one chunk without changing what reads return', async () => {
      await createGroupAndStream(env.logs, 'compact', 's');
      const t = env.clock.now() - 10_000;
      // Overlapping batches: the merged chunk must re-sort by time.
      for (let b = 0; b < 20; b++) {
        await put(env.logs, 'compact', 's', [0, 1, 2].map((k) => ({ timestamp: t + k * 100 + b, message: `batch ${b} event ${k}` })));
      }
      const read = async () => ({
        get: (await env.logs.send(new GetLogEventsCommand({ logGroupName: 'compact', logStreamName: 's', startFromHead: true }))).events,
        filter: (await env.logs.send(new FilterLogEventsCommand({ logGroupName: 'compact' }))).events,
        stored: (await env.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: 'compact' }))).logGroups![0]!.storedBytes,
      });
      const before = await read();
      assert.equal((await chunksOf('compact')).length, 20);
      await env.runTask('logs-compaction');
      const merged = await chunksOf('compact');
      assert.equal(merged.length, 1);
      assert.equal(merged[0]!.count, 60);
      assert.equal(merged[0]!.compactable, merged[0]!.rawBytes < COMPACT_BELOW_BYTES);
      assert.deepEqual(await read(), before);
    });

    test('keeps chunks under different keys apart, so old data keeps its key', async () => {
      await createGroupAndStream(env.logs, 'compact/keys', 's');
      const key = await createKey(env.kms, { policy: logsKeyPolicy() });
      const t = env.clock.now() - 10_000;
      for (let i = 0; i < 3; i++) await put(env.logs, 'compact/keys', 's', [{ timestamp: t + i, message: `service ${i}` }]);
      await env.logs.send(new AssociateKmsKeyCommand({ logGroupName: 'compact/keys', kmsKeyId: key }));
      for (let i = 3; i < 6; i++) await put(env.logs, 'compact/keys', 's', [{ timestamp: t + i, message: `customer ${i}` }]);
      await env.runTask('logs-compaction');
      const chunks = await chunksOf('compact/keys');
      assert.deepEqual(chunks.map((c) => [c.keyArn, c.count]), [[undefined, 3], [key, 3]]);

      await env.kms.send(new DisableKeyCommand({ KeyId: key }));
      const e = await sdkError(env.logs.send(new GetLogEventsCommand({ logGroupName: 'compact/keys', logStreamName: 's', startFromHead: true })));
      assert.equal(e.name, 'AccessDeniedException');
      const early = await env.logs.send(new GetLogEventsCommand({ logGroupName: 'compact/keys', logStreamName: 's', startFromHead: true, endTime: t + 3 }));
      assert.deepEqual(early.events!.map((m) => m.message), ['service 0', 'service 1', 'service 2']);
      await env.kms.send(new EnableKeyCommand({ KeyId: key }));
    });

    test('leaves chunks alone while their key cannot be used, and merges them once it can', async () => {
      const key = await createKey(env.kms, { policy: logsKeyPolicy() });
      await createGroupAndStream(env.logs, 'compact/disabled', 's', key);
      const t = env.clock.now() - 10_000;
      for (let i = 0; i < 3; i++) await put(env.logs, 'compact/disabled', 's', [{ timestamp: t + i, message: `m${i}` }]);
      await env.kms.send(new DisableKeyCommand({ KeyId: key }));
      await env.runTask('logs-compaction');
      assert.equal((await chunksOf('compact/disabled')).length, 3);
      await env.kms.send(new EnableKeyCommand({ KeyId: key }));
      await env.runTask('logs-compaction');
      assert.equal((await chunksOf('compact/disabled')).length, 1);
    });
  });
});
