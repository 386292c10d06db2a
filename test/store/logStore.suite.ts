import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { NewChunk, NewLogGroup } from '../../src/logs/model.js';
import type { Store } from '../../src/store/types.js';
import { type OpenStore as Open, skippedSuite, storeRunner } from './suiteKit.js';


const ACCOUNT = '111122223333';
const REGION = 'us-east-1';

function group(name: string, extra: Partial<NewLogGroup> = {}): NewLogGroup {
  return { accountId: ACCOUNT, region: REGION, name, createdAt: 1000, logGroupClass: 'STANDARD', deletionProtection: false, tags: {}, ...extra };
}

function chunk(groupId: number, streamId: number, minTime: number, maxTime: number, extra: Partial<NewChunk> = {}): Omit<NewChunk, 'firstSeq'> {
  return {
    groupId,
    streamId,
    count: 10,
    minTime,
    maxTime,
    maxIngestionTime: maxTime + 5,
    rawBytes: 100,
    wrappedKey: Buffer.from('wrapped'),
    data: Buffer.from(`data-${minTime}`),
    compactable: false,
    ...extra,
  };
}

/** Appends a chunk that must be stored. */
async function append(store: Store, c: Omit<NewChunk, 'firstSeq'>) {
  const got = await store.logs.appendChunk(c);
  assert.ok(got, 'the chunk was stored');
  return got;
}

