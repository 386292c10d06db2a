import assert from 'node:assert/strict';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { DecryptCommand, GenerateDataKeyPairWithoutPlaintextCommand, type KMSClient } from '@aws-sdk/client-kms';
import { startTestServer, type TestServer } from '../../helpers/server.js';
import { createKey, kmsClient, rejects } from '../helpers.js';

describe('GenerateDataKeyPairWithoutPlaintext', () => {
  let srv: TestServer;
  let kms: KMSClient;
  before(async () => {
    srv = await startTestServer();
    kms = kmsClient(srv);
  });
  after(() => srv.dispose());

  describe('serialization', () => {
    test('returns the public key and the encrypted private key, which Decrypt turns into its private half', async () => {
      const key = await createKey(kms);
      const out = await kms.send(new GenerateDataKeyPairWithoutPlaintextCommand({ KeyId: key.KeyId, KeyPairSpec: 'ECC_SECG_P256K1' }));
      assert.equal((out as { PrivateKeyPlaintext?: unknown }).PrivateKeyPlaintext, undefined);
      assert.equal(out.KeyId, key.Arn);
      assert.equal(out.KeyPairSpec, 'ECC_SECG_P256K1');
      const back = await kms.send(new DecryptCommand({ CiphertextBlob: out.PrivateKeyCiphertextBlob }));
      const priv = createPrivateKey({ key: Buffer.from(back.Plaintext!), format: 'der', type: 'pkcs8' });
      const spki = createPublicKey(priv).export({ type: 'spki', format: 'der' });
      assert.deepEqual(spki, Buffer.from(out.PublicKey!));
    });
  });

  describe('validation', () => {
    test('returns UnsupportedOperationException for an SM2 pair', async () => {
      const key = await createKey(kms);
      await rejects(
        kms.send(new GenerateDataKeyPairWithoutPlaintextCommand({ KeyId: key.KeyId, KeyPairSpec: 'SM2' })),
        'UnsupportedOperationException',
        'KeyPairSpec SM2 is not supported by this endpoint.',
      );
    });
  });

  describe('behaviour', () => {
    test('names its own operation when the key usage is wrong', async () => {
      const key = await createKey(kms, { KeySpec: 'ECC_NIST_P384', KeyUsage: 'SIGN_VERIFY' });
      await rejects(
        kms.send(new GenerateDataKeyPairWithoutPlaintextCommand({ KeyId: key.KeyId, KeyPairSpec: 'RSA_2048' })),
        'InvalidKeyUsageException',
        `${key.Arn} key usage is SIGN_VERIFY which is not valid for GenerateDataKeyPairWithoutPlaintext.`,
      );
    });
  });
});
