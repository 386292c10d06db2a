import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CancelKeyDeletionCommand, DescribeKeyCommand, DisableKeyCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { devAccount } from '../../helpers/server.js';
import { rejects } from '../helpers.js';
import { addReplica, startKms, type KmsFixture } from './lifecycleFixtures.js';

describe('CancelKeyDeletion', () => {
  let f: KmsFixture;
  before(async () => {
    f = await startKms();
  });
  after(() => f.dispose());

  const metadata = async (keyId: string) => (await f.kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!;
  const schedule = (keyId: string) => f.kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));

  describe('serialization', () => {
    test('returns the key ARN, and the key comes back Disabled without a DeletionDate', async () => {
      const key = await f.createKey();
      await schedule(key.KeyId!);
      const out = await f.kms.send(new CancelKeyDeletionCommand({ KeyId: key.KeyId }));
      assert.equal(out.KeyId, key.Arn);
      const m = await metadata(key.KeyId!);
      assert.equal(m.KeyState, 'Disabled');
      assert.equal(m.Enabled, false);
      assert.equal(m.DeletionDate, undefined);
      assert.equal(m.PendingDeletionWindowInDays, undefined);
    });
  });

  describe('validation', () => {
    test('returns NotFoundException for an unknown key', async () => {
      const id = '11111111-2222-3333-4444-555555555555';
      await rejects(
        f.kms.send(new CancelKeyDeletionCommand({ KeyId: id })),
        'NotFoundException',
        `Key 'arn:aws:kms:us-east-1:${devAccount}:key/${id}' does not exist`,
      );
    });
  });

  describe('behaviour', () => {
    test('returns KMSInvalidStateException for an enabled or disabled key that is not pending deletion', async () => {
      const key = await f.createKey();
      await rejects(f.kms.send(new CancelKeyDeletionCommand({ KeyId: key.KeyId })), 'KMSInvalidStateException', `${key.Arn} is not pending deletion.`);
      await f.kms.send(new DisableKeyCommand({ KeyId: key.KeyId }));
      await rejects(f.kms.send(new CancelKeyDeletionCommand({ KeyId: key.KeyId })), 'KMSInvalidStateException', `${key.Arn} is not pending deletion.`);
    });

    test('a key that was disabled before scheduling also comes back Disabled, and can be scheduled again', async () => {
      const key = await f.createKey();
      await f.kms.send(new DisableKeyCommand({ KeyId: key.KeyId }));
      await schedule(key.KeyId!);
      await f.kms.send(new CancelKeyDeletionCommand({ KeyId: key.KeyId }));
      assert.equal((await metadata(key.KeyId!)).KeyState, 'Disabled');
      assert.equal((await schedule(key.KeyId!)).KeyState, 'PendingDeletion');
    });

    test('a key with imported material that has none comes back PendingImport', async () => {
      const key = await f.createKey({ Origin: 'EXTERNAL' });
      await schedule(key.KeyId!);
      await f.kms.send(new CancelKeyDeletionCommand({ KeyId: key.KeyId }));
      assert.equal((await metadata(key.KeyId!)).KeyState, 'PendingImport');
    });

    test('cancels a multi-Region primary waiting for its replicas (PendingReplicaDeletion)', async () => {
      const primary = await f.createKey({ MultiRegion: true });
      await addReplica(f, primary.Arn!, 'ap-southeast-1');
      assert.equal((await schedule(primary.KeyId!)).KeyState, 'PendingReplicaDeletion');
      await f.kms.send(new CancelKeyDeletionCommand({ KeyId: primary.KeyId }));
      const m = await metadata(primary.KeyId!);
      assert.equal(m.KeyState, 'Disabled');
      assert.equal(m.PendingDeletionWindowInDays, undefined);
    });
  });
});
