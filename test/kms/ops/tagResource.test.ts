import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ListResourceTagsCommand, PutKeyPolicyCommand, ScheduleKeyDeletionCommand, TagResourceCommand, type Tag } from '@aws-sdk/client-kms';
import { devAccount } from '../../helpers/server.js';
import { rejects } from '../helpers.js';
import { startKms, type KmsFixture } from './lifecycleFixtures.js';

const tags = (n: number, prefix = 'k'): Tag[] => Array.from({ length: n }, (_, i) => ({ TagKey: `${prefix}${i}`, TagValue: `v${i}` }));

describe('TagResource', () => {
  let f: KmsFixture;
  before(async () => {
    f = await startKms();
  });
  after(() => f.dispose());

  const tagsOf = async (keyId: string) => (await f.kms.send(new ListResourceTagsCommand({ KeyId: keyId }))).Tags;

  describe('serialization', () => {
    test('answers with an empty body and ListResourceTags shows the tags', async () => {
      const key = await f.createKey();
      const out = await f.kms.send(new TagResourceCommand({ KeyId: key.Arn, Tags: [{ TagKey: 'team', TagValue: 'ops' }] }));
      assert.equal(out.$metadata.httpStatusCode, 200);
      assert.deepEqual(await tagsOf(key.KeyId!), [{ TagKey: 'team', TagValue: 'ops' }]);
    });
  });

  describe('validation', () => {
    test('returns TagException for duplicate tag keys in one request', async () => {
      const key = await f.createKey();
      const dup = [
        { TagKey: 'tag1', TagValue: 'value1' },
        { TagKey: 'tag1', TagValue: 'another-value1' },
      ];
      await rejects(f.kms.send(new TagResourceCommand({ KeyId: key.KeyId, Tags: dup })), 'TagException', 'Duplicate tag keys');
    });

    test('returns TagException for a tag key beginning with aws:, in any case', async () => {
      const key = await f.createKey();
      for (const k of ['aws:key1', 'AWS:key1']) {
        await rejects(
          f.kms.send(new TagResourceCommand({ KeyId: key.KeyId, Tags: [{ TagKey: k, TagValue: 'v' }] })),
          'TagException',
          'Tags beginning with aws: are reserved',
        );
      }
    });

    test('returns TagException when the key would have more than 50 tags', async () => {
      const key = await f.createKey({ Tags: tags(30) });
      await rejects(f.kms.send(new TagResourceCommand({ KeyId: key.KeyId, Tags: tags(21, 'n') })), 'TagException', 'Too many tags');
      assert.equal((await tagsOf(key.KeyId!))!.length, 30, 'nothing was added');
    });

    test('returns the model ValidationException for a tag value over 256 characters', async () => {
      const key = await f.createKey();
      await rejects(
        f.kms.send(new TagResourceCommand({ KeyId: key.KeyId, Tags: [{ TagKey: 'tag1', TagValue: 'v'.repeat(257) }] })),
        'ValidationException',
        "1 validation error detected: Value 'vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv' at 'tags.1.member.tagValue' failed to satisfy constraint: Member must have length less than or equal to 256",
      );
    });

    test('returns NotFoundException for an unknown key', async () => {
      const id = '11111111-2222-3333-4444-555555555555';
      await rejects(
        f.kms.send(new TagResourceCommand({ KeyId: id, Tags: tags(1) })),
        'NotFoundException',
        `Key 'arn:aws:kms:us-east-1:${devAccount}:key/${id}' does not exist`,
      );
    });
  });

  describe('behaviour', () => {
    test('replaces the value of an existing tag key and adds new ones after the existing tags', async () => {
      const key = await f.createKey({ Tags: [{ TagKey: 'tag1', TagValue: 'value1' }, { TagKey: 'tag2', TagValue: 'value2' }] });
      await f.kms.send(new TagResourceCommand({ KeyId: key.KeyId, Tags: [{ TagKey: 'tag4', TagValue: 'value4' }, { TagKey: 'tag2', TagValue: 'updated' }] }));
      assert.deepEqual(await tagsOf(key.KeyId!), [
        { TagKey: 'tag1', TagValue: 'value1' },
        { TagKey: 'tag2', TagValue: 'updated' },
        { TagKey: 'tag4', TagValue: 'value4' },
      ]);
    });

    test('allows exactly 50 tags and an empty tag value', async () => {
      const key = await f.createKey({ Tags: tags(49) });
      await f.kms.send(new TagResourceCommand({ KeyId: key.KeyId, Tags: [{ TagKey: 'last', TagValue: '' }] }));
      const all = (await tagsOf(key.KeyId!))!;
      assert.equal(all.length, 50);
      assert.deepEqual(all.at(-1), { TagKey: 'last', TagValue: '' });
    });

    test('returns KMSInvalidStateException while the key is pending deletion', async () => {
      const key = await f.createKey();
      await f.kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
      await rejects(f.kms.send(new TagResourceCommand({ KeyId: key.KeyId, Tags: tags(1) })), 'KMSInvalidStateException', `${key.Arn} is pending deletion.`);
    });

    test('authorizes with aws:RequestTag and aws:TagKeys: a policy denying a tag key refuses it', async () => {
      const key = await f.createKey();
      const policy = JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${devAccount}:root` }, Action: 'kms:*', Resource: '*' },
          {
            Effect: 'Deny',
            Principal: '*',
            Action: 'kms:TagResource',
            Resource: '*',
            Condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['owner'] } },
          },
        ],
      });
      await f.kms.send(new PutKeyPolicyCommand({ KeyId: key.KeyId, Policy: policy }));
      await f.kms.send(new TagResourceCommand({ KeyId: key.KeyId, Tags: [{ TagKey: 'team', TagValue: 'a' }] }));
      await rejects(
        f.kms.send(new TagResourceCommand({ KeyId: key.KeyId, Tags: [{ TagKey: 'owner', TagValue: 'me' }] })),
        'AccessDeniedException',
        `User: arn:aws:iam::${devAccount}:root is not authorized to perform: kms:TagResource on resource: ${key.Arn} with an explicit deny in a resource-based policy`,
      );
    });
  });
});
