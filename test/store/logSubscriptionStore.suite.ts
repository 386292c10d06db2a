import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Store } from '../../src/store/types.js';
import { type OpenStore as Open, skippedSuite, storeRunner } from './suiteKit.js';


const ACCOUNT = '111122223333';
const REGION = 'us-east-1';

/** The behaviour every LogSubscriptionStore adapter must have; run against each adapter. */
export function logSubscriptionStoreSuite(name: string, open: Open, opts: { skip?: string | false } = {}): void {
  if (skippedSuite(name, opts.skip)) return;
  const withStore = storeRunner(open);
  const groupAndStream = async (store: Store) => {
    const g = (await store.logs.createGroup({ accountId: ACCOUNT, region: REGION, name: 'g', createdAt: 1, logGroupClass: 'STANDARD', deletionProtection: false, tags: {} }))!;
    const s = (await store.logs.createStream({ groupId: g.id, name: 's', createdAt: 1 }))!;
    return { g, s };
  };
  const filter = (groupId: number, filterName: string, pattern = '') => ({
    groupId,
    accountId: ACCOUNT,
    region: REGION,
    groupName: 'g',
    filterName,
    filterPattern: pattern,
    destinationArn: 'arn:aws:kinesis:us-east-1:111122223333:stream/s',
    roleArn: 'arn:aws:iam::111122223333:role/r',
    distribution: 'ByLogStream' as const,
    applyOnTransformedLogs: false,
    createdAt: 5,
  });

  describe(`LogSubscriptionStore (${name})`, () => {
    test(
      'filters are replaced by name, listed by name and deleted; destinations likewise, by prefix',
      withStore(async (store) => {
        const { g } = await groupAndStream(store);
        await store.logSubscriptions.putFilter(filter(g.id, 'b'));
        await store.logSubscriptions.putFilter(filter(g.id, 'a'));
        await store.logSubscriptions.putFilter(filter(g.id, 'b', 'ERROR'));
        assert.deepEqual((await store.logSubscriptions.filtersOfGroup(g.id)).map((f) => [f.filterName, f.filterPattern]), [
          ['a', ''],
          ['b', 'ERROR'],
        ]);
        assert.deepEqual((await store.logSubscriptions.filtersOfGroup(g.id))[0], filter(g.id, 'a'));
        assert.equal(await store.logSubscriptions.deleteFilter(g.id, 'a'), true);
        assert.equal(await store.logSubscriptions.deleteFilter(g.id, 'a'), false);
        const d = { accountId: ACCOUNT, region: REGION, name: 'central', targetArn: 'arn:t', roleArn: 'arn:r', createdAt: 3 };
        await store.logSubscriptions.putDestination(d);
        await store.logSubscriptions.putDestination({ ...d, name: 'other' });
        await store.logSubscriptions.putDestination({ ...d, accessPolicy: '{}' });
        assert.deepEqual(await store.logSubscriptions.getDestination(ACCOUNT, REGION, 'central'), { ...d, accessPolicy: '{}' });
        assert.deepEqual((await store.logSubscriptions.listDestinations(ACCOUNT, REGION, 'cen', undefined, 10)).map((x) => x.name), ['central']);
        assert.deepEqual((await store.logSubscriptions.listDestinations(ACCOUNT, REGION, undefined, 'central', 10)).map((x) => x.name), ['other']);
        assert.equal(await store.logSubscriptions.deleteDestination(ACCOUNT, REGION, 'central'), true);
        assert.equal(await store.logSubscriptions.getDestination(ACCOUNT, REGION, 'central'), undefined);
      }),
    );

    test(
      'the outbox takes a chunk only when its group has a filter, hands entries out in order, postpones and completes them',
      withStore(async (store) => {
        const { g, s } = await groupAndStream(store);
        const chunk = (firstSeq: number) => ({ groupId: g.id, streamId: s.id, firstSeq, count: 2, wrappedKey: Buffer.from('w'), data: Buffer.from('sealed') });
        await store.logSubscriptions.enqueue(chunk(0), 10);
        assert.deepEqual(await store.logSubscriptions.dueEntries(100, 10), [], 'no filter, nothing owed');
        await store.logSubscriptions.putFilter(filter(g.id, 'a'));
        await store.logSubscriptions.enqueue(chunk(2), 10);
        await store.logSubscriptions.enqueue({ ...chunk(4), keyArn: 'arn:k' }, 11);
        const due = await store.logSubscriptions.dueEntries(100, 10);
        assert.deepEqual(
          due.map((e) => [e.firstSeq, e.keyArn, e.data.toString(), e.attempts]),
          [
            [2, undefined, 'sealed', 0],
            [4, 'arn:k', 'sealed', 0],
          ],
        );
        await store.logSubscriptions.postpone(due[0]!.id, 500);
        assert.deepEqual((await store.logSubscriptions.dueEntries(100, 10)).map((e) => e.firstSeq), [4]);
        assert.deepEqual((await store.logSubscriptions.dueEntries(500, 10)).map((e) => [e.firstSeq, e.attempts]), [
          [2, 1],
          [4, 0],
        ]);
        assert.equal(await store.logSubscriptions.complete(due[0]!.id), true);
        assert.deepEqual((await store.logSubscriptions.dueEntries(500, 10)).map((e) => e.firstSeq), [4]);
        // A second run that read the same entry finds it taken and must not deliver it again.
        assert.equal(await store.logSubscriptions.complete(due[0]!.id), false);
      }),
    );
  });
}
