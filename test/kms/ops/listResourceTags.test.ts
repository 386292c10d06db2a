import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ListResourceTagsCommand, ScheduleKeyDeletionCommand, type Tag } from '@aws-sdk/client-kms';
import { devAccount } from '../../helpers/server.js';
import { rejects } from '../helpers.js';
import { startKms, type KmsFixture } from './lifecycleFixtures.js';

const tags = (n: number): Tag[] => Array.from({ length: n }, (_, i) => ({ TagKey: `key${i}`, TagValue: `value${i}` }));

describe('ListResourceTags', () => {
  let f: KmsFixture;
  before(async () => {
    f = await startKms();
  });
  after(() => f.dispose());

  describe('serialization', () => {
    test('returns Tags and Truncated false; a key without tags has an empty list', async () => {
      const key = await f.createKey({ Tags: tags(2) });
      const out = await f.kms.send(new ListResourceTagsCommand({ KeyId: key.KeyId }));
      assert.deepEqual(out.Tags, tags(2));
      assert.equal(out.Truncated, false);
      assert.equal(out.NextMarker, undefined);
      const bare = await f.createKey();
      assert.deepEqual((await f.kms.send(new ListResourceTagsCommand({ KeyId: bare.Arn }))).Tags, []);
    });
  });

  describe('validation', () => {
    test('returns InvalidMarkerException for a marker it did not issue', async () => {
      const key = await f.createKey({ Tags: tags(3) });
      await rejects(f.kms.send(new ListResourceTagsCommand({ KeyId: key.KeyId, Marker: 'bogus' })), 'InvalidMarkerException', 'Invalid marker');
    });

    test("returns NotFoundException for another account's key named by its ARN", async () => {
      const other = await f.otherAccount();
      const theirs = await f.createKey({}, f.client({ creds: other }));
      await rejects(f.kms.send(new ListResourceTagsCommand({ KeyId: theirs.Arn })), 'NotFoundException', `Key '${theirs.Arn}' does not exist`);
    });

    test('returns NotFoundException for an unknown key', async () => {
      const id = '11111111-2222-3333-4444-555555555555';
      await rejects(
        f.kms.send(new ListResourceTagsCommand({ KeyId: id })),
        'NotFoundException',
        `Key 'arn:aws:kms:us-east-1:${devAccount}:key/${id}' does not exist`,
      );
    });
  });

  describe('behaviour', () => {
    test('pages with Limit and NextMarker through every tag once', async () => {
      const key = await f.createKey({ Tags: tags(5) });
      const first = await f.kms.send(new ListResourceTagsCommand({ KeyId: key.KeyId, Limit: 2 }));
      assert.equal(first.Truncated, true);
      assert.deepEqual(first.Tags, tags(5).slice(0, 2));
      const seen = [...first.Tags!];
      let marker = first.NextMarker;
      while (marker) {
        const page = await f.kms.send(new ListResourceTagsCommand({ KeyId: key.KeyId, Limit: 2, Marker: marker }));
        seen.push(...page.Tags!);
        marker = page.NextMarker;
      }
      assert.deepEqual(seen, tags(5));
    });

    test('returns at most 50 tags per page even with a larger Limit', async () => {
      const key = await f.createKey({ Tags: tags(50) });
      const out = await f.kms.send(new ListResourceTagsCommand({ KeyId: key.KeyId, Limit: 1000 }));
      assert.equal(out.Tags!.length, 50);
      assert.equal(out.Truncated, false);
    });

    test('works on a key pending deletion', async () => {
      const key = await f.createKey({ Tags: tags(1) });
      await f.kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
      assert.deepEqual((await f.kms.send(new ListResourceTagsCommand({ KeyId: key.KeyId }))).Tags, tags(1));
    });
  });
});
