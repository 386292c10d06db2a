import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { OffsetClock } from '../../src/common/clock.js';
import { awsCli, awsCliSkipReason } from '../helpers/awsCli.js';
import { devAccount, devCreds, startTestServer, type Creds, type TestServer } from '../helpers/server.js';

const skip = awsCliSkipReason();

/** The whole IAM/STS path through the unmodified AWS CLI v2: users, keys, policies, roles, sessions. */
describe('IAM and STS with the AWS CLI v2', { skip }, () => {
  let srv: TestServer;
  const clock = new OffsetClock();
  let alice: Creds;
  const roleArn = `arn:aws:iam::${devAccount}:role/deployer`;

  const cli = async (creds: Creds, ...args: string[]) => {
    const r = await awsCli(srv.url, creds, [...args, '--output', 'json']);
    assert.equal(r.code, 0, r.stderr);
    return r.stdout.trim() === '' ? {} : (JSON.parse(r.stdout) as Record<string, any>);
  };
  const cliFails = async (creds: Creds, ...args: string[]) => {
    const r = await awsCli(srv.url, creds, args);
    assert.notEqual(r.code, 0);
    return r.stderr;
  };

  before(async () => {
    srv = await startTestServer({ dev: true, clock });
    await cli(devCreds, 'iam', 'create-user', '--user-name', 'alice');
    const key = (await cli(devCreds, 'iam', 'create-access-key', '--user-name', 'alice')).AccessKey;
    alice = { accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey };
    const allowAssume = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: roleArn }] });
    await cli(devCreds, 'iam', 'put-user-policy', '--user-name', 'alice', '--policy-name', 'assume-deployer', '--policy-document', allowAssume);
    const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: devAccount }, Action: 'sts:AssumeRole' }] });
    await cli(devCreds, 'iam', 'create-role', '--role-name', 'deployer', '--assume-role-policy-document', trust);
  });
  after(() => srv.dispose());

  test('get-user-policy and get-role print the documents decoded, as AWS returns them URL-encoded', async () => {
    const p = await cli(devCreds, 'iam', 'get-user-policy', '--user-name', 'alice', '--policy-name', 'assume-deployer');
    assert.deepEqual(p.PolicyDocument.Statement[0].Resource, roleArn);
    const r = await cli(devCreds, 'iam', 'get-role', '--role-name', 'deployer');
    assert.deepEqual(r.Role.AssumeRolePolicyDocument.Statement[0].Principal, { AWS: devAccount });
    assert.equal(r.Role.MaxSessionDuration, 3600);
  });

  test('aws sts assume-role gives credentials that get-caller-identity accepts with their session token', async () => {
    const out = await cli(alice, 'sts', 'assume-role', '--role-arn', roleArn, '--role-session-name', 'cli-session');
    assert.equal(out.AssumedRoleUser.Arn, `arn:aws:sts::${devAccount}:assumed-role/deployer/cli-session`);
    const c = out.Credentials;
    const id = await cli({ accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken }, 'sts', 'get-caller-identity');
    assert.deepEqual(id, { UserId: out.AssumedRoleUser.AssumedRoleId, Account: devAccount, Arn: out.AssumedRoleUser.Arn });
  });

  test('a call no policy of the user allows shows AWS’s denial, and works once put-user-policy allows it', async () => {
    const stderr = await cliFails(alice, 'logs', 'describe-log-groups');
    assert.match(stderr, /An error occurred \(AccessDeniedException\) when calling the DescribeLogGroups operation/);
    assert.ok(
      stderr.includes(
        `User: arn:aws:iam::${devAccount}:user/alice is not authorized to perform: logs:DescribeLogGroups on resource: arn:aws:logs:us-east-1:${devAccount}:log-group::log-stream: because no identity-based policy allows the logs:DescribeLogGroups action`,
      ),
      stderr,
    );
    const allowDescribe = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'logs:Describe*', Resource: '*' }] });
    await cli(devCreds, 'iam', 'put-user-policy', '--user-name', 'alice', '--policy-name', 'describe-logs', '--policy-document', allowDescribe);
    assert.deepEqual((await cli(alice, 'logs', 'describe-log-groups')).logGroups, []);
  });

  test('a role session has only its role’s permissions: IAM refuses it with AccessDenied and AWS’s message', async () => {
    const c = (await cli(alice, 'sts', 'assume-role', '--role-arn', roleArn, '--role-session-name', 'reader')).Credentials;
    const session = { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
    const stderr = await cliFails(session, 'iam', 'list-users');
    assert.match(stderr, /An error occurred \(AccessDenied\) when calling the ListUsers operation/);
    assert.ok(
      stderr.includes(
        `User: arn:aws:sts::${devAccount}:assumed-role/deployer/reader is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::${devAccount}:user/ because no identity-based policy allows the iam:ListUsers action`,
      ),
      stderr,
    );
  });

  test('a MalformedPolicyDocument is reported with IAM’s message', async () => {
    const stderr = await cliFails(devCreds, 'iam', 'put-user-policy', '--user-name', 'alice', '--policy-name', 'bad', '--policy-document', '{"Statement": []}');
    assert.match(stderr, /MalformedPolicyDocument/);
    assert.match(stderr, /Syntax errors in policy\./);
  });

  test('an access key made Inactive is refused with InvalidClientTokenId', async () => {
    await cli(devCreds, 'iam', 'create-user', '--user-name', 'bob');
    const k = (await cli(devCreds, 'iam', 'create-access-key', '--user-name', 'bob')).AccessKey;
    const bob = { accessKeyId: k.AccessKeyId, secretAccessKey: k.SecretAccessKey };
    assert.equal((await cli(bob, 'sts', 'get-caller-identity')).Arn, `arn:aws:iam::${devAccount}:user/bob`);
    await cli(devCreds, 'iam', 'update-access-key', '--user-name', 'bob', '--access-key-id', k.AccessKeyId, '--status', 'Inactive');
    const stderr = await cliFails(bob, 'sts', 'get-caller-identity');
    assert.match(stderr, /InvalidClientTokenId/);
    assert.match(stderr, /The security token included in the request is invalid/);
  });

  test('an expired session is refused with ExpiredToken', async () => {
    // The CLI signs with the real time and the server allows 15 minutes of skew, the shortest session's length:
    // issue the session 10 minutes "ago", then move 16 minutes on, so the token is expired and the signature is not.
    clock.advance(-600_000);
    const c = (await cli(alice, 'sts', 'assume-role', '--role-arn', roleArn, '--role-session-name', 'short', '--duration-seconds', '900')).Credentials;
    clock.advance(960_000);
    const stderr = await cliFails({ accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken }, 'sts', 'get-caller-identity');
    assert.match(stderr, /ExpiredToken/);
    assert.match(stderr, /The security token included in the request is expired/);
  });
});
