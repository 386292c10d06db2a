import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DescribeKeyCommand, KMSClient, CreateKeyCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { createDatabase, dropDatabase, needsPg } from '../helpers/pg.js';
import { newMasterKey, startInstance, stopInstance, type Instance } from '../helpers/instances.js';
import { clientConfig } from '../helpers/server.js';

const DAY = 86_400_000;

/**
 * The scheduler runs on one instance at a time. Its leader is killed (SIGKILL) as a key's deletion window ends:
 * another instance takes the lease and deletes the key, and the key is deleted exactly once across all instances.
 */
describe('scheduler fail-over', { skip: needsPg }, () => {
  let dbUrl: string;
  const masterKey = newMasterKey();
  let instances: Instance[] = [];
  before(async () => {
    dbUrl = await createDatabase('failover');
  });
  after(async () => {
    await Promise.all(instances.map(stopInstance));
    await dropDatabase(dbUrl);
  });

  const health = async (i: Instance) => (await fetch(`${i.url}/_logseal/health`)).json() as Promise<{ scheduler: string }>;

  test('the leader killed as a deletion window ends: the key is deleted once, by another instance within 30 s', async () => {
    // Schedule the deletion (7 days) on an instance running on today's clock.
    const first = await startInstance({ databaseUrl: dbUrl, masterKey });
    const kms = new KMSClient(clientConfig(first.url));
    const keyArn = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.Arn!;
    const deletionDate = (await kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyArn, PendingWindowInDays: 7 }))).DeletionDate!.getTime();
    kms.destroy();
    await stopInstance(first);

    // Three instances whose clocks are a week ahead, so that the window ends a few seconds after they are up.
    const dueInMs = 6000;
    const offset = deletionDate - Date.now() - dueInMs;
    assert.ok(offset > 6 * DAY);
    const dueAtReal = Date.now() + dueInMs;
    instances = await Promise.all([0, 1, 2].map(() => startInstance({ databaseUrl: dbUrl, masterKey, clockOffsetMs: offset, backgroundMs: 300 })));

    // Find the leader, and kill it just as the window ends.
    let leader: Instance | undefined;
    while (!leader) {
      const states = await Promise.all(instances.map(health));
      leader = instances[states.findIndex((s) => s.scheduler === 'leader')];
      if (!leader) await new Promise((r) => setTimeout(r, 200));
    }
    await new Promise((r) => setTimeout(r, Math.max(0, dueAtReal - Date.now() - 100)));
    leader.process.kill('SIGKILL');
    await leader.exited;
    const killedAt = Date.now();
    const others = instances.filter((i) => i !== leader);

    // Deleted within 30 s: DescribeKey answers NotFoundException on the instances still up.
    const client = new KMSClient(clientConfig(others[0]!.url, undefined, 'us-east-1'));
    for (;;) {
      const gone = await client.send(new DescribeKeyCommand({ KeyId: keyArn })).then(
        () => false,
        (err: Error) => err.name === 'NotFoundException',
      );
      if (gone) break;
      assert.ok(Date.now() - killedAt < 30_000, 'the key is still there 30 s after the leader died');
      await new Promise((r) => setTimeout(r, 250));
    }
    client.destroy();
    // Every instance's scheduler logs a deletion it committed: exactly one line in all, whoever did it.
    await new Promise((r) => setTimeout(r, 1500));
    const deletions = instances.flatMap((i) =>
      i
        .stderr()
        .split('\n')
        .filter((l) => l.includes('"event":"kms-key-deleted"') && l.includes(keyArn)),
    );
    assert.equal(deletions.length, 1, deletions.join('\n'));
    // A new leader took over.
    const states = await Promise.all(others.map(health));
    assert.equal(states.filter((s) => s.scheduler === 'leader').length, 1);
  });

  test('SIGTERM gives the lease up: another instance leads within seconds', async () => {
    const db = await createDatabase('lease');
    const pair = await Promise.all([0, 1].map(() => startInstance({ databaseUrl: db, masterKey, backgroundMs: 300 })));
    instances.push(...pair);
    const leaderOf = async () => {
      const states = await Promise.all(pair.map(async (i) => (i.process.exitCode === null ? (await health(i)).scheduler : 'stopped')));
      return states.indexOf('leader');
    };
    let leader = -1;
    while (leader < 0) {
      leader = await leaderOf();
      if (leader < 0) await new Promise((r) => setTimeout(r, 200));
    }
    await stopInstance(pair[leader]!);
    assert.match(pair[leader]!.stderr(), /"event":"scheduler-lease-released"/);
    const stoppedAt = Date.now();
    const other = pair[1 - leader]!;
    while ((await health(other)).scheduler !== 'leader') {
      assert.ok(Date.now() - stoppedAt < 10_000, 'no new leader 10 s after the leader stopped');
      await new Promise((r) => setTimeout(r, 200));
    }
    await stopInstance(other);
    await dropDatabase(db);
  });
});
