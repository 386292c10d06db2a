import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { NewDetector, SealedState } from '../../src/anomaly/service/model.js';
import type { Store } from '../../src/store/types.js';
import { type OpenStore as Open, skippedSuite, storeRunner } from './suiteKit.js';


const ACCOUNT = '111122223333';
const REGION = 'us-east-1';
const GROUP_A = `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/app/a`;
const GROUP_B = `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/app/b`;

function detector(detectorId: string, extra: Partial<NewDetector> = {}): NewDetector {
  return {
    accountId: ACCOUNT,
    region: REGION,
    detectorId,
    name: `d-${detectorId}`,
    logGroupArn: GROUP_A,
    evaluationFrequency: 'FIVE_MIN',
    anomalyVisibilityTime: 21,
    enabled: true,
    createdAt: 1000,
    lastModifiedAt: 1000,
    tags: { team: 'ops' },
    progress: { analyzing: false, nextRunAt: 5000 },
    ...extra,
  };
}

function sealed(text: string, keyArn?: string): SealedState {
  const s: SealedState = { wrappedKey: Buffer.from(`wrapped-${text}`), data: Buffer.from(`data-${text}`) };
  if (keyArn !== undefined) s.keyArn = keyArn;
  return s;
}

/** The behaviour every AnomalyStore adapter must have; run against each adapter. */
export function anomalyStoreSuite(name: string, open: Open, opts: { skip?: string | false } = {}): void {
  if (skippedSuite(name, opts.skip)) return;
  const withStore = storeRunner(open);

  describe(`${name}: AnomalyStore`, () => {
    test(
      'creates a detector and reads it back, with and without its sealed state',
      withStore(async (store) => {
        const d = detector('d1', { kmsKeyArn: 'arn:aws:kms:us-east-1:111122223333:key/k', filterPattern: 'ERROR' });
        const created = await store.anomaly.createDetector(d, sealed('one', 'arn:aws:kms:us-east-1:111122223333:key/k'));
        assert.deepEqual(created, { ...d, seq: created.seq, revision: 1 });
        assert.deepEqual(await store.anomaly.getDetector(ACCOUNT, REGION, 'd1'), created);
        assert.deepEqual(await store.anomaly.getSealed(ACCOUNT, REGION, 'd1'), {
          detector: created,
          state: sealed('one', 'arn:aws:kms:us-east-1:111122223333:key/k'),
        });
        assert.equal(await store.anomaly.getDetector(ACCOUNT, 'eu-west-1', 'd1'), undefined);
        assert.equal(await store.anomaly.getSealed('999999999999', REGION, 'd1'), undefined);
      }),
    );

    test(
      'keeps a state sealed under the service key without a key ARN',
      withStore(async (store) => {
        await store.anomaly.createDetector(detector('d1'), sealed('svc'));
        const got = await store.anomaly.getSealed(ACCOUNT, REGION, 'd1');
        assert.deepEqual(got?.state, sealed('svc'));
        assert.equal('keyArn' in got!.state, false);
      }),
    );

    test(
      'lists in creation order, by log group, page by page',
      withStore(async (store) => {
        for (const [id, group] of [['a1', GROUP_A], ['b1', GROUP_B], ['a2', GROUP_A], ['a3', GROUP_A]] as const) {
          await store.anomaly.createDetector(detector(id, { logGroupArn: group }), sealed(id));
        }
        await store.anomaly.createDetector(detector('elsewhere', { region: 'eu-west-1' }), sealed('x'));
        const all = await store.anomaly.listDetectors(ACCOUNT, REGION, { limit: 10 });
        assert.deepEqual(all.items.map((d) => d.detectorId), ['a1', 'b1', 'a2', 'a3']);
        assert.equal(all.next, undefined);

        const first = await store.anomaly.listDetectors(ACCOUNT, REGION, { limit: 2, logGroupArn: GROUP_A });
        assert.deepEqual(first.items.map((d) => d.detectorId), ['a1', 'a2']);
        assert.ok(first.next);
        const second = await store.anomaly.listDetectors(ACCOUNT, REGION, { limit: 2, logGroupArn: GROUP_A, afterSeq: Number(first.next) });
        assert.deepEqual(second.items.map((d) => d.detectorId), ['a3']);
        assert.equal(second.next, undefined);
      }),
    );

    test(
      'writes only over the revision it read, and the state only when given',
      withStore(async (store) => {
        const created = await store.anomaly.createDetector(detector('d1'), sealed('v1'));
        const changed = { ...created, enabled: false, progress: { analyzing: true, evaluatedUntil: 9000 } };
        const written = await store.anomaly.updateDetector(changed);
        assert.deepEqual(written, { ...changed, revision: 2 });
        assert.deepEqual(await store.anomaly.getDetector(ACCOUNT, REGION, 'd1'), written);
        assert.deepEqual((await store.anomaly.getSealed(ACCOUNT, REGION, 'd1'))?.state, sealed('v1'));

        // a writer that read revision 1 loses: nothing it wrote is kept
        assert.equal(await store.anomaly.updateDetector({ ...created, name: 'stale' }, sealed('stale')), undefined);
        const kept = await store.anomaly.getSealed(ACCOUNT, REGION, 'd1');
        assert.deepEqual(kept, { detector: written, state: sealed('v1') });

        const third = await store.anomaly.updateDetector(written!, sealed('v3', 'arn:aws:kms:us-east-1:111122223333:key/k'));
        assert.equal(third?.revision, 3);
        assert.deepEqual((await store.anomaly.getSealed(ACCOUNT, REGION, 'd1'))?.state, sealed('v3', 'arn:aws:kms:us-east-1:111122223333:key/k'));
      }),
    );

    test(
      'deletes a detector with its state, once',
      withStore(async (store) => {
        const created = await store.anomaly.createDetector(detector('d1'), sealed('v1'));
        assert.equal(await store.anomaly.deleteDetector(ACCOUNT, REGION, 'd1'), true);
        assert.equal(await store.anomaly.deleteDetector(ACCOUNT, REGION, 'd1'), false);
        assert.equal(await store.anomaly.getSealed(ACCOUNT, REGION, 'd1'), undefined);
        assert.equal(await store.anomaly.updateDetector(created, sealed('late')), undefined);
        assert.equal(await store.anomaly.getDetector(ACCOUNT, REGION, 'd1'), undefined);
      }),
    );

    test(
      'finds the detectors due, of any account and region, by seq',
      withStore(async (store) => {
        await store.anomaly.createDetector(detector('early', { progress: { analyzing: false, nextRunAt: 1000 } }), sealed('1'));
        await store.anomaly.createDetector(detector('late', { progress: { analyzing: false, nextRunAt: 9000 } }), sealed('2'));
        await store.anomaly.createDetector(detector('paused', { enabled: false, progress: { analyzing: false } }), sealed('3'));
        await store.anomaly.createDetector(detector('other', { accountId: '444455556666', progress: { analyzing: false, nextRunAt: 2000 } }), sealed('4'));
        assert.deepEqual((await store.anomaly.detectorsDue(5000, 10)).map((d) => d.detectorId), ['early', 'other']);
        const [first] = await store.anomaly.detectorsDue(5000, 1);
        assert.deepEqual((await store.anomaly.detectorsDue(5000, 10, first!.seq)).map((d) => d.detectorId), ['other']);
        assert.deepEqual((await store.anomaly.detectorsDue(999, 10)).map((d) => d.detectorId), []);
      }),
    );
  });
}
