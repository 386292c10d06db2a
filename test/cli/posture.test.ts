/**
 * `logseal posture --endpoint …` prints the encryption posture of log groups and detectors per region, as a table or
 * JSON, and exits 1 when something is at risk (a disabled key, a key pending deletion, a key policy without the
 * CloudWatch Logs statement), 0 when nothing is.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CloudWatchLogsClient, CreateLogAnomalyDetectorCommand, CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DisableKeyCommand, EnableKeyCommand, KMSClient, PutKeyPolicyCommand } from '@aws-sdk/client-kms';
import { AWS_REGIONS } from '../../src/common/regions.generated.js';
import { repoRoot } from '../helpers/paths.js';
import { clientConfig, devAccount, startTestServer, type TestServer } from '../helpers/server.js';
import { createKey, logsKeyPolicy } from '../logs/helpers.js';

function posture(url: string, args: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { PATH: process.env.PATH, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' };
  return new Promise((resolve) => {
    execFile(process.execPath, [join(repoRoot, 'bin', 'logseal.js'), 'posture', '--endpoint', url, ...args], { env }, (e, stdout, stderr) =>
      resolve({ code: e ? Number((e as NodeJS.ErrnoException).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('logseal posture', () => {
  let server: TestServer;
  let kms: KMSClient;
  let logs: CloudWatchLogsClient;
  let good = '';
  let doomed = '';

  before(async () => {
    server = await startTestServer({ dev: true });
    kms = new KMSClient(clientConfig(server.url));
    logs = new CloudWatchLogsClient(clientConfig(server.url));
    const both = JSON.parse(logsKeyPolicy());
    both.Statement[1].Condition = undefined;
    good = await createKey(kms, { policy: JSON.stringify(both) });
    doomed = await createKey(kms, { policy: logsKeyPolicy() });
    await logs.send(new CreateLogGroupCommand({ logGroupName: 'plain' }));
    await logs.send(new CreateLogGroupCommand({ logGroupName: 'good', kmsKeyId: good }));
    await logs.send(new CreateLogGroupCommand({ logGroupName: 'doomed', kmsKeyId: doomed }));
    await logs.send(
      new CreateLogAnomalyDetectorCommand({ logGroupArnList: [`arn:aws:logs:us-east-1:${devAccount}:log-group:good`], detectorName: 'd', kmsKeyId: good }),
    );
  });
  after(async () => {
    await server?.dispose();
  });

  it('exits 0 with a table when nothing is at risk', async () => {
    const r = await posture(server.url);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const lines = r.stdout.split('\n');
    assert.match(lines[0]!, /^REGION +RESOURCES +CUSTOMER KEY +SERVICE KEY +DISABLED +PENDING DELETION +KEY MISSING +NO LOGS STATEMENT$/);
    assert.match(lines[1]!, /^us-east-1 +log groups +2 +1 +0 +0 +0 +0$/);
    assert.match(lines[2]!, /^us-east-1 +anomaly detectors +1 +0 +0 +0 +0 +0$/);
    assert.doesNotMatch(r.stdout, /AT RISK/);
  });

  it('exits 1 and names the group and the fix when its key is disabled', async () => {
    await kms.send(new DisableKeyCommand({ KeyId: doomed }));
    try {
      const r = await posture(server.url);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stdout, /^us-east-1 +log groups +1 +1 +1 +0 +0 +0$/m);
      assert.ok(r.stdout.includes(`arn:aws:logs:us-east-1:${devAccount}:log-group:doomed: key disabled (${doomed}); fix: enable the key`), r.stdout);
      const json = JSON.parse((await posture(server.url, ['--json'])).stdout);
      assert.equal(json.regions[0].atRisk, 1);
      assert.equal(json.regions[0].counts['log-group']['key-disabled'], 1);
    } finally {
      await kms.send(new EnableKeyCommand({ KeyId: doomed }));
    }
  });

  it('exits 1 when the key policy no longer lets CloudWatch Logs use the key', async () => {
    const policy = JSON.parse(logsKeyPolicy());
    policy.Statement.pop();
    await kms.send(new PutKeyPolicyCommand({ KeyId: doomed, PolicyName: 'default', Policy: JSON.stringify(policy) }));
    const r = await posture(server.url, ['--json', '--region', 'us-east-1,eu-west-1']);
    assert.equal(r.code, 1, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.regions.map((p: { region: string }) => p.region), ['us-east-1', 'eu-west-1']);
    const doomedGroup = out.regions[0].resources.find((x: { name: string }) => x.name === 'doomed');
    assert.equal(doomedGroup.status, 'policy-missing-logs');
    assert.equal(out.regions[1].atRisk, 0);
  });

  it('looks at every AWS region with --region all, with a line per region that holds something and the empty ones named apart', async () => {
    const kmsWest = new KMSClient(clientConfig(server.url, undefined, 'eu-west-2'));
    const logsWest = new CloudWatchLogsClient(clientConfig(server.url, undefined, 'eu-west-2'));
    const westKey = await createKey(kmsWest, { policy: logsKeyPolicy(devAccount, 'eu-west-2') });
    await logsWest.send(new CreateLogGroupCommand({ logGroupName: 'west-ok', kmsKeyId: westKey }));
    await logsWest.send(new CreateLogGroupCommand({ logGroupName: 'west-off', kmsKeyId: westKey }));
    await kmsWest.send(new DisableKeyCommand({ KeyId: westKey }));
    try {
      const r = await posture(server.url, ['--region', 'all']);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stdout, /^us-east-1 +log groups /m);
      assert.match(r.stdout, /^eu-west-2 +log groups +0 +0 +2 +0 +0 +0$/m);
      assert.doesNotMatch(r.stdout, /^eu-west-1 /m);
      assert.match(r.stdout, new RegExp(`^NO LOG GROUPS OR DETECTORS: ${AWS_REGIONS.length - 2} regions \\(.*eu-west-1.*\\)$`, 'm'));
      assert.ok(r.stdout.includes(`arn:aws:logs:eu-west-2:${devAccount}:log-group:west-off: key disabled (${westKey}); fix: enable the key`), r.stdout);
      const json = JSON.parse((await posture(server.url, ['--region', 'all,us-east-1', '--json'])).stdout);
      assert.deepEqual(json.regions.map((p: { region: string }) => p.region), ['eu-west-2', 'us-east-1']);
      assert.equal(json.emptyRegions.length, AWS_REGIONS.length - 2);
      assert.equal(json.regions[0].counts['log-group']['key-disabled'], 2);
    } finally {
      await kmsWest.send(new EnableKeyCommand({ KeyId: westKey }));
    }
  });

  it('exits 2 without an endpoint', async () => {
    const r = await new Promise<{ code: number; stderr: string }>((resolve) =>
      execFile(process.execPath, [join(repoRoot, 'bin', 'logseal.js'), 'posture'], { env: { PATH: process.env.PATH } }, (e, _o, stderr) =>
        resolve({ code: e ? Number((e as NodeJS.ErrnoException).code ?? 1) : 0, stderr }),
      ),
    );
    assert.equal(r.code, 2);
    assert.match(r.stderr, /needs --endpoint/);
  });
});
