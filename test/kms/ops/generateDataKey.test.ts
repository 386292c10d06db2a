import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CreateKeyCommand,
  DecryptCommand,
  DisableKeyCommand,
  GenerateDataKeyCommand,
  ScheduleKeyDeletionCommand,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { kmsApi, type KmsApi } from '../../../src/kms/api.js';
import { devAccount, startTestServer, type TestServer } from '../../helpers/server.js';
import { createKey, keyPolicy, kmsClient, logsContext, rejects, rejectsWithoutMessage, ROOT, viaServiceContext } from '../helpers.js';

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

    describe('called in-process by CloudWatch Logs', () => {
      const LOGS = 'logs.us-east-1.amazonaws.com';
      const groupArn = (name: string) => `arn:aws:logs:us-east-1:${devAccount}:log-group:${name}`;
      let api: KmsApi;
      before(() => {
        api = kmsApi(srv.server.app.kms);
      });

      /** A key whose policy lets CloudWatch Logs use it for the log groups `allowed-*` of the dev account. */
      async function logsKey(): Promise<string> {
        const policy = keyPolicy({
          Sid: 'logs',
          Effect: 'Allow',
          Principal: { Service: LOGS },
          Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
          Resource: '*',
          Condition: {
            StringEquals: { 'aws:SourceAccount': devAccount },
            ArnLike: { 'aws:SourceArn': groupArn('allowed-*'), 'kms:EncryptionContext:aws:logs:arn': groupArn('allowed-*') },
          },
        });
        return (await kms.send(new CreateKeyCommand({ Policy: policy }))).KeyMetadata!.Arn!;
      }

      test('the service principal logs.<region>.amazonaws.com gets data keys when the key policy names it', async () => {
        const keyArn = await logsKey();
        const ctx = logsContext('allowed-app');
        const ec = { 'aws:logs:arn': groupArn('allowed-app') };
        const out = await api.generateDataKey({ KeyId: keyArn, KeySpec: 'AES_256', EncryptionContext: ec }, ctx);
        assert.equal(out.KeyId, keyArn);
        assert.equal(out.Plaintext!.length, 32);
        const back = await api.decrypt({ CiphertextBlob: out.CiphertextBlob!, EncryptionContext: ec }, ctx);
        assert.deepEqual(Buffer.from(back.Plaintext!), Buffer.from(out.Plaintext!));
      });

      test('aws:SourceArn and aws:SourceAccount in the key policy refuse the service acting for another log group or account', async () => {
        const keyArn = await logsKey();
        const otherGroup = logsContext('other-app');
        await assert.rejects(
          api.generateDataKey({ KeyId: keyArn, KeySpec: 'AES_256', EncryptionContext: { 'aws:logs:arn': groupArn('allowed-app') } }, otherGroup),
          { name: 'AccessDeniedException' },
        );
        const otherAccount = { ...logsContext('allowed-app'), sourceAccount: '111122223333' };
        await assert.rejects(
          api.generateDataKey({ KeyId: keyArn, KeySpec: 'AES_256', EncryptionContext: { 'aws:logs:arn': groupArn('allowed-app') } }, otherAccount),
          { name: 'AccessDeniedException' },
        );
      });

      test('a key policy that does not name the service principal refuses it, even though it allows the account', async () => {
        const key = await createKey(kms);
        await assert.rejects(
          api.generateDataKey({ KeyId: key.Arn!, KeySpec: 'AES_256', EncryptionContext: { 'aws:logs:arn': groupArn('allowed-app') } }, logsContext('allowed-app')),
          { name: 'AccessDeniedException' },
        );
      });

      test('kms:ViaService allows a caller only through the named service', async () => {
        const policy = keyPolicy({
          Sid: 'via-logs',
          Effect: 'Allow',
          Principal: { AWS: ROOT },
          Action: 'kms:GenerateDataKey',
          Resource: '*',
          Condition: { StringEquals: { 'kms:ViaService': LOGS } },
        });
        const key = (await kms.send(new CreateKeyCommand({ Policy: policy }))).KeyMetadata!;
        const out = await api.generateDataKey({ KeyId: key.Arn!, KeySpec: 'AES_256' }, viaServiceContext(LOGS));
        assert.equal(out.KeyId, key.Arn);
        await assert.rejects(api.generateDataKey({ KeyId: key.Arn!, KeySpec: 'AES_256' }, viaServiceContext('sqs.us-east-1.amazonaws.com')), {
          name: 'AccessDeniedException',
        });
        await rejects(
          kms.send(new GenerateDataKeyCommand({ KeyId: key.KeyId, KeySpec: 'AES_256' })),
          'AccessDeniedException',
          `User: ${ROOT} is not authorized to perform: kms:GenerateDataKey on resource: ${key.Arn} because no resource-based policy allows the kms:GenerateDataKey action`,
        );
      });
    });
  });
});
