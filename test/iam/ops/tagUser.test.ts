import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateUserCommand, ListUserTagsCommand, TagUserCommand } from '@aws-sdk/client-iam';
import { rejectsWith, startIam, type IamTestEnv } from './iamFixtures.js';

describe('TagUser', () => {
  let env: IamTestEnv;
  before(async () => {
    env = await startIam();
    await env.iam.send(new CreateUserCommand({ UserName: 'tagged', Tags: [{ Key: 'env', Value: 'dev' }] }));
  });
  after(() => env.dispose());

  describe('validation', () => {
    test('returns InvalidInput for duplicate keys in one request', async () => {
      await rejectsWith(
        env.iam.send(new TagUserCommand({ UserName: 'tagged', Tags: [{ Key: 'a', Value: '1' }, { Key: 'A', Value: '2' }] })),
        'InvalidInput',
        'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
      );
    });
  });

  describe('behaviour', () => {
    test('adds tags and overwrites the value of an existing key, matching its case-insensitively', async () => {
      await env.iam.send(new TagUserCommand({ UserName: 'tagged', Tags: [{ Key: 'team', Value: 'blue' }, { Key: 'ENV', Value: 'prod' }] }));
      const { Tags } = await env.iam.send(new ListUserTagsCommand({ UserName: 'tagged' }));
      assert.deepEqual(Tags, [
        { Key: 'ENV', Value: 'prod' },
        { Key: 'team', Value: 'blue' },
      ]);
    });

    test('returns LimitExceeded past 50 tags in all', async () => {
      const tags = Array.from({ length: 49 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
      await env.iam.send(new CreateUserCommand({ UserName: 'many', Tags: tags }));
      await env.iam.send(new TagUserCommand({ UserName: 'many', Tags: [{ Key: 'k0', Value: 'replaced' }, { Key: 'fiftieth', Value: 'v' }] }));
      await rejectsWith(env.iam.send(new TagUserCommand({ UserName: 'many', Tags: [{ Key: 'one-more', Value: 'v' }] })), 'LimitExceeded', 'Cannot exceed quota for TagsPerUser: 50', 409);
    });

    test('returns NoSuchEntity for an unknown user', async () => {
      await rejectsWith(
        env.iam.send(new TagUserCommand({ UserName: 'nonexistent-user', Tags: [{ Key: 'a', Value: 'b' }] })),
        'NoSuchEntity',
        'The user with name nonexistent-user cannot be found.',
      );
    });
  });
});
