import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ListKeysCommand, paginateListKeys, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { devAccount } from '../../helpers/server.js';
import { rejects } from '../helpers.js';
import { startKms, type KmsFixture } from './lifecycleFixtures.js';

describe('ListKeys', () => {
  let f: KmsFixture;
  const created: string[] = [];

  before(async () => {
    f = await startKms();
    for (let i = 0; i < 5; i++) created.push((await f.createKey({ Description: `key ${i}` })).KeyId!);
  });
  after(() => f.dispose());

  describe('serialization', () => {
    test('returns KeyId and KeyArn of each key, and Truncated false on the last page', async () => {
      const out = await f.kms.send(new ListKeysCommand({}));
      assert.equal(out.Truncated, false);
      assert.equal(out.NextMarker, undefined);
      assert.deepEqual(
        out.Keys,
        created.map((id) => ({ KeyId: id, KeyArn: `arn:aws:kms:us-east-1:${devAccount}:key/${id}` })),
      );
    });
  });

  describe('validation', () => {
    test('returns InvalidMarkerException for a marker it did not issue', async () => {
      await rejects(f.kms.send(new ListKeysCommand({ Marker: 'not-a-marker' })), 'InvalidMarkerException', 'Invalid marker');
    });

    test('returns InvalidMarkerException for a marker of another listing', async () => {
      const other = Buffer.from('tags:1').toString('base64url');
      await rejects(f.kms.send(new ListKeysCommand({ Marker: other })), 'InvalidMarkerException', 'Invalid marker');
    });

    test('returns the model ValidationException for Limit 0', async () => {
      await rejects(
        f.kms.send(new ListKeysCommand({ Limit: 0 })),
        'ValidationException',
        "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
      );
    });
  });

  describe('behaviour', () => {
    test('pages with Limit and NextMarker through every key exactly once', async () => {
      const first = await f.kms.send(new ListKeysCommand({ Limit: 2 }));
      assert.equal(first.Truncated, true);
      assert.equal(first.Keys!.length, 2);
      const seen: string[] = [];
      for await (const page of paginateListKeys({ client: f.kms, pageSize: 2 }, {})) seen.push(...page.Keys!.map((k) => k.KeyId!));
      assert.deepEqual(seen, created);
    });

    test('lists keys pending deletion', async () => {
      const key = await f.createKey();
      created.push(key.KeyId!);
      await f.kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
      const out = await f.kms.send(new ListKeysCommand({ Limit: 1000 }));
      assert.ok(out.Keys!.some((k) => k.KeyId === key.KeyId));
    });

    test('lists only the keys of the caller account and region', async () => {
      const other = await f.otherAccount();
      const theirs = await f.createKey({}, f.client({ creds: other }));
      const elsewhere = await f.createKey({}, f.client({ region: 'eu-west-1' }));
      const mine = (await f.kms.send(new ListKeysCommand({ Limit: 1000 }))).Keys!.map((k) => k.KeyId);
      assert.ok(!mine.includes(theirs.KeyId) && !mine.includes(elsewhere.KeyId));
      const listedByOther = (await f.client({ creds: other }).send(new ListKeysCommand({}))).Keys!;
      assert.deepEqual(listedByOther.map((k) => k.KeyId), [theirs.KeyId]);
    });
  });
});
