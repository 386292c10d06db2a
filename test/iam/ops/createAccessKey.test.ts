import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { ACCOUNT, allowSelf, rejectsWith, startIam, trustDoc, type IamTestEnv } from './iamFixtures.js';

describe('CreateAccessKey', () => {
  let env: IamTestEnv;
  before(async () => {
    env = await startIam();
    await env.iam.send(new CreateUserCommand({ UserName: 'alice' }));
  });
  after(() => env.dispose());

  describe('serialization', () => {
    test('returns an active AKIA key with its 40-character secret, the user name and date', async () => {
      const k = (await env.iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }))).AccessKey!;
      assert.match(k.AccessKeyId!, /^AKIA[A-Z0-9]{16}$/);
      assert.equal(k.SecretAccessKey!.length, 40);
      assert.equal(k.Status, 'Active');
      assert.equal(k.UserName, 'alice');
      assert.ok(k.CreateDate instanceof Date);
    });
  });

  describe('behaviour', () => {
    test('the key signs requests as the user, and its secret is not stored in plaintext', async () => {
      await env.iam.send(new CreateUserCommand({ UserName: 'signer' }));
      const k = (await env.iam.send(new CreateAccessKeyCommand({ UserName: 'signer' }))).AccessKey!;
      const id = await env.sts({ accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey! }).send(new GetCallerIdentityCommand({}));
      assert.equal(id.Arn, `arn:aws:iam::${ACCOUNT}:user/signer`);
      for (const f of readdirSync(env.srv.dataDir)) {
        assert.ok(!readFileSync(join(env.srv.dataDir, f)).includes(k.SecretAccessKey!), `secret found in ${f}`);
      }
    });

    test('without a name, a user creates a key for itself', async () => {
      await env.iam.send(new CreateUserCommand({ UserName: 'selfish' }));
      const own = (await env.iam.send(new CreateAccessKeyCommand({ UserName: 'selfish' }))).AccessKey!;
      await allowSelf(env.iam, 'selfish', 'iam:CreateAccessKey');
      const k = (await env.iamAs({ accessKeyId: own.AccessKeyId!, secretAccessKey: own.SecretAccessKey! }).send(new CreateAccessKeyCommand({}))).AccessKey!;
      assert.equal(k.UserName, 'selfish');
    });

    test('without a name, the root creates a root key, which has no user name', async () => {
      const k = (await env.iam.send(new CreateAccessKeyCommand({}))).AccessKey!;
      assert.equal(k.UserName, undefined);
      const id = await env.sts({ accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey! }).send(new GetCallerIdentityCommand({}));
      assert.equal(id.Arn, `arn:aws:iam::${ACCOUNT}:root`);
    });

    test('without a name, a role session gets ValidationError', async () => {
      await env.iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trustDoc({ AWS: ACCOUNT }) }));
      const c = (await env.sts().send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/r`, RoleSessionName: 'ss' }))).Credentials!;
      const asRole = env.iamAs({ accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! });
      await rejectsWith(asRole.send(new CreateAccessKeyCommand({})), 'ValidationError', 'Must specify userName when calling with non-User credentials');
    });

    test('returns LimitExceeded for a third key', async () => {
      await env.iam.send(new CreateUserCommand({ UserName: 'keyed' }));
      await env.iam.send(new CreateAccessKeyCommand({ UserName: 'keyed' }));
      await env.iam.send(new CreateAccessKeyCommand({ UserName: 'keyed' }));
      await rejectsWith(env.iam.send(new CreateAccessKeyCommand({ UserName: 'keyed' })), 'LimitExceeded', 'Cannot exceed quota for AccessKeysPerUser: 2', 409);
    });

    test('returns NoSuchEntity for an unknown user', async () => {
      await rejectsWith(env.iam.send(new CreateAccessKeyCommand({ UserName: 'nonexistent-user' })), 'NoSuchEntity', 'The user with name nonexistent-user cannot be found.', 404);
    });
  });
});
