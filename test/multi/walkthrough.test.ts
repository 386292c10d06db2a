import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { awsCli, awsCliSkipReason } from '../helpers/awsCli.js';
import { createDatabase, dropDatabase, needsPg } from '../helpers/pg.js';
import { newMasterKey, startInstance, stopInstance, type Instance } from '../helpers/instances.js';
import { devAccount, devCreds } from '../helpers/server.js';

/**
 * The seed walkthrough with the unmodified AWS CLI v2 against three instances on one PostgreSQL database, each command
 * sent to the next instance in turn: what one instance changes, the others serve. Disabling the key makes the group
 * unreadable on every instance within 5 seconds; enabling it makes it readable again.
 */
describe('three instances on one PostgreSQL database', { skip: needsPg }, () => {
  let instances: Instance[] = [];
  let dbUrl: string;
  let dir: string;
  let turn = 0;
  before(async () => {
    dbUrl = await createDatabase('walkthrough');
    const masterKey = newMasterKey();
    instances = await Promise.all([0, 1, 2].map(() => startInstance({ databaseUrl: dbUrl, masterKey })));
    dir = mkdtempSync(join(tmpdir(), 'logseal-multi-walkthrough-'));
  });
  after(async () => {
    await Promise.all(instances.map(stopInstance));
    await dropDatabase(dbUrl);
    rmSync(dir, { recursive: true, force: true });
  });

  const on = async (i: Instance, ...args: string[]) => {
    const r = await awsCli(i.url, devCreds, [...args, '--output', 'json']);
    return { ...r, json: r.code === 0 && r.stdout.trim() ? JSON.parse(r.stdout) : undefined };
  };
  /** The next instance, round-robin. */
  const next = () => instances[turn++ % instances.length]!;
  const ok = async (...args: string[]) => {
    const i = next();
    const r = await on(i, ...args);
    assert.equal(r.code, 0, `aws ${args.join(' ')} on ${i.url}: ${r.stderr}`);
    return r.json;
  };

  test('the AWS CLI walkthrough works whichever instance each command reaches', async (t) => {
    const skip = awsCliSkipReason();
    if (skip) return t.skip(skip);
    const group = 'my-log-group';
    const groupArn = `arn:aws:logs:us-east-1:${devAccount}:log-group:${group}`;

    const keyArn: string = (await ok('kms', 'create-key')).KeyMetadata.Arn;
    await ok('logs', 'create-log-group', '--log-group-name', group);
    const refused = await on(next(), 'logs', 'associate-kms-key', '--log-group-name', group, '--kms-key-id', keyArn);
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /AccessDeniedException/);

    const policy = JSON.parse((await ok('kms', 'get-key-policy', '--key-id', keyArn, '--policy-name', 'default')).Policy);
    policy.Statement.push({
      Effect: 'Allow',
      Principal: { Service: 'logs.us-east-1.amazonaws.com' },
      Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      Resource: '*',
    });
    const policyFile = join(dir, 'policy.json');
    writeFileSync(policyFile, JSON.stringify(policy));
    await ok('kms', 'put-key-policy', '--key-id', keyArn, '--policy-name', 'default', '--policy', `file://${policyFile}`);
    // The policy changed on one instance is seen by the others within 5 s (their key cache lives 1 s).
    await new Promise((r) => setTimeout(r, 1500));
    await ok('logs', 'associate-kms-key', '--log-group-name', group, '--kms-key-id', keyArn);
    assert.equal((await ok('logs', 'describe-log-groups', '--log-group-name-prefix', group)).logGroups[0].kmsKeyId, keyArn);

    await ok('logs', 'create-log-stream', '--log-group-name', group, '--log-stream-name', 'app');
    const t0 = Date.now() - 1000;
    await ok('logs', 'put-log-events', '--log-group-name', group, '--log-stream-name', 'app', '--log-events', `timestamp=${t0},message=encrypted under the customer key`);
    const get = (i: Instance) => on(i, 'logs', 'get-log-events', '--log-group-name', group, '--log-stream-name', 'app', '--start-from-head');
    const messages = (r: { json?: { events: { message: string }[] } }) => r.json!.events.map((e) => e.message);
    for (const i of instances) assert.deepEqual(messages(await get(i)), ['encrypted under the customer key']);

    /** Polls every instance until `check` holds on all of them; fails after 5 s. */
    const everywhereWithin5s = async (what: string, check: (r: Awaited<ReturnType<typeof get>>) => boolean) => {
      const start = Date.now();
      for (const i of instances) {
        for (;;) {
          const r = await get(i);
          if (check(r)) break;
          assert.ok(Date.now() - start < 5000, `${what} on ${i.url} after 5 s: ${r.stderr || r.stdout}`);
          await new Promise((res) => setTimeout(res, 200));
        }
      }
    };
    await ok('kms', 'disable-key', '--key-id', keyArn);
    await everywhereWithin5s('unreadable', (r) => r.code !== 0 && r.stderr.includes(`AccessDeniedException`) && r.stderr.includes(`${keyArn} is disabled`));
    assert.ok(groupArn);
    await ok('kms', 'enable-key', '--key-id', keyArn);
    await everywhereWithin5s('readable', (r) => r.code === 0 && messages(r).length === 1);

    await ok('logs', 'disassociate-kms-key', '--log-group-name', group);
    await ok('logs', 'put-log-events', '--log-group-name', group, '--log-stream-name', 'app', '--log-events', `timestamp=${t0 + 500},message=under the service key`);
    for (const i of instances) assert.deepEqual(messages(await get(i)), ['encrypted under the customer key', 'under the service key']);
  });

  test('an instance started with a different master key refuses to serve and says why', async () => {
    await assert.rejects(startInstance({ databaseUrl: dbUrl, masterKey: newMasterKey() }), /master key does not open the PostgreSQL database/);
  });

  test('GET /_logseal/health reports the database and exactly one scheduler leader', async () => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const bodies = await Promise.all(instances.map(async (i) => (await fetch(`${i.url}/_logseal/health`)).json() as Promise<Record<string, unknown>>));
      for (const b of bodies) assert.deepEqual(b.database, { kind: 'postgres', ok: true });
      const leaders = bodies.filter((b) => b.scheduler === 'leader').length;
      if (leaders === 1) break;
      assert.ok(Date.now() < deadline, `leaders: ${leaders}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  });
});
