import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateRoleCommand, ListRoleTagsCommand, TagRoleCommand } from '@aws-sdk/client-iam';
import { rejectsWith, startIam, trustDoc, type IamTestEnv } from './iamFixtures.js';

describe('TagRole', () => {
  let env: IamTestEnv;
  before(async () => {
    env = await startIam();
    await env.iam.send(new CreateRoleCommand({ RoleName: 'app', AssumeRolePolicyDocument: trustDoc({ Service: 'ec2.amazonaws.com' }) }));
  });
  after(() => env.dispose());

  describe('validation', () => {
    test('returns InvalidInput for duplicate keys differing only in case', async () => {
      await rejectsWith(
        env.iam.send(new TagRoleCommand({ RoleName: 'app', Tags: [{ Key: 'somekey', Value: 'a' }, { Key: 'SOMEKEY', Value: 'b' }] })),
        'InvalidInput',
        'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
        400,
      );
    });

    test('returns the model’s ValidationError for more than 50 tags in one request', async () => {
      const tags = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
      await assert.rejects(env.iam.send(new TagRoleCommand({ RoleName: 'app', Tags: tags })), { name: 'ValidationError' });
    });
  });

  describe('behaviour', () => {
    test('adds tags and updates existing values', async () => {
      await env.iam.send(new TagRoleCommand({ RoleName: 'app', Tags: [{ Key: 'somekey', Value: 'somevalue' }, { Key: 'someotherkey', Value: 'someothervalue' }] }));
      await env.iam.send(new TagRoleCommand({ RoleName: 'app', Tags: [{ Key: 'somekey', Value: 'updatedvalue' }] }));
      assert.deepEqual((await env.iam.send(new ListRoleTagsCommand({ RoleName: 'app' }))).Tags, [
        { Key: 'somekey', Value: 'updatedvalue' },
        { Key: 'someotherkey', Value: 'someothervalue' },
      ]);
    });

    test('returns NoSuchEntity for an unknown role', async () => {
      await rejectsWith(
        env.iam.send(new TagRoleCommand({ RoleName: 'test-nonexistent-role', Tags: [{ Key: 'a', Value: 'b' }] })),
        'NoSuchEntity',
        'The role with name test-nonexistent-role cannot be found.',
      );
    });
  });
});
