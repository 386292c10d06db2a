import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ListResourceTagsCommand, PutKeyPolicyCommand, ScheduleKeyDeletionCommand, UntagResourceCommand } from '@aws-sdk/client-kms';
import { devAccount } from '../../helpers/server.js';
import { rejects } from '../helpers.js';
import { policyAllowing, startKms, type KmsFixture } from './lifecycleFixtures.js';

const three = [
  { TagKey: 'tag1', TagValue: 'value1' },
  { TagKey: 'tag2', TagValue: 'value2' },
  { TagKey: 'tag3', TagValue: 'value3' },
];

describe('UntagResource', () => {
  let f: KmsFixture;
  before(async () => {
    f = await startKms();
  });
  after(() => f.dispose());

  const tagsOf = async (keyId: string) => (await f.kms.send(new ListResourceTagsCommand({ KeyId: keyId }))).Tags;

  describe('serialization', () => {
    test('answers with an empty body and removes only the named tags', async () => {
      const key = await f.createKey({ Tags: three });
      const out = await f.kms.send(new UntagResourceCommand({ KeyId: key.Arn, TagKeys: ['tag2'] }));
      assert.equal(out.$metadata.httpStatusCode, 200);
      assert.deepEqual(await tagsOf(key.KeyId!), [three[0], three[2]]);
    });
  });

  describe('validation', () => {
    test('returns NotFoundException for an unknown key', async () => {
      const id = '11111111-2222-3333-4444-555555555555';
      await rejects(
        f.kms.send(new UntagResourceCommand({ KeyId: id, TagKeys: ['a'] })),
        'NotFoundException',
        `Key 'arn:aws:kms:us-east-1:${devAccount}:key/${id}' does not exist`,
      );
    });
  });

  describe('behaviour', () => {
    test('removing every tag leaves an empty list, and naming a missing tag is not an error', async () => {
      const key = await f.createKey({ Tags: three });
      await f.kms.send(new UntagResourceCommand({ KeyId: key.KeyId, TagKeys: ['tag1', 'tag2', 'tag3', 'absent'] }));
      assert.deepEqual(await tagsOf(key.KeyId!), []);
    });

    test('tag keys are case-sensitive', async () => {
      const key = await f.createKey({ Tags: three });
      await f.kms.send(new UntagResourceCommand({ KeyId: key.KeyId, TagKeys: ['TAG1'] }));
      assert.equal((await tagsOf(key.KeyId!))!.length, 3);
    });

    test('returns KMSInvalidStateException while the key is pending deletion', async () => {
      const key = await f.createKey({ Tags: three });
      await f.kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
      await rejects(f.kms.send(new UntagResourceCommand({ KeyId: key.KeyId, TagKeys: ['tag1'] })), 'KMSInvalidStateException', `${key.Arn} is pending deletion.`);
    });

    test('returns AccessDeniedException when the key policy does not allow kms:UntagResource', async () => {
      const key = await f.createKey({ Tags: three });
      const policy = policyAllowing(devAccount, ['kms:ListResourceTags', 'kms:TagResource']);
      await f.kms.send(new PutKeyPolicyCommand({ KeyId: key.KeyId, Policy: policy, BypassPolicyLockoutSafetyCheck: true }));
      await rejects(
        f.kms.send(new UntagResourceCommand({ KeyId: key.KeyId, TagKeys: ['tag1'] })),
        'AccessDeniedException',
        `User: arn:aws:iam::${devAccount}:root is not authorized to perform: kms:UntagResource on resource: ${key.Arn} because no resource-based policy allows the kms:UntagResource action`,
      );
      assert.equal((await tagsOf(key.KeyId!))!.length, 3);
    });
  });
});
