import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateUserCommand, GetUserCommand, ListAccessKeysCommand, PutUserPolicyCommand, UpdateUserCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { ACCOUNT, allowDoc, rejectsWith, startIam, userWithKey, type IamTestEnv } from './iamFixtures.js';

describe('UpdateUser', () => {
  let env: IamTestEnv;
  before(async () => {
    env = await startIam();
  });
  after(() => env.dispose());

  describe('behaviour', () => {
    test('renames and moves a user, keeping its id, policies and access keys', async () => {
      const creds = await userWithKey(env.iam, 'old-name');
      const before = (await env.iam.send(new GetUserCommand({ UserName: 'old-name' }))).User!;
      await env.iam.send(new PutUserPolicyCommand({ UserName: 'old-name', PolicyName: 'p', PolicyDocument: allowDoc() }));
      // Signing once first caches the key with the old ARN; the rename must replace it.
      await env.sts(creds).send(new GetCallerIdentityCommand({}));

      await env.iam.send(new UpdateUserCommand({ UserName: 'old-name', NewUserName: 'new-name', NewPath: '/moved/' }));
      const after = (await env.iam.send(new GetUserCommand({ UserName: 'new-name' }))).User!;
      assert.equal(after.UserId, before.UserId);
      assert.equal(after.Arn, `arn:aws:iam::${ACCOUNT}:user/moved/new-name`);
      await rejectsWith(env.iam.send(new GetUserCommand({ UserName: 'old-name' })), 'NoSuchEntity', 'The user with name old-name cannot be found.');

      const keys = await env.iam.send(new ListAccessKeysCommand({ UserName: 'new-name' }));
      assert.deepEqual(
        keys.AccessKeyMetadata!.map((k) => [k.AccessKeyId, k.UserName]),
        [[creds.accessKeyId, 'new-name']],
      );
      const id = await env.sts(creds).send(new GetCallerIdentityCommand({}));
      assert.equal(id.Arn, `arn:aws:iam::${ACCOUNT}:user/moved/new-name`);
      assert.equal(id.UserId, before.UserId);
    });

    test('returns EntityAlreadyExists when the new name is taken', async () => {
      await env.iam.send(new CreateUserCommand({ UserName: 'u1' }));
      await env.iam.send(new CreateUserCommand({ UserName: 'u2' }));
      await rejectsWith(env.iam.send(new UpdateUserCommand({ UserName: 'u1', NewUserName: 'U2' })), 'EntityAlreadyExists', 'User with name U2 already exists.', 409);
    });

    test('returns NoSuchEntity for an unknown user', async () => {
      await rejectsWith(
        env.iam.send(new UpdateUserCommand({ UserName: 'nonexistent-user', NewUserName: 'x' })),
        'NoSuchEntity',
        'The user with name nonexistent-user cannot be found.',
        404,
      );
    });
  });
});
