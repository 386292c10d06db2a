import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateRoleCommand, ListRoleTagsCommand } from '@aws-sdk/client-iam';
import { rejectsWith, startIam, trustDoc, type IamTestEnv } from './iamFixtures.js';

describe('ListRoleTags', () => {
  let env: IamTestEnv;
  before(async () => {
    env = await startIam();
    await env.iam.send(
      new CreateRoleCommand({ RoleName: 'app', AssumeRolePolicyDocument: trustDoc({ Service: 'ec2.amazonaws.com' }), Tags: [{ Key: 'emptykey', Value: '' }, { Key: 'a', Value: 'x' }] }),
    );
  });
  after(() => env.dispose());

  describe('serialization', () => {
    test('lists tags by key, keeping empty values', async () => {
      const out = await env.iam.send(new ListRoleTagsCommand({ RoleName: 'app' }));
      assert.deepEqual(out.Tags, [
        { Key: 'a', Value: 'x' },
        { Key: 'emptykey', Value: '' },
      ]);
      assert.equal(out.IsTruncated, false);
    });
  });

  describe('behaviour', () => {
    test('pages with MaxItems', async () => {
      const first = await env.iam.send(new ListRoleTagsCommand({ RoleName: 'app', MaxItems: 1 }));
      assert.equal(first.IsTruncated, true);
      const rest = await env.iam.send(new ListRoleTagsCommand({ RoleName: 'app', Marker: first.Marker }));
      assert.deepEqual(rest.Tags, [{ Key: 'emptykey', Value: '' }]);
    });

    test('returns NoSuchEntity for an unknown role', async () => {
      await rejectsWith(env.iam.send(new ListRoleTagsCommand({ RoleName: 'test-nonexistent-role' })), 'NoSuchEntity', 'The role with name test-nonexistent-role cannot be found.');
    });
  });
});
