import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand } from '@aws-sdk/client-cloudwatch-logs';
import { needsPg } from '../helpers/pg.js';
import { startPgCluster, type PgCluster } from '../helpers/pgCluster.js';
import { newMasterKey, startInstance, stopInstance, type Instance } from '../helpers/instances.js';
import { clientConfig } from '../helpers/server.js';
import { LogLoad, readAll, type Target } from './load.js';

/**
 * The database stopped for 10 s under load, then started again: instances answer 503 ServiceUnavailableException
 * while it is gone (never hang), serve again by themselves once it is back, and lose nothing acknowledged. This
 * test stops its own cluster, not the one other test files share.
 */
describe('the database stopped for 10 s under load', { skip: needsPg }, () => {
  let cluster: PgCluster;
  const instances: Instance[] = [];
  let load: LogLoad | undefined;
  before(async () => {
    cluster = await startPgCluster();
  });
  after(async () => {
    await load?.stop();
    await Promise.all(instances.map(stopInstance));
    cluster.destroy();
  });

  test('503s while it is gone, then service resumes by itself with nothing acknowledged lost', async (t) => {
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query('CREATE DATABASE outage');
    await admin.end();
    const dbUrl = cluster.url.replace(/\/postgres$/, '/outage');
    const masterKey = newMasterKey();
    instances.push(...(await Promise.all([0, 1].map(() => startInstance({ databaseUrl: dbUrl, masterKey })))));
    const group = 'outage';
    const logs = new CloudWatchLogsClient(clientConfig(instances[0]!.url));
    await logs.send(new CreateLogGroupCommand({ logGroupName: group }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: 's' }));
    logs.destroy();

    const targets: Target[] = instances.map((i) => ({ url: i.url, up: true, generation: 0 }));
    let outage = false;
    load = new LogLoad(targets, group, ['s'], { clients: 4, batch: 20, tolerate: () => outage });
    await new Promise((r) => setTimeout(r, 1500));
    outage = true;
    cluster.stop();
    await new Promise((r) => setTimeout(r, 10_000));
    assert.deepEqual(instances.map((i) => i.process.exitCode), [null, null], `the instances outlive the database: ${instances.map((i) => i.stderr()).join('\n')}`);
    const health = await Promise.all(instances.map(async (i) => (await fetch(`${i.url}/_logseal/health`)).status));
    assert.deepEqual(health, [503, 503], 'health reports the lost database');
    cluster.start();
    const restarted = Date.now();
    // Serving again by itself: every instance answers PutLogEvents within 30 s.
    const running = load;
    const before = running.result.acknowledged.size;
    for (;;) {
      await new Promise((r) => setTimeout(r, 500));
      if (running.result.acknowledged.size > before + 200) break;
      assert.ok(Date.now() - restarted < 30_000, 'no PutLogEvents acknowledged 30 s after the database came back');
    }
    const recoveredAfterMs = Date.now() - restarted;
    outage = false;
    await new Promise((r) => setTimeout(r, 1500));
    const result = await running.stop();
    t.diagnostic(`${result.requests} requests, ${result.acknowledged.size} events acknowledged, failures: ${JSON.stringify([...result.failures])}, recovered within ${recoveredAfterMs} ms, slowest ${result.slowestMs} ms`);

    assert.deepEqual(result.unexpected, []);
    assert.ok((result.failures.get('ServiceUnavailableException') ?? 0) > 0, 'requests during the outage were answered 503');
    assert.deepEqual([...result.failures.keys()].filter((k) => k !== 'ServiceUnavailableException'), [], 'no other failure than 503');
    assert.ok(result.slowestMs < 10_000, `a request hung for ${result.slowestMs} ms`);
    const health2 = await Promise.all(instances.map(async (i) => (await fetch(`${i.url}/_logseal/health`)).status));
    assert.deepEqual(health2, [200, 200]);
    const read = new Set(await readAll(instances[1]!.url, group));
    const lost = [...result.acknowledged].filter((m) => !read.has(m));
    assert.equal(lost.length, 0, `${lost.length} acknowledged events lost`);
  });
});
