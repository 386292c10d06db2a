import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DecryptCommand, DisableKeyCommand, GenerateDataKeyCommand, ScheduleKeyDeletionCommand, type KMSClient } from '@aws-sdk/client-kms';
import { startTestServer, type TestServer } from '../../helpers/server.js';
import { createKey, kmsClient, rejects, rejectsWithoutMessage } from '../helpers.js';

describe('GenerateDataKey', () => {
  let srv: TestServer;
  let kms: KMSClient;
  before(async () => {
    srv = await startTestServer();
    kms = kmsClient(srv);
  });
  after(() => srv.dispose());

  describe('serialization', () => {
    test('returns the plaintext key, its blob, the key ARN and the key material id', async () => {
      const key = await createKey(kms);
      const out = await kms.send(new GenerateDataKeyCommand({ KeyId: key.KeyId, KeySpec: 'AES_256', EncryptionContext: { app: 'x' } }));
      assert.equal(out.Plaintext!.byteLength, 32);
      assert.equal(out.KeyId, key.Arn);
      assert.match(out.KeyMaterialId ?? '', /^[0-9a-f]{64}$/);
      const back = await kms.send(new DecryptCommand({ CiphertextBlob: out.CiphertextBlob, EncryptionContext: { app: 'x' } }));
      assert.deepEqual(Buffer.from(back.Plaintext!), Buffer.from(out.Plaintext!));
      await rejectsWithoutMessage(kms.send(new DecryptCommand({ CiphertextBlob: out.CiphertextBlob })), 'InvalidCiphertextException');
    });

    test('makes AES_128 keys of 16 bytes and NumberOfBytes keys of that many bytes', async () => {
      const key = await createKey(kms);
      assert.equal((await kms.send(new GenerateDataKeyCommand({ KeyId: key.KeyId, KeySpec: 'AES_128' }))).Plaintext!.byteLength, 16);
      assert.equal((await kms.send(new GenerateDataKeyCommand({ KeyId: key.KeyId, NumberOfBytes: 1 }))).Plaintext!.byteLength, 1);
      assert.equal((await kms.send(new GenerateDataKeyCommand({ KeyId: key.KeyId, NumberOfBytes: 1024 }))).Plaintext!.byteLength, 1024);
    });
  });

  describe('validation', () => {
    test('needs exactly one of KeySpec and NumberOfBytes', async () => {
      const key = await createKey(kms);
      const message = 'Please specify either number of bytes or key spec.';
      await rejects(kms.send(new GenerateDataKeyCommand({ KeyId: key.KeyId })), 'ValidationException', message);
      await rejects(kms.send(new GenerateDataKeyCommand({ KeyId: key.KeyId, KeySpec: 'AES_256', NumberOfBytes: 32 })), 'ValidationException', message);
    });

    test('refuses NumberOfBytes outside 1–1024', async () => {
      const key = await createKey(kms);
      await rejects(
        kms.send(new GenerateDataKeyCommand({ KeyId: key.KeyId, NumberOfBytes: 1025 })),
        'ValidationException',
        "1 validation error detected: Value '1025' at 'numberOfBytes' failed to satisfy constraint: Member must have value less than or equal to 1024",
      );
      await rejects(
        kms.send(new GenerateDataKeyCommand({ KeyId: key.KeyId, NumberOfBytes: 0 })),
        'ValidationException',
        "1 validation error detected: Value '0' at 'numberOfBytes' failed to satisfy constraint: Member must have value greater than or equal to 1",
      );
    });
  });

  describe('behaviour', () => {
    test('returns InvalidKeyUsageException for an asymmetric key and for a signing key', async () => {
      const rsa = await createKey(kms, { KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' });
      await rejects(
        kms.send(new GenerateDataKeyCommand({ KeyId: rsa.KeyId, KeySpec: 'AES_256' })),
        'InvalidKeyUsageException',
        'You cannot generate a data key with an asymmetric CMK',
      );
      const signing = await createKey(kms, { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
      await rejects(
        kms.send(new GenerateDataKeyCommand({ KeyId: signing.KeyId, KeySpec: 'AES_256' })),
        'InvalidKeyUsageException',
        `${signing.Arn} key usage is SIGN_VERIFY which is not valid for GenerateDataKey.`,
      );
    });

    test('checks the key state before the key spec', async () => {
      const rsa = await createKey(kms, { KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' });
      await kms.send(new DisableKeyCommand({ KeyId: rsa.KeyId }));
      await rejects(kms.send(new GenerateDataKeyCommand({ KeyId: rsa.KeyId, KeySpec: 'AES_256' })), 'DisabledException', `${rsa.Arn} is disabled.`);
    });

    test('returns KMSInvalidStateException for a key pending deletion', async () => {
      const key = await createKey(kms);
      await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
      await rejects(
        kms.send(new GenerateDataKeyCommand({ KeyId: key.KeyId, KeySpec: 'AES_256' })),
        'KMSInvalidStateException',
        `${key.Arn} is pending deletion.`,
      );
    });

    test('refuses Recipient and answers DryRunOperationException when DryRun is set', async () => {
      const key = await createKey(kms);
      await rejects(
        kms.send(new GenerateDataKeyCommand({ KeyId: key.KeyId, KeySpec: 'AES_256', Recipient: { AttestationDocument: new Uint8Array(4) } })),
        'ValidationException',
        'Recipient attestation documents are not supported by this endpoint.',
      );
      await rejects(
        kms.send(new GenerateDataKeyCommand({ KeyId: key.KeyId, KeySpec: 'AES_256', DryRun: true })),
        'DryRunOperationException',
        'The request would have succeeded, but the DryRun option is set.',
      );
    });
  });
});
