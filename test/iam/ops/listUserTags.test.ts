import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateUserCommand, ListUserTagsCommand } from '@aws-sdk/client-iam';
import { rejectsWith, startIam, type IamTestEnv } from './iamFixtures.js';

describe('ListUserTags', () => {
  let env: IamTestEnv;
  before(async () => {
    env = await startIam();
    await env.iam.send(new CreateUserCommand({ UserName: 'tagged', Tags: [{ Key: 'b', Value: '2' }, { Key: 'a', Value: '1' }, { Key: 'c', Value: '' }] }));
    await env.iam.send(new CreateUserCommand({ UserName: 'bare' }));
  });
  after(() => env.dispose());

  describe('serialization', () => {
    test('lists tags ordered by key, empty values included', async () => {
      const out = await env.iam.send(new ListUserTagsCommand({ UserName: 'tagged' }));
      assert.deepEqual(out.Tags, [
        { Key: 'a', Value: '1' },
        { Key: 'b', Value: '2' },
        { Key: 'c', Value: '' },
      ]);
      assert.equal(out.IsTruncated, false);
    });

    test('an untagged user has an empty list', async () => {
      assert.deepEqual((await env.iam.send(new ListUserTagsCommand({ UserName: 'bare' }))).Tags, []);
    });
  });

  describe('behaviour', () => {
    test('pages with MaxItems and Marker', async () => {
      const first = await env.iam.send(new ListUserTagsCommand({ UserName: 'tagged', MaxItems: 2 }));
      assert.deepEqual(first.Tags!.map((t) => t.Key), ['a', 'b']);
      assert.equal(first.IsTruncated, true);
      const second = await env.iam.send(new ListUserTagsCommand({ UserName: 'tagged', MaxItems: 2, Marker: first.Marker }));
      assert.deepEqual(second.Tags!.map((t) => t.Key), ['c']);
      assert.equal(second.IsTruncated, false);
    });

    test('returns NoSuchEntity for an unknown user', async () => {
      await rejectsWith(env.iam.send(new ListUserTagsCommand({ UserName: 'nonexistent-user' })), 'NoSuchEntity', 'The user with name nonexistent-user cannot be found.');
    });
  });
});
