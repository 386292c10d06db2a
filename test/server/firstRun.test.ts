/**
 * What a person meets on the first run: the printed URL leads to the console, browsers find an icon, the request log
 * names the path of requests that are no operation, and a region AWS does not have is refused as AWS refuses it.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { KMSClient, ListKeysCommand } from '@aws-sdk/client-kms';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { CloudWatchLogsClient, CreateLogGroupCommand, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { RegionSet } from '../../src/common/regions.js';
import type { RequestLogEntry } from '../../src/server/logger.js';
import { repoRoot } from '../helpers/paths.js';
import { clientConfig, startTestServer, type TestServer } from '../helpers/server.js';

const BUILT = existsSync(join(repoRoot, 'console', 'dist', 'index.html'));

describe('first run', () => {
  let server: TestServer;
  const lines: RequestLogEntry[] = [];

  before(async () => {
    server = await startTestServer({
      dev: true,
      regions: new RegionSet(['on-prem-1']),
      logger: { request: (e) => lines.push({ ...e }), fault() {} },
    });
  });
  after(async () => {
    await server?.dispose();
  });

  it('redirects / to the console', async () => {
    const res = await fetch(`${server.url}/`, { redirect: 'manual' });
    assert.equal(res.status, 302);
    assert.equal(res.headers.get('location'), '/console/');
  });

  it('answers /favicon.ico with the console icon', { skip: BUILT ? false : 'the console is not built' }, async () => {
    const res = await fetch(`${server.url}/favicon.ico`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'image/svg+xml');
    assert.match(await res.text(), /^<svg /);
    const page = await (await fetch(`${server.url}/console/`)).text();
    assert.match(page, /<link rel="icon" type="image\/svg\+xml" href="\/console\/favicon\.svg"/);
  });

  it('logs the path of a request that matches no operation', async () => {
    assert.equal((await fetch(`${server.url}/no/such/thing?x=1`)).status, 404);
    assert.equal((await fetch(`${server.url}/other`, { method: 'POST', body: 'x' })).status, 400);
    const paths = lines.filter((l) => l.status === 404 || l.code === 'UnknownOperationException').map((l) => l.path);
    assert.ok(paths.includes('/no/such/thing'), JSON.stringify(lines));
    assert.ok(paths.includes('/other'), JSON.stringify(lines));
  });

  it("refuses a KMS request signed for a region AWS does not have with AWS's InvalidSignatureException", async () => {
    const kms = new KMSClient(clientConfig(server.url, undefined, 'us-eest-1'));
    await assert.rejects(kms.send(new ListKeysCommand({})), (e: Error & { $metadata?: { httpStatusCode?: number } }) => {
      assert.equal(e.name, 'InvalidSignatureException');
      assert.equal(e.message, "Credential should be scoped to a valid region, not 'us-eest-1'.");
      return true;
    });
  });

  it('refuses the unknown region for CloudWatch Logs and STS too, and creates nothing', async () => {
    const bad = new CloudWatchLogsClient(clientConfig(server.url, undefined, 'us-eest-1'));
    await assert.rejects(bad.send(new CreateLogGroupCommand({ logGroupName: 'nowhere' })), { name: 'InvalidSignatureException' });
    const sts = new STSClient(clientConfig(server.url, undefined, 'us-eest-1'));
    await assert.rejects(sts.send(new GetCallerIdentityCommand({})), {
      name: 'SignatureDoesNotMatch',
      message: "Credential should be scoped to a valid region, not 'us-eest-1'.",
    });
    const good = new CloudWatchLogsClient(clientConfig(server.url, undefined, 'us-east-1'));
    assert.deepEqual((await good.send(new DescribeLogGroupsCommand({}))).logGroups, []);
  });

  it('accepts every AWS region and the private names given with --regions', async () => {
    for (const region of ['eu-west-3', 'ap-southeast-2', 'on-prem-1']) {
      const logs = new CloudWatchLogsClient(clientConfig(server.url, undefined, region));
      await logs.send(new CreateLogGroupCommand({ logGroupName: `in-${region}` }));
      const groups = (await logs.send(new DescribeLogGroupsCommand({}))).logGroups ?? [];
      assert.deepEqual(groups.map((g) => g.arn), [`arn:aws:logs:${region}:000000000000:log-group:in-${region}:*`]);
    }
  });
});
