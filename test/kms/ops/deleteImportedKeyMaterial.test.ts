import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import {
  CancelKeyDeletionCommand,
  DecryptCommand,
  DeleteImportedKeyMaterialCommand,
  DescribeKeyCommand,
  EncryptCommand,
  ScheduleKeyDeletionCommand,
} from '@aws-sdk/client-kms';
import { startTestServer, type TestServer } from '../../helpers/server.js';
import { createKey, devAccountOf, rejectsWith, type Account } from './grantFixtures.js';
import { importMaterial } from './importFixtures.js';

describe('DeleteImportedKeyMaterial', () => {
  let srv: TestServer;
  let dev: Account;

  before(async () => {
    srv = await startTestServer();
    dev = devAccountOf(srv);
  });
  after(() => srv.dispose());

  const client = () => dev.kms;
  const state = async (keyId: string) => (await dev.kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!.KeyState;

  /** An EXTERNAL symmetric key with imported material. */
  async function importedKey(material: Uint8Array = randomBytes(32)) {
    const k = await createKey(dev.kms, { Origin: 'EXTERNAL' });
    const { KeyMaterialId } = await importMaterial(client, k.keyId, material);
    return { k, material, materialId: KeyMaterialId! };
  }

  describe('serialization', () => {
    test('returns the key ARN and the id of the deleted material', async () => {
      const { k, materialId } = await importedKey();
      const out = await dev.kms.send(new DeleteImportedKeyMaterialCommand({ KeyId: k.keyId }));
      assert.equal(out.KeyId, k.arn);
      assert.equal(out.KeyMaterialId, materialId);
    });
  });

  describe('validation', () => {
    test('refuses a key whose material KMS generates', async () => {
      const k = await createKey(dev.kms);
      await rejectsWith(
        dev.kms.send(new DeleteImportedKeyMaterialCommand({ KeyId: k.keyId })),
        'UnsupportedOperationException',
        `${k.arn} origin is AWS_KMS which is not valid for this operation.`,
      );
    });

    test('returns NotFoundException for a KeyMaterialId the key does not have', async () => {
      const { k } = await importedKey();
      const other = 'b'.repeat(64);
      await rejectsWith(
        dev.kms.send(new DeleteImportedKeyMaterialCommand({ KeyId: k.keyId, KeyMaterialId: other })),
        'NotFoundException',
        `Key material ${other} is not associated with ${k.arn}.`,
      );
      assert.equal(await state(k.keyId), 'Enabled');
    });
  });

  describe('behaviour', () => {
    test('makes the key pending import so Decrypt is refused; the same material brings old ciphertexts back', async () => {
      const { k, material } = await importedKey();
      const { CiphertextBlob } = await dev.kms.send(new EncryptCommand({ KeyId: k.keyId, Plaintext: Buffer.from('kept') }));
      await dev.kms.send(new DeleteImportedKeyMaterialCommand({ KeyId: k.keyId }));
      assert.equal(await state(k.keyId), 'PendingImport');
      await rejectsWith(dev.kms.send(new DecryptCommand({ CiphertextBlob })), 'KMSInvalidStateException', `${k.arn} is pending import.`);
      const key = await srv.server.app.kms.mustGet(dev.accountId, 'us-east-1', k.keyId);
      assert.equal(await srv.server.app.kms.material(key), undefined, 'the material is gone from the store');

      await rejectsWith(importMaterial(client, k.keyId, randomBytes(32)), 'IncorrectKeyMaterialException', `The key material is not the key material previously imported into ${k.arn}.`);
      await importMaterial(client, k.keyId, material);
      const dec = await dev.kms.send(new DecryptCommand({ CiphertextBlob }));
      assert.equal(Buffer.from(dec.Plaintext!).toString(), 'kept');
    });

    test('changes nothing on a key pending import', async () => {
      const k = await createKey(dev.kms, { Origin: 'EXTERNAL' });
      const out = await dev.kms.send(new DeleteImportedKeyMaterialCommand({ KeyId: k.keyId }));
      assert.equal(out.KeyMaterialId, undefined);
      assert.equal(await state(k.keyId), 'PendingImport');
    });

    test('keeps a key pending deletion, which comes back pending import when the deletion is cancelled', async () => {
      const { k } = await importedKey();
      await dev.kms.send(new ScheduleKeyDeletionCommand({ KeyId: k.keyId, PendingWindowInDays: 7 }));
      await dev.kms.send(new DeleteImportedKeyMaterialCommand({ KeyId: k.keyId }));
      assert.equal(await state(k.keyId), 'PendingDeletion');
      await dev.kms.send(new CancelKeyDeletionCommand({ KeyId: k.keyId }));
      assert.equal(await state(k.keyId), 'PendingImport');
    });
  });
});
