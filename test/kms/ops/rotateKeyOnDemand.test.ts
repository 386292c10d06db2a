import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  DecryptCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EncryptCommand,
  GetKeyRotationStatusCommand,
  EnableKeyRotationCommand,
  RotateKeyOnDemandCommand,
  ScheduleKeyDeletionCommand,
} from '@aws-sdk/client-kms';
import { devAccount } from '../../helpers/server.js';
import { rejects } from '../helpers.js';
import { addReplica, startKms, type KmsFixture } from './lifecycleFixtures.js';

describe('RotateKeyOnDemand', () => {
  let f: KmsFixture;
  before(async () => {
    f = await startKms();
  });
  after(() => f.dispose());

  const rotate = (keyId: string, kms = f.kms) => kms.send(new RotateKeyOnDemandCommand({ KeyId: keyId }));
  const currentMaterial = async (keyId: string, kms = f.kms) =>
    (await kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!.CurrentKeyMaterialId;

  describe('serialization', () => {
    test('returns the KeyId, and the key has new current material', async () => {
      const key = await f.createKey();
      const before = await currentMaterial(key.KeyId!);
      const out = await rotate(key.Arn!);
      assert.equal(out.KeyId, key.KeyId);
      const after = await currentMaterial(key.KeyId!);
      assert.match(after!, /^[0-9a-f]{64}$/);
      assert.notEqual(after, before);
    });
  });

  describe('validation', () => {
    test('returns NotFoundException for an unknown key', async () => {
      const id = '11111111-2222-3333-4444-555555555555';
      await rejects(rotate(id), 'NotFoundException', `Key 'arn:aws:kms:us-east-1:${devAccount}:key/${id}' does not exist`);
    });
  });

  describe('behaviour', () => {
    test('ciphertexts made before the rotation still decrypt; new ones use the new material', async () => {
      const key = await f.createKey();
      const plaintext = Buffer.from('made before the rotation');
      const old = await f.kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: plaintext }));
      await rotate(key.KeyId!);
      const fresh = await f.kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: plaintext }));
      for (const blob of [old.CiphertextBlob, fresh.CiphertextBlob]) {
        const out = await f.kms.send(new DecryptCommand({ CiphertextBlob: blob }));
        assert.deepEqual(Buffer.from(out.Plaintext!), plaintext);
        assert.equal(out.KeyId, key.Arn);
      }
    });

    test('does not change the automatic rotation schedule', async () => {
      const key = await f.createKey();
      await f.kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyId }));
      const before = await f.kms.send(new GetKeyRotationStatusCommand({ KeyId: key.KeyId }));
      await rotate(key.KeyId!);
      const after = await f.kms.send(new GetKeyRotationStatusCommand({ KeyId: key.KeyId }));
      assert.deepEqual(after.NextRotationDate, before.NextRotationDate);
      assert.equal(after.KeyRotationEnabled, true);
    });

    test('returns LimitExceededException after 25 on-demand rotations', async () => {
      const key = await f.createKey();
      for (let i = 0; i < 25; i++) await rotate(key.KeyId!);
      await rejects(
        rotate(key.KeyId!),
        'LimitExceededException',
        `The on-demand rotations limit has been reached for the given keyId. No more on-demand rotations can be performed for this key: ${key.Arn}`,
      );
    });

    test('returns DisabledException for a disabled key and KMSInvalidStateException for one pending deletion', async () => {
      const disabled = await f.createKey();
      await f.kms.send(new DisableKeyCommand({ KeyId: disabled.KeyId }));
      await rejects(rotate(disabled.KeyId!), 'DisabledException', `${disabled.Arn} is disabled.`);
      const pending = await f.createKey();
      await f.kms.send(new ScheduleKeyDeletionCommand({ KeyId: pending.KeyId, PendingWindowInDays: 7 }));
      await rejects(rotate(pending.KeyId!), 'KMSInvalidStateException', `${pending.Arn} is pending deletion.`);
    });

    test('returns UnsupportedOperationException for asymmetric keys and keys pending import', async () => {
      const rsa = await f.createKey({ KeySpec: 'ECC_NIST_P384', KeyUsage: 'SIGN_VERIFY' });
      await rejects(rotate(rsa.KeyId!), 'UnsupportedOperationException', `${rsa.Arn} key spec is ECC_NIST_P384 which is not valid for this operation.`);
      const external = await f.createKey({ Origin: 'EXTERNAL' });
      await rejects(rotate(external.KeyId!), 'UnsupportedOperationException', `${external.Arn} origin is EXTERNAL which is not valid for this operation.`);
    });

    test('rotating a multi-Region primary rotates its replicas; a replica cannot be rotated itself', async () => {
      const primary = await f.createKey({ MultiRegion: true });
      const replicaArn = await addReplica(f, primary.Arn!, 'eu-west-1');
      const replica = f.client({ region: 'eu-west-1' });
      await rotate(primary.KeyId!);
      assert.equal(await currentMaterial(primary.KeyId!, replica), await currentMaterial(primary.KeyId!));
      await rejects(rotate(primary.KeyId!, replica), 'UnsupportedOperationException', `${replicaArn} is a multi-Region replica key. Manage its rotation on the primary key.`);
    });
  });
});
