/**
 * Interop with the AWS Encryption SDK for JavaScript: its KMS keyring calls GenerateDataKey (with the message's
 * encryption context) when encrypting and Decrypt (naming the key) when decrypting, exactly as against AWS.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildClient, CommitmentPolicy, KmsKeyringNode } from '@aws-crypto/client-node';
import { DisableKeyCommand, KMS } from '@aws-sdk/client-kms';
import { clientConfig, startTestServer, type TestServer } from '../helpers/server.js';
import { createKey, kmsClient } from './helpers.js';

describe('AWS Encryption SDK (KmsKeyringNode)', () => {
  let srv: TestServer;
  const { encrypt, decrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);

  before(async () => {
    srv = await startTestServer();
  });
  after(() => srv.dispose());

  function keyring(keyArn: string): KmsKeyringNode {
    return new KmsKeyringNode({ generatorKeyId: keyArn, clientProvider: (region: string) => new KMS(clientConfig(srv.url, undefined, region || 'us-east-1')) });
  }

  test('encrypts and decrypts a message with a logseal key', async () => {
    const key = await createKey(kmsClient(srv));
    const plaintext = Buffer.from('a log line worth protecting');
    const context = { 'aws:logs:arn': 'arn:aws:logs:us-east-1:000000000000:log-group:app', purpose: 'test' };
    const { result } = await encrypt(keyring(key.Arn!), plaintext, { encryptionContext: context });
    assert.ok(!result.includes(plaintext));
    const { plaintext: back, messageHeader } = await decrypt(keyring(key.Arn!), result);
    assert.deepEqual(back, plaintext);
    assert.equal(messageHeader.encryptionContext.purpose, 'test');
    assert.equal(messageHeader.encryptedDataKeys[0]!.providerInfo, key.Arn);
  });

  test('fails to decrypt once the key is disabled', async () => {
    const kms = kmsClient(srv);
    const key = await createKey(kms);
    const { result } = await encrypt(keyring(key.Arn!), Buffer.from('soon unreadable'));
    await kms.send(new DisableKeyCommand({ KeyId: key.KeyId }));
    await assert.rejects(decrypt(keyring(key.Arn!), result), (err: Error) => {
      assert.match(err.message, /^Unable to decrypt data key/);
      assert.ok(err.message.includes(`DisabledException: ${key.Arn} is disabled.`), err.message);
      return true;
    });
  });
});
