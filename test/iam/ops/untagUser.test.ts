import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateUserCommand, ListUserTagsCommand, UntagUserCommand } from '@aws-sdk/client-iam';
import { rejectsWith, startIam, type IamTestEnv } from './iamFixtures.js';

describe('UntagUser', () => {
  let env: IamTestEnv;
  before(async () => {
    env = await startIam();
    await env.iam.send(new CreateUserCommand({ UserName: 'tagged', Tags: [{ Key: 'key-1', Value: 'value-1' }, { Key: 'key-2', Value: 'value-2' }] }));
  });
  after(() => env.dispose());

  describe('behaviour', () => {
    test('removes the named keys, in any case, and ignores keys the user does not have', async () => {
      await env.iam.send(new UntagUserCommand({ UserName: 'tagged', TagKeys: ['KEY-2', 'absent'] }));
      assert.deepEqual((await env.iam.send(new ListUserTagsCommand({ UserName: 'tagged' }))).Tags, [{ Key: 'key-1', Value: 'value-1' }]);
    });

    test('returns NoSuchEntity for an unknown user', async () => {
      await rejectsWith(env.iam.send(new UntagUserCommand({ UserName: 'nonexistent-user', TagKeys: ['a'] })), 'NoSuchEntity', 'The user with name nonexistent-user cannot be found.');
    });
  });
});
