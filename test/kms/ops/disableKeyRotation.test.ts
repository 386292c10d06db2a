import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  DisableKeyCommand,
  DisableKeyRotationCommand,
  EnableKeyRotationCommand,
  GetKeyRotationStatusCommand,
  ScheduleKeyDeletionCommand,
} from '@aws-sdk/client-kms';
import { devAccount } from '../../helpers/server.js';
import { rejects } from '../helpers.js';
import { addReplica, startKms, type KmsFixture } from './lifecycleFixtures.js';

describe('DisableKeyRotation', () => {
  let f: KmsFixture;
  before(async () => {
    f = await startKms();
  });
  after(() => f.dispose());

  const status = (keyId: string) => f.kms.send(new GetKeyRotationStatusCommand({ KeyId: keyId }));

  describe('serialization', () => {
    test('answers with an empty body and rotation is off, without period or next date', async () => {
      const key = await f.createKey();
      await f.kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyId }));
      const out = await f.kms.send(new DisableKeyRotationCommand({ KeyId: key.Arn }));
      assert.equal(out.$metadata.httpStatusCode, 200);
      const s = await status(key.KeyId!);
      assert.equal(s.KeyRotationEnabled, false);
      assert.equal(s.RotationPeriodInDays, undefined);
      assert.equal(s.NextRotationDate, undefined);
    });
  });

  describe('validation', () => {
    test('returns NotFoundException for an unknown key', async () => {
      const id = '11111111-2222-3333-4444-555555555555';
      await rejects(
        f.kms.send(new DisableKeyRotationCommand({ KeyId: id })),
        'NotFoundException',
        `Key 'arn:aws:kms:us-east-1:${devAccount}:key/${id}' does not exist`,
      );
    });
  });

  describe('behaviour', () => {
    test('succeeds on a key whose rotation is already off', async () => {
      const key = await f.createKey();
      await f.kms.send(new DisableKeyRotationCommand({ KeyId: key.KeyId }));
      assert.equal((await status(key.KeyId!)).KeyRotationEnabled, false);
    });

    test('returns DisabledException for a disabled key', async () => {
      const key = await f.createKey();
      await f.kms.send(new DisableKeyCommand({ KeyId: key.KeyId }));
      await rejects(f.kms.send(new DisableKeyRotationCommand({ KeyId: key.KeyId })), 'DisabledException', `${key.Arn} is disabled.`);
    });

    test('returns KMSInvalidStateException for a key pending deletion', async () => {
      const key = await f.createKey();
      await f.kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
      await rejects(f.kms.send(new DisableKeyRotationCommand({ KeyId: key.KeyId })), 'KMSInvalidStateException', `${key.Arn} is pending deletion.`);
    });

    test('returns UnsupportedOperationException for imported key material and asymmetric keys', async () => {
      const external = await f.createKey({ Origin: 'EXTERNAL' });
      await rejects(
        f.kms.send(new DisableKeyRotationCommand({ KeyId: external.KeyId })),
        'UnsupportedOperationException',
        `${external.Arn} origin is EXTERNAL which is not valid for this operation.`,
      );
      const ecc = await f.createKey({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
      await rejects(
        f.kms.send(new DisableKeyRotationCommand({ KeyId: ecc.KeyId })),
        'UnsupportedOperationException',
        `${ecc.Arn} key spec is ECC_NIST_P256 which is not valid for this operation.`,
      );
    });

    test('returns UnsupportedOperationException for a multi-Region replica', async () => {
      const primary = await f.createKey({ MultiRegion: true });
      await addReplica(f, primary.Arn!, 'eu-west-1');
      await rejects(
        f.client({ region: 'eu-west-1' }).send(new DisableKeyRotationCommand({ KeyId: primary.KeyId })),
        'UnsupportedOperationException',
        `${primary.Arn!.replace(':us-east-1:', ':eu-west-1:')} is a multi-Region replica key. Manage its rotation on the primary key.`,
      );
    });
  });
});
