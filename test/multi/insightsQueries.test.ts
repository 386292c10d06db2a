import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  GetQueryResultsCommand,
  PutLogEventsCommand,
  StartQueryCommand,
  StopQueryCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import type { QueryRecord } from '../../src/insights/model.js';
import { PgStore } from '../../src/store/postgres/pgStore.js';
import { createDatabase, dropDatabase, needsPg } from '../helpers/pg.js';
import { newMasterKey, startInstance, stopInstance, type Instance } from '../helpers/instances.js';
import { clientConfig, devAccount } from '../helpers/server.js';

/**
 * Logs Insights on two instances of one PostgreSQL database: a query started on one instance shows its progress on
 * the other, is stopped from the other, and counts toward the account's concurrency quota on both.
 */
describe('Logs Insights queries across instances', { skip: needsPg }, () => {
  let dbUrl: string;
  let instances: Instance[] = [];
  let a: CloudWatchLogsClient;
  let b: CloudWatchLogsClient;
  const now = Date.now();
  const range = { startTime: Math.floor((now - 3600_000) / 1000), endTime: Math.floor(now / 1000) + 60 };
  const EVENTS = 200_000;
  /** `pattern` over four copies of each message: seconds of work over these events, whatever the machine. */
  const SLOW_QUERY = 'fields concat(@message, " ", @message, " ", @message, " ", @message) as m | pattern m';

  before(async () => {
    dbUrl = await createDatabase('insights');
    const masterKey = newMasterKey();
    instances = await Promise.all([0, 1].map(() => startInstance({ databaseUrl: dbUrl, masterKey })));
    a = new CloudWatchLogsClient(clientConfig(instances[0]!.url));
    b = new CloudWatchLogsClient(clientConfig(instances[1]!.url));
    await a.send(new CreateLogGroupCommand({ logGroupName: 'big' }));
    await a.send(new CreateLogStreamCommand({ logGroupName: 'big', logStreamName: 's' }));
    await a.send(new CreateLogGroupCommand({ logGroupName: 'small' }));
    await a.send(new CreateLogStreamCommand({ logGroupName: 'small', logStreamName: 's' }));
    await a.send(new PutLogEventsCommand({ logGroupName: 'small', logStreamName: 's', logEvents: [{ timestamp: now - 1000, message: 'hello' }] }));
    // Enough varied events that SLOW_QUERY over them runs for seconds.
    const t0 = now - 3000_000;
    for (let batch = 0; batch < EVENTS / 1000; batch++) {
      const logEvents = Array.from({ length: 1000 }, (_, j) => {
        const n = batch * 1000 + j;
        return { timestamp: t0 + n, message: `req ${n % 97} user=u${n % 1013} path=/p/${n % 31}/${n % 7} took ${n % 500}ms status=${200 + (n % 5)} host-${n % 13}` };
      });
      await a.send(new PutLogEventsCommand({ logGroupName: 'big', logStreamName: 's', logEvents }));
    }
  });
  after(async () => {
    a?.destroy();
    b?.destroy();
    await Promise.all(instances.map(stopInstance));
    await dropDatabase(dbUrl);
  });

  test('a query started on one instance shows its progress on another, which stops it (Cancelled, partial results kept)', async () => {
    const { queryId } = await a.send(new StartQueryCommand({ logGroupName: 'big', ...range, queryString: SLOW_QUERY }));
    // Progress written by instance A, read on B.
    let seen = await b.send(new GetQueryResultsCommand({ queryId }));
    for (let i = 0; i < 300 && seen.status === 'Running' && !(seen.statistics!.recordsScanned! > 0); i++) {
      await new Promise((r) => setTimeout(r, 50));
      seen = await b.send(new GetQueryResultsCommand({ queryId }));
    }
    assert.equal(seen.status, 'Running', 'the query ended before it could be stopped: make it longer');
    assert.ok(seen.statistics!.recordsScanned! > 0);

    assert.equal((await b.send(new StopQueryCommand({ queryId }))).success, true);
    assert.equal((await b.send(new GetQueryResultsCommand({ queryId }))).status, 'Cancelled');
    assert.equal((await a.send(new GetQueryResultsCommand({ queryId }))).status, 'Cancelled');
    // Stopping it again is refused, on either instance.
    for (const c of [a, b]) {
      const e = await c.send(new StopQueryCommand({ queryId })).then(
        () => undefined,
        (err: Error) => err,
      );
      assert.equal(e?.name, 'InvalidParameterException');
    }
    // Instance A stops scanning within a few seconds and stores what it had: statistics stop growing, short of every event.
    let last = -1;
    for (let i = 0; i < 100; i++) {
      const r = await b.send(new GetQueryResultsCommand({ queryId }));
      assert.equal(r.status, 'Cancelled');
      if (r.statistics!.recordsScanned === last) break;
      last = r.statistics!.recordsScanned!;
      await new Promise((res) => setTimeout(res, 1500));
    }
    assert.ok(last > 0 && last < EVENTS, `scanned ${last} of ${EVENTS}`);
  });

  test('the concurrency quota counts the queries running on every instance', async () => {
    // 99 queries running elsewhere (written as an instance would), then one more on A: the 101st, on B, is refused.
    const store = await PgStore.open(dbUrl);
    try {
      const running = (id: string): QueryRecord => ({
        accountId: devAccount,
        region: 'us-east-1',
        queryId: id,
        queryString: 'fields @message',
        queryLanguage: 'CWLI',
        logGroupNames: ['small'],
        startTime: range.startTime,
        endTime: range.endTime,
        status: 'Running',
        createTime: Date.now(),
        statistics: { recordsMatched: 0, recordsScanned: 0, bytesScanned: 0, logGroupsScanned: 1 },
        userIdentity: `arn:aws:iam::${devAccount}:root`,
        expiresAt: Date.now() + 7 * 86_400_000,
      });
      for (let i = 0; i < 99; i++) await store.insights.putQuery(running(`elsewhere-${i}`));
      const { queryId } = await a.send(new StartQueryCommand({ logGroupName: 'big', ...range, queryString: SLOW_QUERY }));
      const refused = await b.send(new StartQueryCommand({ logGroupName: 'small', ...range, queryString: 'fields @message' })).then(
        () => undefined,
        (err: Error) => err,
      );
      assert.equal(refused?.name, 'LimitExceededException');
      // Stopped from B, A's query frees its place at once.
      await b.send(new StopQueryCommand({ queryId }));
      const next = await b.send(new StartQueryCommand({ logGroupName: 'small', ...range, queryString: 'fields @message' }));
      assert.ok(next.queryId);
      for (let i = 0; i < 99; i++) await store.insights.cancelQuery(devAccount, 'us-east-1', `elsewhere-${i}`);
    } finally {
      await store.close();
    }
  });
});
