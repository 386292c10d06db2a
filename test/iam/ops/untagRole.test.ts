import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateRoleCommand, ListRoleTagsCommand, UntagRoleCommand } from '@aws-sdk/client-iam';
import { rejectsWith, startIam, trustDoc, type IamTestEnv } from './iamFixtures.js';

describe('UntagRole', () => {
  let env: IamTestEnv;
  before(async () => {
    env = await startIam();
    await env.iam.send(
      new CreateRoleCommand({ RoleName: 'app', AssumeRolePolicyDocument: trustDoc({ Service: 'ec2.amazonaws.com' }), Tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }] }),
    );
  });
  after(() => env.dispose());

  describe('behaviour', () => {
    test('removes the named keys', async () => {
      await env.iam.send(new UntagRoleCommand({ RoleName: 'app', TagKeys: ['a'] }));
      assert.deepEqual((await env.iam.send(new ListRoleTagsCommand({ RoleName: 'app' }))).Tags, [{ Key: 'b', Value: '2' }]);
    });

    test('returns NoSuchEntity for an unknown role', async () => {
      await rejectsWith(env.iam.send(new UntagRoleCommand({ RoleName: 'test-nonexistent-role', TagKeys: ['a'] })), 'NoSuchEntity', 'The role with name test-nonexistent-role cannot be found.');
    });
  });
});