/** The behaviour every LogStore adapter must have; run against each adapter. */
export function logStoreSuite(name: string, open: Open, opts: { skip?: string | false } = {}): void {
  if (skippedSuite(name, opts.skip)) return;
  const withStore = storeRunner(open);

  describe(`${name}: LogStore`, () => {
    test(
      'creates a group once per (account, region, name) and reads it back',
      withStore(async (store) => {
        const g = await store.logs.createGroup(group('app', { kmsKeyArn: 'arn:aws:kms:us-east-1:111122223333:key/k', tags: { a: '1' } }));
        assert.ok(g);
        assert.equal(await store.logs.createGroup(group('app')), undefined);
        assert.ok(await store.logs.createGroup(group('app', { region: 'eu-west-1' })));
        const got = await store.logs.getGroup(ACCOUNT, REGION, 'app');
        assert.deepEqual(got, { ...group('app', { kmsKeyArn: 'arn:aws:kms:us-east-1:111122223333:key/k', tags: { a: '1' } }), id: g.id, storedBytes: 0 });
        assert.equal(await store.logs.getGroup(ACCOUNT, REGION, 'other'), undefined);
        assert.deepEqual(await store.logs.getGroupById(g.id), got);
        assert.equal(await store.logs.getGroupById(g.id + 1000), undefined);
      }),
    );

    test(
      'updates settings and clears optional ones',
      withStore(async (store) => {
        const g = (await store.logs.createGroup(group('app', { retentionDays: 7, kmsKeyArn: 'k1' })))!;
        await store.logs.updateGroup({ ...g, retentionDays: undefined, kmsKeyArn: 'k2', tags: { x: 'y' }, deletionProtection: true });
        const got = (await store.logs.getGroup(ACCOUNT, REGION, 'app'))!;
        assert.equal(got.retentionDays, undefined);
        assert.equal(got.kmsKeyArn, 'k2');
        assert.deepEqual(got.tags, { x: 'y' });
        assert.equal(got.deletionProtection, true);
        await store.logs.updateGroup({ ...got, kmsKeyArn: undefined });
        assert.equal((await store.logs.getGroup(ACCOUNT, REGION, 'app'))!.kmsKeyArn, undefined);
      }),
    );

    test(
      'lists groups by name with prefix, pattern, class, names and pagination',
      withStore(async (store) => {
        for (const n of ['b/one', 'a/two', 'a/one', 'c', 'a/three']) await store.logs.createGroup(group(n));
        await store.logs.createGroup(group('a/ia', { logGroupClass: 'INFREQUENT_ACCESS' }));
        await store.logs.createGroup(group('a/elsewhere', { accountId: '999999999999' }));
        const names = (p: { items: { name: string }[] }) => p.items.map((g) => g.name);
        assert.deepEqual(names(await store.logs.listGroups(ACCOUNT, REGION, { limit: 50 })), ['a/ia', 'a/one', 'a/three', 'a/two', 'b/one', 'c']);
        const first = await store.logs.listGroups(ACCOUNT, REGION, { prefix: 'a/', limit: 2 });
        assert.deepEqual(names(first), ['a/ia', 'a/one']);
        assert.equal(first.next, 'a/one');
        const second = await store.logs.listGroups(ACCOUNT, REGION, { prefix: 'a/', limit: 2, after: first.next });
        assert.deepEqual(names(second), ['a/three', 'a/two']);
        assert.equal(second.next, undefined);
        assert.deepEqual(names(await store.logs.listGroups(ACCOUNT, REGION, { pattern: 'one', limit: 50 })), ['a/one', 'b/one']);
        assert.deepEqual(names(await store.logs.listGroups(ACCOUNT, REGION, { logGroupClass: 'INFREQUENT_ACCESS', limit: 50 })), ['a/ia']);
        assert.deepEqual(names(await store.logs.listGroups(ACCOUNT, REGION, { names: ['c', 'b/one', 'zzz'], limit: 50 })), ['b/one', 'c']);
      }),
    );

    test(
      'lists groups having a retention policy across accounts',
      withStore(async (store) => {
        const a = (await store.logs.createGroup(group('a', { retentionDays: 1 })))!;
        await store.logs.createGroup(group('b'));
        const c = (await store.logs.createGroup(group('c', { retentionDays: 3, accountId: '999999999999' })))!;
        assert.deepEqual((await store.logs.groupsWithRetention(0, 10)).map((g) => g.id), [a.id, c.id]);
        assert.deepEqual((await store.logs.groupsWithRetention(a.id, 10)).map((g) => g.id), [c.id]);
      }),
    );

    test(
      'creates streams once per group and lists them by name or last event time',
      withStore(async (store) => {
        const g = (await store.logs.createGroup(group('app')))!;
        const other = (await store.logs.createGroup(group('other')))!;
        const ids: Record<string, number> = {};
        for (const n of ['s2', 's1', 'x/1', 's3']) ids[n] = (await store.logs.createStream({ groupId: g.id, name: n, createdAt: 5 }))!.id;
        assert.equal(await store.logs.createStream({ groupId: g.id, name: 's1', createdAt: 6 }), undefined);
        assert.ok(await store.logs.createStream({ groupId: other.id, name: 's1', createdAt: 6 }));
        assert.deepEqual(await store.logs.getStream(g.id, 's1'), { id: ids.s1, groupId: g.id, name: 's1', createdAt: 5, nextSeq: 0 });

        const names = (p: { items: { name: string }[] }) => p.items.map((s) => s.name);
        const byName = { orderBy: 'LogStreamName' as const, descending: false, limit: 50 };
        assert.deepEqual(names(await store.logs.listStreams(g.id, byName)), ['s1', 's2', 's3', 'x/1']);
        const p1 = await store.logs.listStreams(g.id, { ...byName, prefix: 's', limit: 2 });
        assert.deepEqual(names(p1), ['s1', 's2']);
        assert.deepEqual(names(await store.logs.listStreams(g.id, { ...byName, prefix: 's', limit: 2, after: p1.next })), ['s3']);
        const d1 = await store.logs.listStreams(g.id, { ...byName, descending: true, limit: 3 });
        assert.deepEqual(names(d1), ['x/1', 's3', 's2']);
        assert.deepEqual(names(await store.logs.listStreams(g.id, { ...byName, descending: true, limit: 3, after: d1.next })), ['s1']);

        await store.logs.appendChunk(chunk(g.id, ids.s3!, 100, 300));
        await store.logs.appendChunk(chunk(g.id, ids.s1!, 100, 200));
        const byTime = { orderBy: 'LastEventTime' as const, descending: true, limit: 2 };
        const t1 = await store.logs.listStreams(g.id, byTime);
        assert.deepEqual(names(t1), ['s3', 's1']);
        assert.deepEqual(names(await store.logs.listStreams(g.id, { ...byTime, after: t1.next })), ['x/1', 's2']);
        assert.deepEqual(names(await store.logs.listStreams(g.id, { ...byTime, descending: false, limit: 50 })), ['s2', 'x/1', 's1', 's3']);

        assert.deepEqual((await store.logs.streamIdsByPrefix(g.id, 's', 10)).sort(), [ids.s1, ids.s2, ids.s3].sort());
        assert.deepEqual((await store.logs.getStreamsById(g.id, [ids.s2!, 999])).map((s) => s.name), ['s2']);
      }),
    );

    test(
      'appending chunks numbers their events and updates the stream and the group',
      withStore(async (store) => {
        const g = (await store.logs.createGroup(group('app')))!;
        const s = (await store.logs.createStream({ groupId: g.id, name: 's', createdAt: 1 }))!;
        const a = await append(store, chunk(g.id, s.id, 500, 600, { count: 3, rawBytes: 30 }));
        const b = await append(store, chunk(g.id, s.id, 100, 700, { count: 4, rawBytes: 40, keyArn: 'arn:k' }));
        assert.equal(a.firstSeq, 0);
        assert.equal(b.firstSeq, 3);
        assert.equal(b.keyArn, 'arn:k');
        const st = (await store.logs.getStream(g.id, 's'))!;
        assert.equal(st.nextSeq, 7);
        assert.equal(st.firstEventTime, 100);
        assert.equal(st.lastEventTime, 700);
        assert.equal(st.lastIngestionTime, 705);
        assert.equal((await store.logs.getGroup(ACCOUNT, REGION, 'app'))!.storedBytes, 70);
        assert.equal(await store.logs.appendChunk(chunk(g.id, 12345, 1, 2)), undefined);
        assert.equal((await store.logs.getGroup(ACCOUNT, REGION, 'app'))!.storedBytes, 70, 'nothing written for a missing stream');
      }),
    );

    test(
      'lists chunks overlapping a time range in ascending or descending order, resuming after a position',
      withStore(async (store) => {
        const g = (await store.logs.createGroup(group('app')))!;
        const s1 = (await store.logs.createStream({ groupId: g.id, name: 's1', createdAt: 1 }))!;
        const s2 = (await store.logs.createStream({ groupId: g.id, name: 's2', createdAt: 1 }))!;
        const c1 = await append(store, chunk(g.id, s1.id, 100, 200));
        const c2 = await append(store, chunk(g.id, s2.id, 150, 400));
        const c3 = await append(store, chunk(g.id, s1.id, 300, 350));
        const c4 = await append(store, chunk(g.id, s1.id, 1000, 1100));
        const ids = (p: { chunks: { id: number }[] }) => p.chunks.map((c) => c.id);
        const q = { groupId: g.id, fromTime: 0, toTime: 10_000, limit: 10 };
        assert.deepEqual(ids(await store.logs.listChunks({ ...q, order: 'asc' })), [c1.id, c2.id, c3.id, c4.id]);
        assert.deepEqual(ids(await store.logs.listChunks({ ...q, order: 'desc' })), [c4.id, c2.id, c3.id, c1.id]);
        assert.deepEqual(ids(await store.logs.listChunks({ ...q, order: 'asc', fromTime: 210, toTime: 999 })), [c2.id, c3.id]);
        assert.deepEqual(ids(await store.logs.listChunks({ ...q, order: 'asc', after: { time: c1.minTime, id: c1.id }, limit: 2 })), [c2.id, c3.id]);
        assert.deepEqual(ids(await store.logs.listChunks({ ...q, order: 'desc', after: { time: c2.maxTime, id: c2.id } })), [c3.id, c1.id]);
        assert.deepEqual(ids(await store.logs.listChunks({ ...q, order: 'asc', streamIds: [s1.id] })), [c1.id, c3.id, c4.id]);
        assert.deepEqual(ids(await store.logs.listChunks({ ...q, order: 'asc', streamIds: [s1.id, s2.id] })), [c1.id, c2.id, c3.id, c4.id]);
        const [first] = (await store.logs.listChunks({ ...q, order: 'asc', limit: 1 })).chunks;
        assert.deepEqual(first!.data, Buffer.from('data-100'));
        assert.deepEqual(first!.wrappedKey, Buffer.from('wrapped'));
      }),
    );

    test(
      'lists chunk heads with their sketches and without bodies, then reads the bodies of chunks that still exist',
      withStore(async (store) => {
        const g = (await store.logs.createGroup(group('app')))!;
        const s1 = (await store.logs.createStream({ groupId: g.id, name: 's1', createdAt: 1 }))!;
        const s2 = (await store.logs.createStream({ groupId: g.id, name: 's2', createdAt: 1 }))!;
        const old = await append(store, chunk(g.id, s1.id, 100, 200)); // written before sketches: none
        const c2 = await append(store, chunk(g.id, s2.id, 150, 400, { sketch: Buffer.from('sketch-2') }));
        const c3 = await append(store, chunk(g.id, s1.id, 300, 350, { sketch: Buffer.from('sketch-3') }));
        const q = { groupId: g.id, fromTime: 0, toTime: 10_000, limit: 10 };
        for (const order of ['asc', 'desc'] as const) {
          const heads = await store.logs.listChunkHeads({ ...q, order });
          const full = await store.logs.listChunks({ ...q, order });
          assert.deepEqual(
            heads.chunks.map((h) => h.id),
            full.chunks.map((c) => c.id),
            'the same chunks in the same order',
          );
          assert.equal(heads.epoch, full.epoch);
          for (const h of heads.chunks) assert.equal('data' in h, false, 'no body in a head');
        }
        const heads = (await store.logs.listChunkHeads({ ...q, order: 'asc', streamIds: [s1.id] })).chunks;
        assert.deepEqual(
          heads.map((h) => [h.id, h.sketch?.toString() ?? null, h.count, h.minTime, h.maxTime, h.firstSeq, h.wrappedKey.toString()]),
          [
            [old.id, null, 10, 100, 200, 0, 'wrapped'],
            [c3.id, 'sketch-3', 10, 300, 350, 10, 'wrapped'],
          ],
        );
        const full = (await store.logs.listChunks({ ...q, order: 'asc' })).chunks;
        assert.deepEqual(
          full.map((c) => c.sketch?.toString() ?? null),
          [null, 'sketch-2', 'sketch-3'],
          'listChunks carries the sketches too',
        );
        const bodies = await store.logs.chunkBodies([c3.id, old.id]);
        assert.deepEqual([...bodies].sort((a, b) => a[0] - b[0]).map(([id, b]) => [id, b.toString()]), [
          [old.id, 'data-100'],
          [c3.id, 'data-300'],
        ]);
        assert.equal((await store.logs.chunkBodies([])).size, 0);

        // Compaction replaces chunks with a sketched one; a chunk gone is absent from the bodies read.
        assert.equal(
          await store.logs.replaceChunks([old.id, c3.id], { ...chunk(g.id, s1.id, 100, 350), firstSeq: 0, count: 20, sketch: Buffer.from('merged') }),
          true,
        );
        assert.equal((await store.logs.chunkBodies([old.id, c3.id, c2.id])).size, 1);
        const after = (await store.logs.listChunkHeads({ ...q, order: 'asc', streamIds: [s1.id] })).chunks;
        assert.deepEqual(
          after.map((h) => h.sketch?.toString()),
          ['merged'],
        );
        await store.logs.deleteStream(s1.id);
        assert.deepEqual((await store.logs.listChunkHeads({ ...q, order: 'asc' })).chunks.map((h) => h.id), [c2.id]);
      }),
    );

    test(
      'deletes expired chunks, streams and groups, keeping stored bytes right',
      withStore(async (store) => {
        const g = (await store.logs.createGroup(group('app')))!;
        const s1 = (await store.logs.createStream({ groupId: g.id, name: 's1', createdAt: 1 }))!;
        const s2 = (await store.logs.createStream({ groupId: g.id, name: 's2', createdAt: 1 }))!;
        await store.logs.appendChunk(chunk(g.id, s1.id, 100, 200));
        await store.logs.appendChunk(chunk(g.id, s1.id, 300, 400));
        await store.logs.appendChunk(chunk(g.id, s2.id, 300, 400));
        assert.equal(await store.logs.deleteChunksBefore(g.id, 201, 10), 1);
        assert.equal(await store.logs.deleteChunksBefore(g.id, 201, 10), 0);
        assert.equal((await store.logs.getGroup(ACCOUNT, REGION, 'app'))!.storedBytes, 200);
        await store.logs.deleteStream(s1.id);
        assert.equal(await store.logs.getStream(g.id, 's1'), undefined);
        assert.equal((await store.logs.getGroup(ACCOUNT, REGION, 'app'))!.storedBytes, 100);
        const all = { groupId: g.id, fromTime: 0, toTime: 10_000, order: 'asc' as const, limit: 10 };
        assert.equal((await store.logs.listChunks(all)).chunks.length, 1);
        await store.logs.deleteGroup(g.id);
        assert.equal(await store.logs.getGroup(ACCOUNT, REGION, 'app'), undefined);
        assert.equal(await store.logs.getStream(g.id, 's2'), undefined);
        assert.equal((await store.logs.listChunks(all)).chunks.length, 0);
        const again = (await store.logs.createGroup(group('app')))!;
        assert.notEqual(again.id, g.id);
      }),
    );

    test(
      'offers compactable chunks of one stream and replaces them atomically',
      withStore(async (store) => {
        const g = (await store.logs.createGroup(group('app')))!;
        const s = (await store.logs.createStream({ groupId: g.id, name: 's', createdAt: 1 }))!;
        assert.deepEqual(await store.logs.compactionCandidates(0, 10), []);
        const a = await append(store, chunk(g.id, s.id, 100, 200, { compactable: true }));
        await store.logs.appendChunk(chunk(g.id, s.id, 100, 200));
        assert.deepEqual(await store.logs.compactionCandidates(0, 10), [], 'one compactable chunk is not enough');
        const b = await append(store, chunk(g.id, s.id, 150, 250, { compactable: true }));
        const cands = await store.logs.compactionCandidates(0, 10);
        assert.deepEqual(cands.map((c) => c.id), [a.id, b.id]);
        assert.deepEqual(await store.logs.compactionCandidates(s.id, 10), [], 'no stream after this one');
        const merged: NewChunk = { ...chunk(g.id, s.id, 100, 250, { count: 20, rawBytes: 200 }), firstSeq: 0 };
        const before = (await store.logs.listChunks({ groupId: g.id, fromTime: 0, toTime: 10_000, order: 'asc', limit: 10 })).epoch;
        assert.equal(await store.logs.replaceChunks([a.id, 424242], merged), false);
        assert.equal(await store.logs.replaceChunks([a.id, b.id], merged), true);
        const left = await store.logs.listChunks({ groupId: g.id, fromTime: 0, toTime: 10_000, order: 'asc', limit: 10 });
        assert.equal(left.chunks.length, 2);
        assert.equal(left.chunks.some((c) => c.id === a.id || c.id === b.id), false);
        assert.equal(left.epoch, before + 1, 'the replacement changed the epoch');
        assert.equal((await store.logs.getStream(g.id, 's'))!.nextSeq, 30);
      }),
    );

    test(
      'keeps the first service key stored for an account and region',
      withStore(async (store) => {
        assert.equal(await store.logs.getServiceKey(ACCOUNT, REGION), undefined);
        assert.deepEqual(await store.logs.ensureServiceKey(ACCOUNT, REGION, Buffer.from('one')), Buffer.from('one'));
        assert.deepEqual(await store.logs.ensureServiceKey(ACCOUNT, REGION, Buffer.from('two')), Buffer.from('one'));
        assert.deepEqual(await store.logs.getServiceKey(ACCOUNT, REGION), Buffer.from('one'));
        assert.equal(await store.logs.getServiceKey(ACCOUNT, 'eu-west-1'), undefined);
      }),
    );

    test(
      'a failed transaction stores no chunk and leaves the stream as it was',
      withStore(async (store) => {
        const g = (await store.logs.createGroup(group('app')))!;
        const s = (await store.logs.createStream({ groupId: g.id, name: 's', createdAt: 1 }))!;
        await assert.rejects(
          store.transaction(async () => {
            await store.logs.appendChunk(chunk(g.id, s.id, 100, 200));
            throw new Error('boom');
          }),
          /boom/,
        );
        assert.equal((await store.logs.getStream(g.id, 's'))!.nextSeq, 0);
        assert.equal((await store.logs.getGroup(ACCOUNT, REGION, 'app'))!.storedBytes, 0);
        assert.equal((await store.logs.listChunks({ groupId: g.id, fromTime: 0, toTime: 1000, order: 'asc', limit: 10 })).chunks.length, 0);
      }),
    );
  });
}
