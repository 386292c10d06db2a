import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DecryptCommand, GenerateDataKeyWithoutPlaintextCommand, type KMSClient } from '@aws-sdk/client-kms';
import { startTestServer, type TestServer } from '../../helpers/server.js';
import { createKey, kmsClient, rejects } from '../helpers.js';

describe('GenerateDataKeyWithoutPlaintext', () => {
  let srv: TestServer;
  let kms: KMSClient;
  before(async () => {
    srv = await startTestServer();
    kms = kmsClient(srv);
  });
  after(() => srv.dispose());

  describe('serialization', () => {
    test('returns only the blob, the key ARN and the key material id; Decrypt yields the data key', async () => {
      const key = await createKey(kms);
      const out = await kms.send(new GenerateDataKeyWithoutPlaintextCommand({ KeyId: key.KeyId, NumberOfBytes: 48 }));
      assert.equal((out as { Plaintext?: unknown }).Plaintext, undefined);
      assert.equal(out.KeyId, key.Arn);
      assert.match(out.KeyMaterialId ?? '', /^[0-9a-f]{64}$/);
      const back = await kms.send(new DecryptCommand({ CiphertextBlob: out.CiphertextBlob }));
      assert.equal(back.Plaintext!.byteLength, 48);
    });
  });

  describe('validation', () => {
    test('needs exactly one of KeySpec and NumberOfBytes', async () => {
      const key = await createKey(kms);
      await rejects(kms.send(new GenerateDataKeyWithoutPlaintextCommand({ KeyId: key.KeyId })), 'ValidationException', 'Please specify either number of bytes or key spec.');
    });
  });

  describe('behaviour', () => {
    test('names its own operation when the key usage is wrong', async () => {
      const key = await createKey(kms, { KeySpec: 'HMAC_384', KeyUsage: 'GENERATE_VERIFY_MAC' });
      await rejects(
        kms.send(new GenerateDataKeyWithoutPlaintextCommand({ KeyId: key.KeyId, KeySpec: 'AES_256' })),
        'InvalidKeyUsageException',
        `${key.Arn} key usage is GENERATE_VERIFY_MAC which is not valid for GenerateDataKeyWithoutPlaintext.`,
      );
    });
  });
});
