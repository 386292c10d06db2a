import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand } from '@aws-sdk/client-cloudwatch-logs';
import { createDatabase, dropDatabase, needsPg } from '../helpers/pg.js';
import { newMasterKey, startInstance, stopInstance, type Instance } from '../helpers/instances.js';
import { clientConfig } from '../helpers/server.js';
import { LogLoad, readAll, type Target } from './load.js';

/**
 * `kill -9` of one of three instances during continuous PutLogEvents from clients spread over all three, ten times:
 * every acknowledged event is readable afterwards, none twice, and the instances that stayed up answered every
 * request. Batches for one stream reach several instances at once throughout.
 */
describe('kill -9 of one of three instances under PutLogEvents', { skip: needsPg }, () => {
  let dbUrl: string;
  const masterKey = newMasterKey();
  const instances: Instance[] = [];
  before(async () => {
    dbUrl = await createDatabase('killnine');
    instances.push(...(await Promise.all([0, 1, 2].map(() => startInstance({ databaseUrl: dbUrl, masterKey })))));
  });
  after(async () => {
    await Promise.all(instances.map(stopInstance));
    await dropDatabase(dbUrl);
  });

  test('ten cycles: 0 acknowledged events lost, 0 duplicates, the others never stopped answering', async (t) => {
    const group = 'kill-nine';
    const streams = ['shared-a', 'shared-b'];
    const logs = new CloudWatchLogsClient(clientConfig(instances[0]!.url));
    await logs.send(new CreateLogGroupCommand({ logGroupName: group }));
    for (const s of streams) await logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: s }));
    logs.destroy();

    const targets: Target[] = instances.map((i) => ({ url: i.url, up: true, generation: 0 }));
    const load = new LogLoad(targets, group, streams, { clients: 6, batch: 25 });
    try {
      for (let cycle = 0; cycle < 10; cycle++) {
        await new Promise((r) => setTimeout(r, 700));
        const slot = cycle % instances.length;
        const victim = instances[slot]!;
        targets[slot]!.up = false;
        targets[slot]!.generation++;
        victim.process.kill('SIGKILL');
        await victim.exited;
        await new Promise((r) => setTimeout(r, 300));
        const fresh = await startInstance({ databaseUrl: dbUrl, masterKey });
        instances[slot] = fresh;
        targets[slot] = { url: fresh.url, up: true, generation: targets[slot]!.generation + 1 };
      }
      await new Promise((r) => setTimeout(r, 500));
    } finally {
      await load.stop();
    }
    const result = load.result;

    t.diagnostic(`${result.requests} requests, ${result.acknowledged.size} events acknowledged, failures: ${JSON.stringify([...result.failures])}`);
    assert.deepEqual(result.unexpected, [], 'instances that stayed up answered every request');
    assert.ok(result.acknowledged.size > 1000, `load was light: ${result.acknowledged.size} events acknowledged`);
    const read = await readAll(instances[1]!.url, group);
    const seen = new Map<string, number>();
    for (const m of read) seen.set(m, (seen.get(m) ?? 0) + 1);
    const duplicates = [...seen].filter(([, n]) => n > 1).map(([m]) => m);
    const lost = [...result.acknowledged].filter((m) => !seen.has(m));
    assert.deepEqual(duplicates, [], 'no event is stored twice');
    assert.deepEqual(lost.slice(0, 10), [], `${lost.length} acknowledged events lost`);
  });
});
