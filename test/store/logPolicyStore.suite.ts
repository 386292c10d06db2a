import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { LogPolicyRecord, Store } from '../../src/store/types.js';
import { type OpenStore as Open, skippedSuite, storeRunner } from './suiteKit.js';


const ACCOUNT = '111122223333';
const REGION = 'us-east-1';

function policy(extra: Partial<LogPolicyRecord> = {}): LogPolicyRecord {
  return { accountId: ACCOUNT, region: REGION, target: 'group:1', policyType: 'DATA_PROTECTION_POLICY', policyName: '', document: '{"a":1}', createdAt: 10, updatedAt: 10, ...extra };
}

/** The behaviour every LogPolicyStore adapter must have; run against each adapter. */
export function logPolicyStoreSuite(name: string, open: Open, opts: { skip?: string | false } = {}): void {
  if (skippedSuite(name, opts.skip)) return;
  const withStore = storeRunner(open);

  describe(`LogPolicyStore (${name})`, () => {
    test(
      'a replaced policy keeps its creation time and takes the new document',
      withStore(async (store) => {
        await store.logPolicies.putPolicy(policy());
        const saved = await store.logPolicies.putPolicy(policy({ document: '{"b":2}', createdAt: 99, updatedAt: 20 }));
        assert.deepEqual(saved, policy({ document: '{"b":2}', createdAt: 10, updatedAt: 20 }));
        assert.deepEqual(await store.logPolicies.listPolicies(ACCOUNT, REGION, 'group:1', 'DATA_PROTECTION_POLICY'), [saved]);
      }),
    );

    test(
      'lists by target and type, ordered by name, keeping scope and selection criteria',
      withStore(async (store) => {
        await store.logPolicies.putPolicy(policy({ target: 'account', policyName: 'b', scope: 'ALL' }));
        await store.logPolicies.putPolicy(policy({ target: 'account', policyName: 'a', selectionCriteria: 'LogGroupName NOT IN ["x"]' }));
        await store.logPolicies.putPolicy(policy({ target: 'account', policyName: 'c', policyType: 'FIELD_INDEX_POLICY' }));
        await store.logPolicies.putPolicy(policy({ target: 'account', policyName: 'd', region: 'eu-west-1' }));
        const listed = await store.logPolicies.listPolicies(ACCOUNT, REGION, 'account', 'DATA_PROTECTION_POLICY');
        assert.deepEqual(listed.map((p) => [p.policyName, p.scope, p.selectionCriteria]), [
          ['a', undefined, 'LogGroupName NOT IN ["x"]'],
          ['b', 'ALL', undefined],
        ]);
      }),
    );

    test(
      'deletes one policy by name, all of a type, or everything of a target',
      withStore(async (store) => {
        const ps = store.logPolicies;
        await ps.putPolicy(policy({ target: 'account', policyName: 'a' }));
        await ps.putPolicy(policy({ target: 'account', policyName: 'b' }));
        await ps.putPolicy(policy({ target: 'group:1' }));
        await ps.putPolicy(policy({ target: 'group:1', policyType: 'OTHER' }));
        assert.equal(await ps.deletePolicies(ACCOUNT, REGION, 'account', 'DATA_PROTECTION_POLICY', 'a'), 1);
        assert.equal(await ps.deletePolicies(ACCOUNT, REGION, 'account', 'DATA_PROTECTION_POLICY', 'a'), 0);
        assert.equal(await ps.deletePolicies(ACCOUNT, REGION, 'account', 'DATA_PROTECTION_POLICY'), 1);
        await ps.deleteTarget(ACCOUNT, REGION, 'group:1');
        assert.deepEqual(await ps.listPolicies(ACCOUNT, REGION, 'group:1', 'DATA_PROTECTION_POLICY'), []);
        assert.deepEqual(await ps.listPolicies(ACCOUNT, REGION, 'group:1', 'OTHER'), []);
      }),
    );

    test(
      'a policy written in a rolled-back transaction is gone',
      withStore(async (store) => {
        await assert.rejects(
          store.transaction(async () => {
            await store.logPolicies.putPolicy(policy());
            throw new Error('abort');
          }),
        );
        assert.deepEqual(await store.logPolicies.listPolicies(ACCOUNT, REGION, 'group:1', 'DATA_PROTECTION_POLICY'), []);
      }),
    );
  });
}
