import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateUserCommand, ListAccessKeysCommand, UpdateAccessKeyCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { Creds } from '../../helpers/server.js';
import { rejectsWith, startIam, userWithKey, type IamTestEnv } from './iamFixtures.js';

describe('UpdateAccessKey', () => {
  let env: IamTestEnv;
  let alice: Creds;
  before(async () => {
    env = await startIam();
    alice = await userWithKey(env.iam, 'alice');
    await env.iam.send(new CreateUserCommand({ UserName: 'bob' }));
  });
  after(() => env.dispose());

  describe('validation', () => {
    test('returns ValidationError for the Expired status, which access keys do not have', async () => {
      await rejectsWith(
        env.iam.send(new UpdateAccessKeyCommand({ UserName: 'alice', AccessKeyId: alice.accessKeyId, Status: 'Expired' })),
        'ValidationError',
        "1 validation error detected: Value 'Expired' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]",
      );
    });
  });

  describe('behaviour', () => {
    test('an Inactive key is refused by SigV4 at once, and works again once Active', async () => {
      const sts = env.sts(alice);
      await sts.send(new GetCallerIdentityCommand({}));
      await env.iam.send(new UpdateAccessKeyCommand({ UserName: 'alice', AccessKeyId: alice.accessKeyId, Status: 'Inactive' }));
      assert.equal((await env.iam.send(new ListAccessKeysCommand({ UserName: 'alice' }))).AccessKeyMetadata![0]!.Status, 'Inactive');
      await rejectsWith(sts.send(new GetCallerIdentityCommand({})), 'InvalidClientTokenId', 'The security token included in the request is invalid.', 403);
      await env.iam.send(new UpdateAccessKeyCommand({ UserName: 'alice', AccessKeyId: alice.accessKeyId, Status: 'Active' }));
      assert.equal((await sts.send(new GetCallerIdentityCommand({}))).UserId !== undefined, true);
    });

    test('returns NoSuchEntity for a key that does not exist or belongs to another user', async () => {
      await rejectsWith(
        env.iam.send(new UpdateAccessKeyCommand({ UserName: 'alice', AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', Status: 'Inactive' })),
        'NoSuchEntity',
        'The Access Key with id AKIAIOSFODNN7EXAMPLE cannot be found.',
        404,
      );
      await rejectsWith(
        env.iam.send(new UpdateAccessKeyCommand({ UserName: 'bob', AccessKeyId: alice.accessKeyId, Status: 'Inactive' })),
        'NoSuchEntity',
        `The Access Key with id ${alice.accessKeyId} cannot be found.`,
      );
    });
  });
});
