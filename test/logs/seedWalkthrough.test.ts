import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { awsCli, awsCliSkipReason } from '../helpers/awsCli.js';
import { devAccount, devCreds, startTestServer, type TestServer } from '../helpers/server.js';

/**
 * The seed walkthrough ("Encrypt log data in CloudWatch Logs using AWS KMS") with the unmodified AWS CLI v2: create a
 * key, create a group, associate (refused until the key policy lets CloudWatch Logs of the group's region use the key), see
 * the key in describe-log-groups, put and get events, disable and enable the key, disassociate, read old and new.
 */
describe('the KMS walkthrough with the AWS CLI v2', () => {
  let srv: TestServer;
  let dir: string;
  before(async () => {
    srv = await startTestServer();
    dir = mkdtempSync(join(tmpdir(), 'logseal-walkthrough-'));
  });
  after(async () => {
    await srv.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const aws = async (...args: string[]) => {
    const r = await awsCli(srv.url, devCreds, [...args, '--output', 'json']);
    return { ...r, json: r.code === 0 && r.stdout.trim() ? JSON.parse(r.stdout) : undefined };
  };
  const ok = async (...args: string[]) => {
    const r = await aws(...args);
    assert.equal(r.code, 0, `aws ${args.join(' ')}: ${r.stderr}`);
    return r.json;
  };

  /** The CLI prints `An error occurred (CODE) when calling the OP operation (reached max retries: 0): MESSAGE`. */
  const cliError = (r: { code: number; stderr: string }, op: string) => {
    assert.notEqual(r.code, 0);
    const m = new RegExp(`^An error occurred \\((\\w+)\\) when calling the ${op} operation(?: \\([^)]*\\))?: (.*)$`).exec(r.stderr.trim());
    assert.ok(m, r.stderr);
    return { code: m[1], message: m[2] };
  };

  test('create, associate, read, disable, enable, disassociate', async (t) => {
    const skip = awsCliSkipReason();
    if (skip) return t.skip(skip);
    const group = 'my-log-group';
    const groupArn = `arn:aws:logs:us-east-1:${devAccount}:log-group:${group}`;

    const keyArn: string = (await ok('kms', 'create-key')).KeyMetadata.Arn;
    await ok('logs', 'create-log-group', '--log-group-name', group);

    const assertRefused = async () => {
      const refused = await aws('logs', 'associate-kms-key', '--log-group-name', group, '--kms-key-id', keyArn);
      assert.deepEqual(cliError(refused, 'AssociateKmsKey'), {
        code: 'AccessDeniedException',
        message: `The specified KMS key does not exist or is not allowed to be used with LogGroup '${groupArn}'`,
      });
    };
    // KMS's default key policy has no statement for CloudWatch Logs.
    await assertRefused();

    const defaultPolicy = JSON.parse((await ok('kms', 'get-key-policy', '--key-id', keyArn, '--policy-name', 'default')).Policy);
    const putPolicyAllowing = async (logsRegion: string) => {
      const policy = structuredClone(defaultPolicy);
      policy.Statement.push({
        Effect: 'Allow',
        Principal: { Service: `logs.${logsRegion}.amazonaws.com` },
        Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        Resource: '*',
      });
      const policyFile = join(dir, `policy-${logsRegion}.json`);
      writeFileSync(policyFile, JSON.stringify(policy));
      await ok('kms', 'put-key-policy', '--key-id', keyArn, '--policy-name', 'default', '--policy', `file://${policyFile}`);
    };
    // The logs principal of another region is not the one of the group's region.
    await putPolicyAllowing('us-west-2');
    await assertRefused();

    await putPolicyAllowing('us-east-1');
    await ok('logs', 'associate-kms-key', '--log-group-name', group, '--kms-key-id', keyArn);

    const described = await ok('logs', 'describe-log-groups', '--log-group-name-prefix', group);
    assert.equal(described.logGroups[0].kmsKeyId, keyArn);

    await ok('logs', 'create-log-stream', '--log-group-name', group, '--log-stream-name', 'app');
    const t0 = Date.now() - 1000;
    await ok('logs', 'put-log-events', '--log-group-name', group, '--log-stream-name', 'app', '--log-events', `timestamp=${t0},message=encrypted under the customer key`);
    const get = (...extra: string[]) => aws('logs', 'get-log-events', '--log-group-name', group, '--log-stream-name', 'app', '--start-from-head', ...extra);
    const messages = (r: { json?: { events: { message: string }[] } }) => r.json!.events.map((e) => e.message);
    assert.deepEqual(messages(await get()), ['encrypted under the customer key']);

    await ok('kms', 'disable-key', '--key-id', keyArn);
    assert.deepEqual(cliError(await get(), 'GetLogEvents'), {
      code: 'AccessDeniedException',
      message: `The KMS key ${keyArn} that encrypts data of LogGroup '${groupArn}' cannot be used: DisabledException: ${keyArn} is disabled.`,
    });
    await ok('kms', 'enable-key', '--key-id', keyArn);
    assert.deepEqual(messages(await get()), ['encrypted under the customer key']);

    await ok('logs', 'disassociate-kms-key', '--log-group-name', group);
    assert.equal((await ok('logs', 'describe-log-groups', '--log-group-name-prefix', group)).logGroups[0].kmsKeyId, undefined);
    await ok('logs', 'put-log-events', '--log-group-name', group, '--log-stream-name', 'app', '--log-events', `timestamp=${t0 + 500},message=under the service key`);
    assert.deepEqual(messages(await get()), ['encrypted under the customer key', 'under the service key']);
  });
});
