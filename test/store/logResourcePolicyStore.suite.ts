import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { LogResourcePolicyRecord, Store } from '../../src/store/types.js';
import { type OpenStore as Open, skippedSuite, storeRunner } from './suiteKit.js';


const ACCOUNT = '111122223333';
const REGION = 'us-east-1';
const GROUP_ARN = `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:app`;

function account(name: string, extra: Partial<LogResourcePolicyRecord> = {}): LogResourcePolicyRecord {
  return { accountId: ACCOUNT, region: REGION, scope: 'ACCOUNT', key: name, document: '{"a":1}', updatedAt: 10, ...extra };
}

async function makeGroup(store: Store, name = 'app'): Promise<number> {
  const g = await store.logs.createGroup({ accountId: ACCOUNT, region: REGION, name, createdAt: 1, logGroupClass: 'STANDARD', deletionProtection: false, tags: {} });
  return g!.id;
}

/** The behaviour every LogResourcePolicyStore adapter must have; run against each adapter. */
export function logResourcePolicyStoreSuite(name: string, open: Open, opts: { skip?: string | false } = {}): void {
  if (skippedSuite(name, opts.skip)) return;
  const withStore = storeRunner(open);

  describe(`LogResourcePolicyStore (${name})`, () => {
    test(
      'account policies are replaced by name, listed in name order and counted per region',
      withStore(async (store) => {
        const rp = store.logResourcePolicies;
        assert.equal(await rp.put(account('b')), true);
        assert.equal(await rp.put(account('a')), true);
        assert.equal(await rp.put(account('b', { document: '{"b":2}', updatedAt: 20 })), true);
        await rp.put(account('c', { region: 'eu-west-1' }));
        assert.deepEqual(await rp.list(ACCOUNT, REGION, 'ACCOUNT', 10), [account('a'), account('b', { document: '{"b":2}', updatedAt: 20 })]);
        assert.deepEqual((await rp.list(ACCOUNT, REGION, 'ACCOUNT', 10, 'a')).map((p) => p.key), ['b']);
        assert.deepEqual((await rp.list(ACCOUNT, REGION, 'ACCOUNT', 1)).map((p) => p.key), ['a']);
        assert.equal(await rp.count(ACCOUNT, REGION, 'ACCOUNT'), 2);
        assert.equal(await rp.delete(ACCOUNT, REGION, 'ACCOUNT', 'a'), true);
        assert.equal(await rp.delete(ACCOUNT, REGION, 'ACCOUNT', 'a'), false);
        assert.equal(await rp.get(ACCOUNT, REGION, 'ACCOUNT', 'a'), undefined);
      }),
    );

    test(
      'a group policy is created once, then changed or deleted only at its current revision',
      withStore(async (store) => {
        const rp = store.logResourcePolicies;
        const groupId = await makeGroup(store);
        const first: LogResourcePolicyRecord = { accountId: ACCOUNT, region: REGION, scope: 'RESOURCE', key: GROUP_ARN, groupId, document: '{"v":1}', revisionId: 'r1', updatedAt: 10 };
        assert.equal(await rp.put(first), true);
        assert.equal(await rp.put({ ...first, revisionId: 'rX' }), false, 'a second create loses');
        assert.equal(await rp.put({ ...first, document: '{"v":2}', revisionId: 'r2' }, 'stale'), false);
        assert.equal(await rp.put({ ...first, document: '{"v":2}', revisionId: 'r2', updatedAt: 20 }, 'r1'), true);
        assert.deepEqual(await rp.get(ACCOUNT, REGION, 'RESOURCE', GROUP_ARN), { ...first, document: '{"v":2}', revisionId: 'r2', updatedAt: 20 });
        assert.equal(await rp.delete(ACCOUNT, REGION, 'RESOURCE', GROUP_ARN, 'r1'), false);
        assert.equal(await rp.delete(ACCOUNT, REGION, 'RESOURCE', GROUP_ARN, 'r2'), true);
        assert.equal(await rp.get(ACCOUNT, REGION, 'RESOURCE', GROUP_ARN), undefined);
      }),
    );

    test(
      'what decides a write to a group: the account policies and that group policy only; it goes with the group',
      withStore(async (store) => {
        const rp = store.logResourcePolicies;
        const app = await makeGroup(store, 'app');
        const other = await makeGroup(store, 'other');
        await rp.put(account('acct'));
        await rp.put({ accountId: ACCOUNT, region: REGION, scope: 'RESOURCE', key: GROUP_ARN, groupId: app, document: '{}', revisionId: 'r', updatedAt: 1 });
        const otherArn = GROUP_ARN.replace(/app$/, 'other');
        await rp.put({ accountId: ACCOUNT, region: REGION, scope: 'RESOURCE', key: otherArn, groupId: other, document: '{}', revisionId: 'r', updatedAt: 1 });
        assert.deepEqual((await rp.forGroup(ACCOUNT, REGION, GROUP_ARN)).map((p) => [p.scope, p.key]), [
          ['ACCOUNT', 'acct'],
          ['RESOURCE', GROUP_ARN],
        ]);
        await store.logs.deleteGroup(app);
        assert.deepEqual((await rp.forGroup(ACCOUNT, REGION, GROUP_ARN)).map((p) => p.key), ['acct']);
        assert.equal(await rp.count(ACCOUNT, REGION, 'RESOURCE'), 1);
      }),
    );

    test(
      'a policy written in a rolled-back transaction is gone',
      withStore(async (store) => {
        await assert.rejects(
          store.transaction(async () => {
            await store.logResourcePolicies.put(account('x'));
            throw new Error('abort');
          }),
        );
        assert.equal(await store.logResourcePolicies.count(ACCOUNT, REGION, 'ACCOUNT'), 0);
      }),
    );
  });
}
