import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateRoleCommand, CreateUserCommand, GetUserCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { ACCOUNT, allowSelf, rejectsWith, startIam, trustDoc, userWithKey, type IamTestEnv } from './iamFixtures.js';

describe('GetUser', () => {
  let env: IamTestEnv;
  before(async () => {
    env = await startIam();
    await env.iam.send(new CreateUserCommand({ UserName: 'alice', Tags: [{ Key: 'z', Value: '1' }, { Key: 'a', Value: '2' }] }));
  });
  after(() => env.dispose());

  describe('serialization', () => {
    test('returns the user with its tags ordered by key', async () => {
      const u = (await env.iam.send(new GetUserCommand({ UserName: 'alice' }))).User!;
      assert.equal(u.Arn, `arn:aws:iam::${ACCOUNT}:user/alice`);
      assert.deepEqual(u.Tags, [
        { Key: 'a', Value: '2' },
        { Key: 'z', Value: '1' },
      ]);
    });
  });

  describe('behaviour', () => {
    test('finds the user whatever the case of the name', async () => {
      assert.equal((await env.iam.send(new GetUserCommand({ UserName: 'ALICE' }))).User!.UserName, 'alice');
    });

    test('returns NoSuchEntity for an unknown user', async () => {
      await rejectsWith(env.iam.send(new GetUserCommand({ UserName: 'nobody' })), 'NoSuchEntity', 'The user with name nobody cannot be found.', 404);
    });

    test('without a name, describes the calling user', async () => {
      const creds = await userWithKey(env.iam, 'self');
      await allowSelf(env.iam, 'self', 'iam:GetUser');
      const u = (await env.iamAs(creds).send(new GetUserCommand({}))).User!;
      assert.equal(u.UserName, 'self');
    });

    test('without a name, describes the account root to the root', async () => {
      const u = (await env.iam.send(new GetUserCommand({}))).User!;
      assert.equal(u.Arn, `arn:aws:iam::${ACCOUNT}:root`);
      assert.equal(u.UserId, ACCOUNT);
      assert.equal(u.UserName, undefined);
    });

    test('without a name, a role session gets ValidationError', async () => {
      await env.iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trustDoc({ AWS: ACCOUNT }) }));
      const c = (await env.sts().send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/r`, RoleSessionName: 'ss' }))).Credentials!;
      const asRole = env.iamAs({ accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! });
      await rejectsWith(asRole.send(new GetUserCommand({})), 'ValidationError', 'Must specify userName when calling with non-User credentials', 400);
    });
  });
});
