import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { QueryDefinitionRecord, QueryRecord } from '../../src/insights/model.js';
import type { Store } from '../../src/store/types.js';
import { type OpenStore as Open, skippedSuite, storeRunner } from './suiteKit.js';


const ACCOUNT = '111122223333';
const REGION = 'us-east-1';

function query(queryId: string, extra: Partial<QueryRecord> = {}): QueryRecord {
  return {
    accountId: ACCOUNT,
    region: REGION,
    queryId,
    queryString: 'fields @message',
    queryLanguage: 'CWLI',
    logGroupNames: ['/app/a'],
    startTime: 1,
    endTime: 2,
    status: 'Running',
    createTime: 1000,
    statistics: { recordsMatched: 0, recordsScanned: 0, bytesScanned: 0, logGroupsScanned: 1 },
    userIdentity: `arn:aws:iam::${ACCOUNT}:root`,
    expiresAt: 10_000,
    ...extra,
  };
}

function definition(id: string, name: string): QueryDefinitionRecord {
  return { accountId: ACCOUNT, region: REGION, queryDefinitionId: id, name, queryString: 'stats count(*)', queryLanguage: 'CWLI', logGroupNames: [], lastModified: 5 };
}

/** The behaviour every InsightsStore adapter must have; run against each adapter. */
export function insightsStoreSuite(name: string, open: Open, opts: { skip?: string | false } = {}): void {
  if (skippedSuite(name, opts.skip)) return;
  const withStore = storeRunner(open);

  describe(`InsightsStore (${name})`, () => {
    test(
      'keeps a query, its progress and its sealed results',
      withStore(async (store) => {
        const s = store.insights;
        await s.putQuery(query('q1'));
        assert.equal((await s.getQuery(ACCOUNT, REGION, 'q1'))?.status, 'Running');
        assert.equal(await s.getResults(ACCOUNT, REGION, 'q1'), undefined);
        const done = query('q1', { status: 'Complete', statistics: { recordsMatched: 3, recordsScanned: 9, bytesScanned: 90, logGroupsScanned: 1 } });
        await s.updateQuery(done, { keyArn: 'arn:aws:kms:us-east-1:111122223333:key/k', wrappedKey: Buffer.from('w'), data: Buffer.from('d') });
        assert.deepEqual(await s.getQuery(ACCOUNT, REGION, 'q1'), done);
        assert.deepEqual(await s.getResults(ACCOUNT, REGION, 'q1'), { keyArn: 'arn:aws:kms:us-east-1:111122223333:key/k', wrappedKey: Buffer.from('w'), data: Buffer.from('d') });
        assert.equal(await s.getQuery('999999999999', REGION, 'q1'), undefined, 'another account sees nothing');
        assert.equal(await s.getQuery(ACCOUNT, 'eu-west-1', 'q1'), undefined, 'another region sees nothing');
      }),
    );

    test(
      'lists queries newest first, by status and group, page by page',
      withStore(async (store) => {
        const s = store.insights;
        await s.putQuery(query('q1'));
        await s.putQuery(query('q2', { logGroupNames: ['/app/b'] }));
        await s.putQuery(query('q3', { status: 'Complete' }));
        const p1 = await s.listQueries(ACCOUNT, REGION, { limit: 2 });
        assert.deepEqual(p1.items.map((q) => q.queryId), ['q3', 'q2']);
        const p2 = await s.listQueries(ACCOUNT, REGION, { limit: 2, after: p1.next! });
        assert.deepEqual(p2.items.map((q) => q.queryId), ['q1']);
        assert.equal(p2.next, undefined);
        assert.deepEqual((await s.listQueries(ACCOUNT, REGION, { limit: 10, status: 'Running' })).items.map((q) => q.queryId), ['q2', 'q1']);
        assert.deepEqual((await s.listQueries(ACCOUNT, REGION, { limit: 10, logGroupName: '/app/b' })).items.map((q) => q.queryId), ['q2']);
      }),
    );

    test(
      'deletes expired queries and fails those a stopped server left running',
      withStore(async (store) => {
        const s = store.insights;
        await s.putQuery(query('old', { expiresAt: 100, status: 'Complete' }));
        await s.putQuery(query('new', { expiresAt: 10_000 }));
        assert.equal(await s.deleteExpiredQueries(100, 10), 1);
        assert.equal(await s.getQuery(ACCOUNT, REGION, 'old'), undefined);
        assert.equal(await s.failUnfinishedQueries('stopped'), 1);
        const q = await s.getQuery(ACCOUNT, REGION, 'new');
        assert.equal(q?.status, 'Failed');
        assert.equal(q?.error, 'stopped');
        assert.equal((await s.listQueries(ACCOUNT, REGION, { limit: 10, status: 'Failed' })).items.length, 1);
      }),
    );

    test(
      'counts the running queries of an account, keeps progress only while running, and cancels a running query once',
      withStore(async (store) => {
        const s = store.insights;
        await s.putQuery(query('r1', { createTime: 5000 }));
        await s.putQuery(query('r2', { createTime: 500 }));
        await s.putQuery(query('done', { createTime: 5000, status: 'Complete' }));
        await s.putQuery(query('other', { createTime: 5000, accountId: '444455556666' }));
        assert.equal(await s.countActiveQueries(ACCOUNT, REGION, 0), 2);
        assert.equal(await s.countActiveQueries(ACCOUNT, REGION, 1000), 1);
        assert.equal(await s.countActiveQueries(ACCOUNT, 'eu-west-1', 0), 0);

        const r1 = query('r1', { createTime: 5000 });
        r1.statistics.recordsScanned = 42;
        assert.equal(await s.saveProgress(r1), true);
        assert.equal((await s.getQuery(ACCOUNT, REGION, 'r1'))?.statistics.recordsScanned, 42);

        const c = await s.cancelQuery(ACCOUNT, REGION, 'r1');
        assert.deepEqual([c?.stopped, c?.query.status], [true, 'Cancelled']);
        assert.equal((await s.getQuery(ACCOUNT, REGION, 'r1'))?.status, 'Cancelled');
        assert.equal(await s.countActiveQueries(ACCOUNT, REGION, 0), 1);
        // The instance running it learns it at its next progress write, which changes nothing any more.
        r1.statistics.recordsScanned = 99;
        assert.equal(await s.saveProgress(r1), false);
        assert.equal((await s.getQuery(ACCOUNT, REGION, 'r1'))?.status, 'Cancelled');
        const again = await s.cancelQuery(ACCOUNT, REGION, 'r1');
        assert.deepEqual([again?.stopped, again?.query.status], [false, 'Cancelled']);
        assert.equal((await s.cancelQuery(ACCOUNT, REGION, 'done'))?.stopped, false);
        assert.equal(await s.cancelQuery(ACCOUNT, REGION, 'nope'), undefined);
      }),
    );

    test(
      'keeps query definitions ordered by name, with prefix and pages',
      withStore(async (store) => {
        const s = store.insights;
        await s.putDefinition(definition('id-b', 'beta'));
        await s.putDefinition(definition('id-a', 'alpha'));
        await s.putDefinition(definition('id-c', 'alpha'));
        assert.equal(await s.countDefinitions(ACCOUNT, REGION), 3);
        const p1 = await s.listDefinitions(ACCOUNT, REGION, { limit: 2 });
        assert.deepEqual(p1.items.map((d) => d.queryDefinitionId), ['id-a', 'id-c']);
        const p2 = await s.listDefinitions(ACCOUNT, REGION, { limit: 2, after: p1.next! });
        assert.deepEqual(p2.items.map((d) => d.queryDefinitionId), ['id-b']);
        assert.deepEqual((await s.listDefinitions(ACCOUNT, REGION, { limit: 10, prefix: 'be' })).items.map((d) => d.name), ['beta']);
        await s.putDefinition({ ...definition('id-b', 'gamma'), queryString: 'fields x' });
        assert.equal((await s.getDefinition(ACCOUNT, REGION, 'id-b'))?.queryString, 'fields x');
        assert.equal(await s.deleteDefinition(ACCOUNT, REGION, 'id-b'), true);
        assert.equal(await s.deleteDefinition(ACCOUNT, REGION, 'id-b'), false);
      }),
    );

    test(
      'keeps metric filters per group, lists them by group and filter name, and drops them with their group',
      withStore(async (store) => {
        const g = (await store.logs.createGroup({ accountId: ACCOUNT, region: REGION, name: '/app/a', createdAt: 1, logGroupClass: 'STANDARD', deletionProtection: false, tags: {} }))!;
        const s = store.insights;
        const f = (filterName: string, metricName = 'M') => ({
          groupId: g.id,
          accountId: ACCOUNT,
          region: REGION,
          logGroupName: '/app/a',
          filterName,
          filterPattern: 'ERROR',
          metricTransformations: [{ metricName, metricNamespace: 'N', metricValue: '1' }],
          creationTime: 5,
          applyOnTransformedLogs: false,
        });
        await s.putMetricFilter(f('b'));
        await s.putMetricFilter(f('a', 'Other'));
        await s.putMetricFilter({ ...f('b'), filterPattern: 'WARN' });
        assert.equal(await s.countMetricFilters(g.id), 2);
        assert.equal((await s.getMetricFilter(g.id, 'b'))?.filterPattern, 'WARN');
        const p1 = await s.listMetricFilters(ACCOUNT, REGION, { limit: 1 });
        assert.deepEqual(p1.items.map((x) => x.filterName), ['a']);
        assert.deepEqual((await s.listMetricFilters(ACCOUNT, REGION, { limit: 5, after: p1.next! })).items.map((x) => x.filterName), ['b']);
        assert.deepEqual((await s.listMetricFilters(ACCOUNT, REGION, { limit: 5, metricName: 'M', metricNamespace: 'N' })).items.map((x) => x.filterName), ['b']);
        assert.equal(await s.deleteMetricFilter(g.id, 'a'), true);
        assert.equal(await s.deleteMetricFilter(g.id, 'a'), false);
        await store.logs.deleteGroup(g.id);
        assert.equal(await s.countMetricFilters(g.id), 0);
      }),
    );

    test(
      'keeps the query-result key per account and region',
      withStore(async (store) => {
        const s = store.insights;
        assert.equal(await s.getResultKey(ACCOUNT, REGION), undefined);
        await s.setResultKey(ACCOUNT, REGION, 'arn:k1');
        await s.setResultKey(ACCOUNT, REGION, 'arn:k2');
        assert.equal(await s.getResultKey(ACCOUNT, REGION), 'arn:k2');
        assert.equal(await s.getResultKey(ACCOUNT, 'eu-west-1'), undefined);
        await s.setResultKey(ACCOUNT, REGION, undefined);
        assert.equal(await s.getResultKey(ACCOUNT, REGION), undefined);
      }),
    );
  });
}
