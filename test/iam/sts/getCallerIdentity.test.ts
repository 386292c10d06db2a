import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand, GetUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { awsCli, awsCliSkipReason } from '../../helpers/awsCli.js';
import { clientConfig, devAccount, devCreds, startTestServer, type Creds, type TestServer } from '../../helpers/server.js';

describe('GetCallerIdentity', () => {
  let srv: TestServer;
  let key: Creds & { accountId: string };

  before(async () => {
    srv = await startTestServer({ dev: true });
    const accountId = await srv.server.app.accounts.createAccount();
    const k = await srv.server.app.accounts.createRootAccessKey(accountId);
    key = { accountId, accessKeyId: k.accessKeyId, secretAccessKey: k.secretAccessKey };
  });
  after(() => srv.dispose());

  test('returns the dev root with test/test credentials (SDK v3)', async () => {
    const sts = new STSClient(clientConfig(srv.url, devCreds));
    const out = await sts.send(new GetCallerIdentityCommand({}));
    assert.equal(out.Account, devAccount);
    assert.equal(out.Arn, `arn:aws:iam::${devAccount}:root`);
    assert.equal(out.UserId, devAccount);
    assert.match(out.$metadata.requestId ?? '', /^[0-9a-f-]{36}$/);
  });

  test('returns the account of a generated root access key (SDK v3)', async () => {
    const sts = new STSClient(clientConfig(srv.url, key, 'eu-west-1'));
    const out = await sts.send(new GetCallerIdentityCommand({}));
    assert.equal(out.Account, key.accountId);
    assert.equal(out.Arn, `arn:aws:iam::${key.accountId}:root`);
    assert.equal(out.UserId, key.accountId);
  });

  test('returns an IAM user’s ARN and AIDA id for the user’s key (SDK v3)', async () => {
    const iam = new IAMClient(clientConfig(srv.url, devCreds));
    const user = (await iam.send(new CreateUserCommand({ UserName: 'caller', Path: '/team/' }))).User!;
    const k = (await iam.send(new CreateAccessKeyCommand({ UserName: 'caller' }))).AccessKey!;
    const out = await new STSClient(clientConfig(srv.url, { accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey! })).send(new GetCallerIdentityCommand({}));
    assert.deepEqual([out.Account, out.Arn, out.UserId], [devAccount, `arn:aws:iam::${devAccount}:user/team/caller`, user.UserId]);
    assert.equal((await iam.send(new GetUserCommand({ UserName: 'caller' }))).User!.UserId, out.UserId);
  });

  test('returns the session ARN and AROA…:session id for assumed-role credentials (SDK v3)', async () => {
    const iam = new IAMClient(clientConfig(srv.url, devCreds));
    const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: devAccount }, Action: 'sts:AssumeRole' }] });
    const role = (await iam.send(new CreateRoleCommand({ RoleName: 'caller-role', Path: '/svc/', AssumeRolePolicyDocument: trust }))).Role!;
    const c = (await new STSClient(clientConfig(srv.url, devCreds)).send(new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: 'who-am-i' }))).Credentials!;
    const sts = new STSClient(clientConfig(srv.url, { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! }));
    const out = await sts.send(new GetCallerIdentityCommand({}));
    assert.deepEqual([out.Account, out.Arn, out.UserId], [devAccount, `arn:aws:sts::${devAccount}:assumed-role/caller-role/who-am-i`, `${role.RoleId}:who-am-i`]);
  });

  test('aws sts get-caller-identity prints the account, ARN and UserId (AWS CLI v2)', async (t) => {
    const skip = awsCliSkipReason();
    if (skip) return t.skip(skip);
    for (const [creds, account] of [
      [devCreds, devAccount],
      [key, key.accountId],
    ] as const) {
      const r = await awsCli(srv.url, creds, ['sts', 'get-caller-identity', '--output', 'json']);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(JSON.parse(r.stdout), { UserId: account, Account: account, Arn: `arn:aws:iam::${account}:root` });
    }
  });

  test('the AWS CLI reports InvalidClientTokenId for an unknown access key', async (t) => {
    const skip = awsCliSkipReason();
    if (skip) return t.skip(skip);
    const r = await awsCli(srv.url, { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'x'.repeat(40) }, ['sts', 'get-caller-identity']);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /InvalidClientTokenId/);
    assert.match(r.stderr, /The security token included in the request is invalid/);
  });
});
