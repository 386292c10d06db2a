import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DeleteAccessKeyCommand, ListAccessKeysCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { allowSelf, rejectsWith, startIam, userWithKey, type IamTestEnv } from './iamFixtures.js';

describe('DeleteAccessKey', () => {
  let env: IamTestEnv;
  before(async () => {
    env = await startIam();
  });
  after(() => env.dispose());

  describe('behaviour', () => {
    test('deletes the key, which SigV4 then refuses', async () => {
      const creds = await userWithKey(env.iam, 'alice');
      await env.sts(creds).send(new GetCallerIdentityCommand({}));
      await env.iam.send(new DeleteAccessKeyCommand({ UserName: 'alice', AccessKeyId: creds.accessKeyId }));
      assert.deepEqual((await env.iam.send(new ListAccessKeysCommand({ UserName: 'alice' }))).AccessKeyMetadata, []);
      await rejectsWith(env.sts(creds).send(new GetCallerIdentityCommand({})), 'InvalidClientTokenId', 'The security token included in the request is invalid.');
    });

    test('without a name, a user deletes its own key', async () => {
      const creds = await userWithKey(env.iam, 'self');
      await allowSelf(env.iam, 'self', 'iam:DeleteAccessKey');
      await env.iamAs(creds).send(new DeleteAccessKeyCommand({ AccessKeyId: creds.accessKeyId }));
      assert.deepEqual((await env.iam.send(new ListAccessKeysCommand({ UserName: 'self' }))).AccessKeyMetadata, []);
    });

    test('returns NoSuchEntity for an unknown key', async () => {
      await userWithKey(env.iam, 'bob');
      await rejectsWith(
        env.iam.send(new DeleteAccessKeyCommand({ UserName: 'bob', AccessKeyId: 'AKIAIOSFODNN7EXAMPLE' })),
        'NoSuchEntity',
        'The Access Key with id AKIAIOSFODNN7EXAMPLE cannot be found.',
        404,
      );
    });
  });
});
