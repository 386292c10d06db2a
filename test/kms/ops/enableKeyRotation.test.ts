import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  DisableKeyCommand,
  EnableKeyRotationCommand,
  GetKeyRotationStatusCommand,
  PutKeyPolicyCommand,
  ScheduleKeyDeletionCommand,
} from '@aws-sdk/client-kms';
import { ManualClock } from '../../../src/common/clock.js';
import { devAccount } from '../../helpers/server.js';
import { rejects } from '../helpers.js';
import { addReplica, startKms, type KmsFixture } from './lifecycleFixtures.js';

const DAY = 86_400_000;

describe('EnableKeyRotation', () => {
  const clock = new ManualClock(Date.now());
  let f: KmsFixture;
  before(async () => {
    f = await startKms({ clock });
  });
  after(() => f.dispose());

  const status = (keyId: string) => f.kms.send(new GetKeyRotationStatusCommand({ KeyId: keyId }));

  describe('serialization', () => {
    test('answers with an empty body; rotation is on with the default 365-day period, first rotation a period away', async () => {
      const key = await f.createKey();
      const out = await f.kms.send(new EnableKeyRotationCommand({ KeyId: key.Arn }));
      assert.equal(out.$metadata.httpStatusCode, 200);
      const s = await status(key.KeyId!);
      assert.equal(s.KeyRotationEnabled, true);
      assert.equal(s.RotationPeriodInDays, 365);
      assert.equal(s.NextRotationDate!.getTime(), clock.now() + 365 * DAY);
    });
  });

  describe('validation', () => {
    test('returns the model ValidationException for a period under 90 or over 2560 days', async () => {
      const key = await f.createKey();
      await rejects(
        f.kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyId, RotationPeriodInDays: 89 })),
        'ValidationException',
        "1 validation error detected: Value '89' at 'rotationPeriodInDays' failed to satisfy constraint: Member must have value greater than or equal to 90",
      );
      await rejects(
        f.kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyId, RotationPeriodInDays: 2561 })),
        'ValidationException',
        "1 validation error detected: Value '2561' at 'rotationPeriodInDays' failed to satisfy constraint: Member must have value less than or equal to 2560",
      );
    });

    test('returns NotFoundException for an unknown key', async () => {
      const id = '11111111-2222-3333-4444-555555555555';
      await rejects(
        f.kms.send(new EnableKeyRotationCommand({ KeyId: id })),
        'NotFoundException',
        `Key 'arn:aws:kms:us-east-1:${devAccount}:key/${id}' does not exist`,
      );
    });
  });

  describe('behaviour', () => {
    test('takes a custom period, and a new period on an enabled key counts from when rotation was enabled', async () => {
      const key = await f.createKey();
      const enabledAt = clock.now();
      await f.kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyId, RotationPeriodInDays: 90 }));
      assert.equal((await status(key.KeyId!)).NextRotationDate!.getTime(), enabledAt + 90 * DAY);
      clock.advance(10 * DAY);
      await f.kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyId, RotationPeriodInDays: 180 }));
      const s = await status(key.KeyId!);
      assert.equal(s.RotationPeriodInDays, 180);
      assert.equal(s.NextRotationDate!.getTime(), enabledAt + 180 * DAY);
    });

    test('returns DisabledException for a disabled key', async () => {
      const key = await f.createKey();
      await f.kms.send(new DisableKeyCommand({ KeyId: key.KeyId }));
      await rejects(f.kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyId })), 'DisabledException', `${key.Arn} is disabled.`);
    });

    test('returns KMSInvalidStateException for a key pending deletion', async () => {
      const key = await f.createKey();
      await f.kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
      await rejects(f.kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyId })), 'KMSInvalidStateException', `${key.Arn} is pending deletion.`);
    });

    test('returns UnsupportedOperationException for imported key material, asymmetric and HMAC keys', async () => {
      const external = await f.createKey({ Origin: 'EXTERNAL' });
      await rejects(
        f.kms.send(new EnableKeyRotationCommand({ KeyId: external.KeyId })),
        'UnsupportedOperationException',
        `${external.Arn} origin is EXTERNAL which is not valid for this operation.`,
      );
      const ecc = await f.createKey({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
      await rejects(
        f.kms.send(new EnableKeyRotationCommand({ KeyId: ecc.KeyId })),
        'UnsupportedOperationException',
        `${ecc.Arn} key spec is ECC_NIST_P256 which is not valid for this operation.`,
      );
      const hmac = await f.createKey({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
      await rejects(
        f.kms.send(new EnableKeyRotationCommand({ KeyId: hmac.KeyId })),
        'UnsupportedOperationException',
        `${hmac.Arn} key spec is HMAC_256 which is not valid for this operation.`,
      );
    });

    test('returns UnsupportedOperationException for a multi-Region replica: rotation is set on the primary', async () => {
      const primary = await f.createKey({ MultiRegion: true });
      await addReplica(f, primary.Arn!, 'eu-west-1');
      const replicaArn = primary.Arn!.replace(':us-east-1:', ':eu-west-1:');
      await rejects(
        f.client({ region: 'eu-west-1' }).send(new EnableKeyRotationCommand({ KeyId: primary.KeyId })),
        'UnsupportedOperationException',
        `${replicaArn} is a multi-Region replica key. Manage its rotation on the primary key.`,
      );
    });

    test('passes the period as kms:RotationPeriodInDays to the key policy', async () => {
      const key = await f.createKey();
      const policy = JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${devAccount}:root` }, Action: 'kms:*', Resource: '*' },
          {
            Effect: 'Deny',
            Principal: '*',
            Action: 'kms:EnableKeyRotation',
            Resource: '*',
            Condition: { NumericGreaterThan: { 'kms:RotationPeriodInDays': '180' } },
          },
        ],
      });
      await f.kms.send(new PutKeyPolicyCommand({ KeyId: key.KeyId, Policy: policy }));
      await rejects(
        f.kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyId })),
        'AccessDeniedException',
        `User: arn:aws:iam::${devAccount}:root is not authorized to perform: kms:EnableKeyRotation on resource: ${key.Arn} with an explicit deny in a resource-based policy`,
      );
      await f.kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyId, RotationPeriodInDays: 180 }));
      assert.equal((await status(key.KeyId!)).RotationPeriodInDays, 180);
    });
  });
});
