import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DescribeKeyCommand, ListKeyRotationsCommand, RotateKeyOnDemandCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { ManualClock } from '../../../src/common/clock.js';
import { devAccount } from '../../helpers/server.js';
import { rejects } from '../helpers.js';
import { startKms, type KmsFixture } from './lifecycleFixtures.js';

describe('ListKeyRotations', () => {
  // A clock that does not move: every material is made in the same millisecond, and the order must still hold.
  const clock = new ManualClock(Date.now());
  let f: KmsFixture;
  before(async () => {
    f = await startKms({ clock });
  });
  after(() => f.dispose());

  const list = (input: { KeyId: string; IncludeKeyMaterial?: 'ALL_KEY_MATERIAL' | 'ROTATIONS_ONLY'; Limit?: number; Marker?: string }) =>
    f.kms.send(new ListKeyRotationsCommand(input));
  /** A key with `n` on-demand rotations and its material ids, oldest first. */
  const rotatedKey = async (n: number) => {
    const key = await f.createKey();
    const ids = [(await f.kms.send(new DescribeKeyCommand({ KeyId: key.KeyId }))).KeyMetadata!.CurrentKeyMaterialId!];
    for (let i = 0; i < n; i++) {
      await f.kms.send(new RotateKeyOnDemandCommand({ KeyId: key.KeyId }));
      ids.push((await f.kms.send(new DescribeKeyCommand({ KeyId: key.KeyId }))).KeyMetadata!.CurrentKeyMaterialId!);
    }
    return { key, ids };
  };

  describe('serialization', () => {
    test('lists completed rotations oldest first, with material id, state, date and type', async () => {
      const { key, ids } = await rotatedKey(2);
      const out = await list({ KeyId: key.Arn! });
      assert.equal(out.Truncated, false);
      assert.equal(out.NextMarker, undefined);
      assert.deepEqual(
        out.Rotations!.map((r) => ({ ...r, RotationDate: r.RotationDate instanceof Date })),
        [
          { KeyId: key.KeyId, KeyMaterialId: ids[1], KeyMaterialState: 'NON_CURRENT', RotationDate: true, RotationType: 'ON_DEMAND' },
          { KeyId: key.KeyId, KeyMaterialId: ids[2], KeyMaterialState: 'CURRENT', RotationDate: true, RotationType: 'ON_DEMAND' },
        ],
      );
    });

    test('a key never rotated has an empty list', async () => {
      const key = await f.createKey();
      assert.deepEqual((await list({ KeyId: key.KeyId! })).Rotations, []);
    });
  });

  describe('validation', () => {
    test('returns InvalidMarkerException for a marker it did not issue', async () => {
      const { key } = await rotatedKey(1);
      await rejects(list({ KeyId: key.KeyId!, Marker: 'bm90LWEtbWFya2Vy' }), 'InvalidMarkerException', 'Invalid marker');
    });

    test('returns UnsupportedOperationException for an HMAC key', async () => {
      const hmac = await f.createKey({ KeySpec: 'HMAC_512', KeyUsage: 'GENERATE_VERIFY_MAC' });
      await rejects(list({ KeyId: hmac.KeyId! }), 'UnsupportedOperationException', `${hmac.Arn} key spec is HMAC_512 which is not valid for this operation.`);
    });

    test('returns NotFoundException for an unknown key', async () => {
      const id = '11111111-2222-3333-4444-555555555555';
      await rejects(list({ KeyId: id }), 'NotFoundException', `Key 'arn:aws:kms:us-east-1:${devAccount}:key/${id}' does not exist`);
    });
  });

  describe('behaviour', () => {
    test('ALL_KEY_MATERIAL adds the first key material, without rotation date or type', async () => {
      const { key, ids } = await rotatedKey(1);
      const out = await list({ KeyId: key.KeyId!, IncludeKeyMaterial: 'ALL_KEY_MATERIAL' });
      assert.deepEqual(out.Rotations![0], { KeyId: key.KeyId, KeyMaterialId: ids[0], KeyMaterialState: 'NON_CURRENT' });
      assert.deepEqual(out.Rotations!.map((r) => r.KeyMaterialId), ids);
    });

    test('pages with Limit and NextMarker through every rotation once', async () => {
      const { key, ids } = await rotatedKey(5);
      const seen: string[] = [];
      let marker: string | undefined;
      do {
        const page = await list({ KeyId: key.KeyId!, Limit: 2, Marker: marker });
        assert.ok(page.Rotations!.length <= 2);
        seen.push(...page.Rotations!.map((r) => r.KeyMaterialId!));
        marker = page.NextMarker;
        assert.equal(page.Truncated, marker !== undefined);
      } while (marker);
      assert.deepEqual(seen, ids.slice(1));
    });

    test('works on a key pending deletion', async () => {
      const { key } = await rotatedKey(1);
      await f.kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
      assert.equal((await list({ KeyId: key.KeyId! })).Rotations!.length, 1);
    });
  });
});
