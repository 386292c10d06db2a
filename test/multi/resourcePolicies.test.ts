/**
 * Resource policies with two instances on one PostgreSQL database (in this process, so that a service can write
 * through either): a policy put through one decides at once on the other, and a group policy's revision is one
 * revision for both, so two writers racing on it cannot both win.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  DeleteResourcePolicyCommand,
  DescribeResourcePoliciesCommand,
  PutResourcePolicyCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { ServiceLogWriter } from '../../src/logs/resourcePolicies/serviceWriter.js';
import { startServer, type RunningServer } from '../../src/server/index.js';
import { createDatabase, dropDatabase, needsPg } from '../helpers/pg.js';
import { newMasterKey } from '../helpers/instances.js';
import { clientConfig, devAccount } from '../helpers/server.js';
import { sdkError } from '../logs/helpers.js';

const REGION = 'us-east-1';
const policy = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'es.amazonaws.com' }, Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' }],
});

describe('resource policies across instances on one PostgreSQL database', { skip: needsPg }, () => {
  let dbUrl: string;
  const dirs: string[] = [];
  const servers: RunningServer[] = [];
  const clients: CloudWatchLogsClient[] = [];

  before(async () => {
    dbUrl = await createDatabase('respol');
    const masterKey = newMasterKey();
    for (let i = 0; i < 2; i++) {
      const dataDir = mkdtempSync(join(tmpdir(), 'logseal-respol-'));
      dirs.push(dataDir);
      servers.push(await startServer({ host: '127.0.0.1', port: 0, dataDir, databaseUrl: dbUrl, dev: true, env: { LOGSEAL_MASTER_KEY: masterKey } }));
      clients.push(new CloudWatchLogsClient(clientConfig(servers[i]!.url)));
    }
  });
  after(async () => {
    for (const c of clients) c.destroy();
    for (const s of servers) await s.close();
    if (dbUrl) await dropDatabase(dbUrl);
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  const writerOn = (s: RunningServer) => new ServiceLogWriter(s.app.operations.logs, s.app.store, s.app.clock);
  const es = { service: 'es.amazonaws.com', accountId: devAccount, region: REGION, sourceAccount: devAccount };

  test('a policy put or deleted through one instance decides a service write on the other at once', async () => {
    const [a, b] = clients as [CloudWatchLogsClient, CloudWatchLogsClient];
    await a.send(new CreateLogGroupCommand({ logGroupName: 'slow-logs' }));
    const onB = writerOn(servers[1]!);
    assert.equal((await sdkError(onB.createLogStream(es, 'slow-logs', 's1'))).name, 'AccessDeniedException');
    await a.send(new PutResourcePolicyCommand({ policyName: 'es', policyDocument: policy }));
    await onB.createLogStream(es, 'slow-logs', 's1');
    await b.send(new DeleteResourcePolicyCommand({ policyName: 'es' }));
    assert.equal((await sdkError(writerOn(servers[0]!).createLogStream(es, 'slow-logs', 's2'))).name, 'AccessDeniedException');
  });

  test('two instances replacing a group policy at the same revision: exactly one wins', async () => {
    const [a, b] = clients as [CloudWatchLogsClient, CloudWatchLogsClient];
    await a.send(new CreateLogGroupCommand({ logGroupName: 'contended' }));
    const resourceArn = `arn:aws:logs:${REGION}:${devAccount}:log-group:contended`;
    await a.send(new PutResourcePolicyCommand({ resourceArn, policyDocument: policy }));
    for (let round = 0; round < 5; round++) {
      const expected = (await b.send(new DescribeResourcePoliciesCommand({ resourceArn }))).resourcePolicies![0]!.revisionId;
      const results = await Promise.allSettled([a, b].map((c) => c.send(new PutResourcePolicyCommand({ resourceArn, policyDocument: policy, expectedRevisionId: expected }))));
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1, `round ${round}`);
      const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      assert.equal((lost.reason as Error).name, 'OperationAbortedException');
    }
  });
});
