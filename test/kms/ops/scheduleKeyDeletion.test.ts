import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DescribeKeyCommand, DisableKeyCommand, PutKeyPolicyCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { ManualClock } from '../../../src/common/clock.js';
import { devAccount } from '../../helpers/server.js';
import { rejects } from '../helpers.js';
import { addReplica, startKms, type KmsFixture } from './lifecycleFixtures.js';

const DAY = 86_400_000;

describe('ScheduleKeyDeletion', () => {
  const clock = new ManualClock(Date.now());
  let f: KmsFixture;
  before(async () => {
    f = await startKms({ clock });
  });
  after(() => f.dispose());

  const metadata = async (keyId: string, region?: string) =>
    (await f.client({ region }).send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!;

  describe('serialization', () => {
    test('returns the key ARN, DeletionDate, KeyState PendingDeletion and PendingWindowInDays', async () => {
      const key = await f.createKey();
      const out = await f.kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
      assert.equal(out.KeyId, key.Arn);
      assert.equal(out.KeyState, 'PendingDeletion');
      assert.equal(out.PendingWindowInDays, 7);
      assert.equal(out.DeletionDate!.getTime(), clock.now() + 7 * DAY);
      const m = await metadata(key.KeyId!);
      assert.equal(m.KeyState, 'PendingDeletion');
      assert.equal(m.Enabled, false);
      assert.equal(m.DeletionDate!.getTime(), clock.now() + 7 * DAY);
    });
  });

  describe('validation', () => {
    test('returns ValidationException for a waiting period of 6 days', async () => {
      const key = await f.createKey();
      await rejects(
        f.kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 6 })),
        'ValidationException',
        'PendingWindowInDays must be between 7 and 30',
      );
      assert.equal((await metadata(key.KeyId!)).KeyState, 'Enabled');
    });

    test('returns ValidationException for a waiting period of 31 days', async () => {
      const key = await f.createKey();
      await rejects(
        f.kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 31 })),
        'ValidationException',
        'PendingWindowInDays must be between 7 and 30',
      );
    });

    test('returns NotFoundException for an unknown key', async () => {
      const id = '11111111-2222-3333-4444-555555555555';
      await rejects(
        f.kms.send(new ScheduleKeyDeletionCommand({ KeyId: id })),
        'NotFoundException',
        `Key 'arn:aws:kms:us-east-1:${devAccount}:key/${id}' does not exist`,
      );
    });

    test("returns NotFoundException for another account's key named by its ARN", async () => {
      const other = await f.otherAccount();
      const theirs = await f.createKey({}, f.client({ creds: other }));
      await rejects(f.kms.send(new ScheduleKeyDeletionCommand({ KeyId: theirs.Arn })), 'NotFoundException', `Key '${theirs.Arn}' does not exist`);
    });
  });

  describe('behaviour', () => {
    test('waits 30 days by default, and 30 is accepted', async () => {
      const key = await f.createKey();
      const out = await f.kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId }));
      assert.equal(out.PendingWindowInDays, 30);
      assert.equal(out.DeletionDate!.getTime(), clock.now() + 30 * DAY);
    });

    test('returns KMSInvalidStateException when the key is already pending deletion', async () => {
      const key = await f.createKey();
      await f.kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
      await rejects(f.kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId })), 'KMSInvalidStateException', `${key.Arn} is pending deletion.`);
    });

    test('schedules disabled keys and keys pending import', async () => {
      const disabled = await f.createKey();
      await f.kms.send(new DisableKeyCommand({ KeyId: disabled.KeyId }));
      const external = await f.createKey({ Origin: 'EXTERNAL' });
      for (const k of [disabled, external]) {
        const out = await f.kms.send(new ScheduleKeyDeletionCommand({ KeyId: k.KeyId, PendingWindowInDays: 10 }));
        assert.equal(out.KeyState, 'PendingDeletion');
      }
    });

    test('passes the waiting period as kms:ScheduleKeyDeletionPendingWindowInDays to the key policy', async () => {
      const key = await f.createKey();
      const policy = JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${devAccount}:root` }, Action: 'kms:*', Resource: '*' },
          {
            Effect: 'Deny',
            Principal: '*',
            Action: 'kms:ScheduleKeyDeletion',
            Resource: '*',
            Condition: { NumericLessThan: { 'kms:ScheduleKeyDeletionPendingWindowInDays': '20' } },
          },
        ],
      });
      await f.kms.send(new PutKeyPolicyCommand({ KeyId: key.KeyId, Policy: policy }));
      await rejects(
        f.kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 })),
        'AccessDeniedException',
        `User: arn:aws:iam::${devAccount}:root is not authorized to perform: kms:ScheduleKeyDeletion on resource: ${key.Arn} with an explicit deny in a resource-based policy`,
      );
      const out = await f.kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 20 }));
      assert.equal(out.KeyState, 'PendingDeletion');
    });

    test('a multi-Region primary with a replica waits in PendingReplicaDeletion without a DeletionDate', async () => {
      const primary = await f.createKey({ MultiRegion: true });
      await addReplica(f, primary.Arn!, 'eu-west-1');
      const out = await f.kms.send(new ScheduleKeyDeletionCommand({ KeyId: primary.KeyId, PendingWindowInDays: 9 }));
      assert.equal(out.KeyState, 'PendingReplicaDeletion');
      assert.equal(out.PendingWindowInDays, 9);
      assert.equal(out.DeletionDate, undefined);
      const m = await metadata(primary.KeyId!);
      assert.equal(m.KeyState, 'PendingReplicaDeletion');
      assert.equal(m.PendingDeletionWindowInDays, 9);
      assert.equal(m.DeletionDate, undefined);
      assert.equal((await metadata(primary.KeyId!, 'eu-west-1')).KeyState, 'Enabled', 'the replica is not scheduled');
    });

    test('a multi-Region replica is scheduled on its own, with a DeletionDate', async () => {
      const primary = await f.createKey({ MultiRegion: true });
      await addReplica(f, primary.Arn!, 'eu-west-1');
      const replica = f.client({ region: 'eu-west-1' });
      const out = await replica.send(new ScheduleKeyDeletionCommand({ KeyId: primary.KeyId, PendingWindowInDays: 7 }));
      assert.equal(out.KeyId, primary.Arn!.replace(':us-east-1:', ':eu-west-1:'));
      assert.equal(out.KeyState, 'PendingDeletion');
      assert.equal(out.DeletionDate!.getTime(), clock.now() + 7 * DAY);
      assert.equal((await metadata(primary.KeyId!)).KeyState, 'Enabled', 'the primary is not scheduled');
    });
  });
});
