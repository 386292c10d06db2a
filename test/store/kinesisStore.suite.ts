import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { StreamSettings } from '../../src/kinesis/model.js';
import type { Store } from '../../src/store/types.js';
import { type OpenStore as Open, skippedSuite, storeRunner } from './suiteKit.js';


const ACCOUNT = '111122223333';
const REGION = 'us-east-1';
const settings = (extra: Partial<StreamSettings> = {}): StreamSettings => ({ mode: 'PROVISIONED', shardCount: 2, retentionHours: 24, encryptionType: 'NONE', tags: {}, ...extra });

/** The behaviour every KinesisStore adapter must have; run against each adapter. */
export function kinesisStoreSuite(name: string, open: Open, opts: { skip?: string | false } = {}): void {
  if (skippedSuite(name, opts.skip)) return;
  const withStore = storeRunner(open);

  describe(`KinesisStore (${name})`, () => {
    test(
      'a stream name is unique per account and region; streams list by name and are deleted with their records',
      withStore(async (store) => {
        const a = await store.kinesis.createStream({ accountId: ACCOUNT, region: REGION, name: 'b', settings: settings(), createdAt: 5 });
        assert.ok(a);
        assert.equal(await store.kinesis.createStream({ accountId: ACCOUNT, region: REGION, name: 'b', settings: settings(), createdAt: 6 }), undefined);
        assert.ok(await store.kinesis.createStream({ accountId: ACCOUNT, region: 'eu-west-1', name: 'b', settings: settings(), createdAt: 6 }));
        await store.kinesis.createStream({ accountId: ACCOUNT, region: REGION, name: 'a', settings: settings(), createdAt: 7 });
        assert.deepEqual((await store.kinesis.listStreams(ACCOUNT, REGION, undefined, 10)).map((s) => s.name), ['a', 'b']);
        assert.deepEqual((await store.kinesis.listStreams(ACCOUNT, REGION, 'a', 10)).map((s) => s.name), ['b']);
        await store.kinesis.putSettings(a.id, settings({ encryptionType: 'KMS', keyId: 'alias/k', tags: { t: '1' } }));
        assert.deepEqual((await store.kinesis.getStreamById(a.id))!.settings, settings({ encryptionType: 'KMS', keyId: 'alias/k', tags: { t: '1' } }));
        await store.kinesis.putRecords([{ streamId: a.id, shard: 0, seq: 1, arrival: 10, data: Buffer.from('x') }]);
        assert.equal(await store.kinesis.deleteStream(a.id), true);
        assert.equal(await store.kinesis.getStream(ACCOUNT, REGION, 'b'), undefined);
        assert.deepEqual(await store.kinesis.readRecords(a.id, 0, 0, 10), []);
      }),
    );

    test(
      'sequence counters are reserved in blocks; records read per shard in order, from a position or an arrival time, and expire',
      withStore(async (store) => {
        const s = (await store.kinesis.createStream({ accountId: ACCOUNT, region: REGION, name: 's', settings: settings(), createdAt: 1 }))!;
        assert.equal(await store.kinesis.reserveSeqs(s.id, 3), 1);
        assert.equal(await store.kinesis.reserveSeqs(s.id, 2), 4);
        assert.equal((await store.kinesis.getStreamById(s.id))!.nextSeq, 6);
        assert.equal(await store.kinesis.reserveSeqs(s.id + 100, 1), undefined);
        await store.kinesis.putRecords([
          { streamId: s.id, shard: 0, seq: 1, arrival: 100, data: Buffer.from('a') },
          { streamId: s.id, shard: 1, seq: 2, arrival: 100, data: Buffer.from('b') },
          { streamId: s.id, shard: 0, seq: 3, arrival: 200, keyArn: 'arn:k', wrappedKey: Buffer.from('w'), data: Buffer.from('c') },
          { streamId: s.id, shard: 0, seq: 5, arrival: 300, data: Buffer.from('e') },
        ]);
        const all = await store.kinesis.readRecords(s.id, 0, 0, 10);
        assert.deepEqual(all.map((r) => r.seq), [1, 3, 5]);
        assert.deepEqual(all[1], { streamId: s.id, shard: 0, seq: 3, arrival: 200, keyArn: 'arn:k', wrappedKey: Buffer.from('w'), data: Buffer.from('c') });
        assert.deepEqual((await store.kinesis.readRecords(s.id, 0, 2, 1)).map((r) => r.seq), [3]);
        assert.equal(await store.kinesis.firstSeqAt(s.id, 0, 150), 3);
        assert.equal(await store.kinesis.firstSeqAt(s.id, 0, 301), undefined);
        assert.equal(await store.kinesis.deleteRecordsBefore(s.id, 250, 10), 3);
        assert.deepEqual((await store.kinesis.readRecords(s.id, 0, 0, 10)).map((r) => r.seq), [5]);
        assert.deepEqual((await store.kinesis.streamsAfter(0, 10)).map((x) => x.name), ['s']);
      }),
    );
  });
}
