import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CancelKeyDeletionCommand,
  DisableKeyCommand,
  EnableKeyCommand,
  EnableKeyRotationCommand,
  GetKeyRotationStatusCommand,
  ScheduleKeyDeletionCommand,
} from '@aws-sdk/client-kms';
import { ManualClock } from '../../../src/common/clock.js';
import { devAccount } from '../../helpers/server.js';
import { rejects } from '../helpers.js';
import { addReplica, startKms, type KmsFixture } from './lifecycleFixtures.js';

const DAY = 86_400_000;

describe('GetKeyRotationStatus', () => {
  const clock = new ManualClock(Date.now());
  let f: KmsFixture;
  before(async () => {
    f = await startKms({ clock });
  });
  after(() => f.dispose());

  const status = (keyId: string, kms = f.kms) => kms.send(new GetKeyRotationStatusCommand({ KeyId: keyId }));

  describe('serialization', () => {
    test('for a new key returns its KeyId and KeyRotationEnabled false only', async () => {
      const key = await f.createKey();
      const out = await status(key.Arn!);
      assert.equal(out.KeyId, key.KeyId);
      assert.equal(out.KeyRotationEnabled, false);
      assert.equal(out.RotationPeriodInDays, undefined);
      assert.equal(out.NextRotationDate, undefined);
      assert.equal(out.OnDemandRotationStartDate, undefined);
    });

    test('with rotation on returns RotationPeriodInDays and NextRotationDate', async () => {
      const key = await f.createKey();
      await f.kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyId, RotationPeriodInDays: 400 }));
      const out = await status(key.KeyId!);
      assert.equal(out.KeyRotationEnabled, true);
      assert.equal(out.RotationPeriodInDays, 400);
      assert.equal(out.NextRotationDate!.getTime(), clock.now() + 400 * DAY);
    });
  });

  describe('validation', () => {
    test('returns NotFoundException for an unknown key', async () => {
      const id = '11111111-2222-3333-4444-555555555555';
      await rejects(f.kms.send(new GetKeyRotationStatusCommand({ KeyId: id })), 'NotFoundException', `Key 'arn:aws:kms:us-east-1:${devAccount}:key/${id}' does not exist`);
    });

    test('returns UnsupportedOperationException for imported key material and HMAC keys', async () => {
      const external = await f.createKey({ Origin: 'EXTERNAL' });
      await rejects(status(external.KeyId!), 'UnsupportedOperationException', `${external.Arn} origin is EXTERNAL which is not valid for this operation.`);
      const hmac = await f.createKey({ KeySpec: 'HMAC_384', KeyUsage: 'GENERATE_VERIFY_MAC' });
      await rejects(status(hmac.KeyId!), 'UnsupportedOperationException', `${hmac.Arn} key spec is HMAC_384 which is not valid for this operation.`);
    });
  });

  describe('behaviour', () => {
    test('reports false while the key is pending deletion, and the setting returns when deletion is cancelled', async () => {
      const key = await f.createKey();
      await f.kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyId }));
      await f.kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
      assert.equal((await status(key.KeyId!)).KeyRotationEnabled, false);
      await f.kms.send(new CancelKeyDeletionCommand({ KeyId: key.KeyId }));
      await f.kms.send(new EnableKeyCommand({ KeyId: key.KeyId }));
      assert.equal((await status(key.KeyId!)).KeyRotationEnabled, true);
    });

    test('works on a disabled key', async () => {
      const key = await f.createKey();
      await f.kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyId }));
      await f.kms.send(new DisableKeyCommand({ KeyId: key.KeyId }));
      assert.equal((await status(key.KeyId!)).KeyRotationEnabled, true);
    });

    test("a multi-Region replica reports its primary's setting", async () => {
      const primary = await f.createKey({ MultiRegion: true });
      await addReplica(f, primary.Arn!, 'eu-west-1');
      await f.kms.send(new EnableKeyRotationCommand({ KeyId: primary.KeyId, RotationPeriodInDays: 100 }));
      const out = await status(primary.KeyId!, f.client({ region: 'eu-west-1' }));
      assert.equal(out.KeyRotationEnabled, true);
      assert.equal(out.RotationPeriodInDays, 100);
    });

    test("answers for another account's key named by its ARN when the key policy trusts the caller", async () => {
      const other = await f.otherAccount();
      const policy = JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { AWS: [`arn:aws:iam::${other.accountId}:root`, `arn:aws:iam::${devAccount}:root`] }, Action: 'kms:*', Resource: '*' },
        ],
      });
      const trusting = await f.createKey({ Policy: policy }, f.client({ creds: other }));
      assert.equal((await status(trusting.Arn!)).KeyRotationEnabled, false);
      const closed = await f.createKey({}, f.client({ creds: other }));
      await rejects(
        status(closed.Arn!),
        'AccessDeniedException',
        `User: arn:aws:iam::${devAccount}:root is not authorized to perform: kms:GetKeyRotationStatus on resource: ${closed.Arn} because no resource-based policy allows the kms:GetKeyRotationStatus action`,
      );
    });
  });
});
