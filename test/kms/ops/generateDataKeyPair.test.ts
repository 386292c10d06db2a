import assert from 'node:assert/strict';
import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { DecryptCommand, DisableKeyCommand, GenerateDataKeyPairCommand, type KMSClient } from '@aws-sdk/client-kms';
import { CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { configureKeyGenPool } from '../../../src/kms/crypto/index.js';
import { clientConfig, servedByWorkers, startTestServer, type TestServer } from '../../helpers/server.js';
import { createKey, kmsClient, otherAccount, rejects, rejectsWithoutMessage } from '../helpers.js';

describe('GenerateDataKeyPair', () => {
  let srv: TestServer;
  let kms: KMSClient;
  before(async () => {
    srv = await startTestServer();
    kms = kmsClient(srv);
  });
  after(() => srv.dispose());

  describe('serialization', () => {
    test('returns a matching PKCS#8 private key and SPKI public key, and the private key encrypted under the KMS key', async () => {
      const key = await createKey(kms);
      const out = await kms.send(new GenerateDataKeyPairCommand({ KeyId: key.KeyId, KeyPairSpec: 'ECC_NIST_P256', EncryptionContext: { k: 'v' } }));
      assert.equal(out.KeyId, key.Arn);
      assert.equal(out.KeyPairSpec, 'ECC_NIST_P256');
      assert.match(out.KeyMaterialId ?? '', /^[0-9a-f]{64}$/);
      const priv = createPrivateKey({ key: Buffer.from(out.PrivateKeyPlaintext!), format: 'der', type: 'pkcs8' });
      const pub = createPublicKey({ key: Buffer.from(out.PublicKey!), format: 'der', type: 'spki' });
      assert.equal(pub.asymmetricKeyDetails?.namedCurve, 'prime256v1');
      assert.ok(verify('sha256', Buffer.from('m'), pub, sign('sha256', Buffer.from('m'), priv)));
      const back = await kms.send(new DecryptCommand({ CiphertextBlob: out.PrivateKeyCiphertextBlob, EncryptionContext: { k: 'v' } }));
      assert.deepEqual(Buffer.from(back.Plaintext!), Buffer.from(out.PrivateKeyPlaintext!));
      await rejectsWithoutMessage(kms.send(new DecryptCommand({ CiphertextBlob: out.PrivateKeyCiphertextBlob })), 'InvalidCiphertextException');
    });

    test('makes RSA pairs of the requested size', async () => {
      const key = await createKey(kms);
      const out = await kms.send(new GenerateDataKeyPairCommand({ KeyId: key.KeyId, KeyPairSpec: 'RSA_2048' }));
      const pub = createPublicKey({ key: Buffer.from(out.PublicKey!), format: 'der', type: 'spki' });
      assert.equal(pub.asymmetricKeyDetails?.modulusLength, 2048);
    });
  });

  describe('validation', () => {
    test('returns UnsupportedOperationException for SM2 and Ed25519 pairs', async () => {
      const key = await createKey(kms);
      for (const spec of ['SM2', 'ECC_NIST_EDWARDS25519'] as const) {
        await rejects(
          kms.send(new GenerateDataKeyPairCommand({ KeyId: key.KeyId, KeyPairSpec: spec })),
          'UnsupportedOperationException',
          `KeyPairSpec ${spec} is not supported by this endpoint.`,
        );
      }
    });
  });

  describe('behaviour', () => {
    test('returns InvalidKeyUsageException for an asymmetric KMS key', async () => {
      const rsa = await createKey(kms, { KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' });
      await rejects(
        kms.send(new GenerateDataKeyPairCommand({ KeyId: rsa.KeyId, KeyPairSpec: 'ECC_NIST_P256' })),
        'InvalidKeyUsageException',
        'You cannot generate a data key with an asymmetric CMK',
      );
    });

    test('returns DisabledException for a disabled key', async () => {
      const key = await createKey(kms);
      await kms.send(new DisableKeyCommand({ KeyId: key.KeyId }));
      await rejects(kms.send(new GenerateDataKeyPairCommand({ KeyId: key.KeyId, KeyPairSpec: 'ECC_NIST_P256' })), 'DisabledException', `${key.Arn} is disabled.`);
    });

    test('answers DryRunOperationException when DryRun is set', async () => {
      const key = await createKey(kms);
      await rejects(
        kms.send(new GenerateDataKeyPairCommand({ KeyId: key.KeyId, KeyPairSpec: 'ECC_NIST_P384', DryRun: true })),
        'DryRunOperationException',
        'The request would have succeeded, but the DryRun option is set.',
      );
    });
  });

  describe('key generation workers', () => {
    test('8 concurrent RSA_4096 pairs leave other requests alone: a PutLogEvents of another account completes before the second pair', async () => {
      const key = await createKey(kms);
      const other = await otherAccount(srv);
      const logs = new CloudWatchLogsClient(clientConfig(srv.url, other.creds));
      try {
        await logs.send(new CreateLogGroupCommand({ logGroupName: 'busy' }));
        await logs.send(new CreateLogStreamCommand({ logGroupName: 'busy', logStreamName: 's' }));
        const order: string[] = [];
        const pairs = Array.from({ length: 8 }, () =>
          kms.send(new GenerateDataKeyPairCommand({ KeyId: key.KeyId, KeyPairSpec: 'RSA_4096' })).then((out) => {
            order.push('pair');
            return out;
          }),
        );
        await new Promise((r) => setTimeout(r, 50)); // the generations have started
        await logs.send(new PutLogEventsCommand({ logGroupName: 'busy', logStreamName: 's', logEvents: [{ timestamp: Date.now(), message: 'hello' }] }));
        order.push('put');
        const outs = await Promise.all(pairs);
        // The put waited behind five of the pairs when they ran on libuv's thread pool.
        assert.ok(order.indexOf('put') <= 1, `completion order: ${order.join(', ')}`);
        for (const out of outs) {
          assert.equal(createPublicKey({ key: Buffer.from(out.PublicKey!), format: 'der', type: 'spki' }).asymmetricKeyDetails?.modulusLength, 4096);
        }
      } finally {
        logs.destroy();
      }
    });

    test('returns ThrottlingException when the workers and their queue are full, and goes on once they have room', { skip: servedByWorkers }, async () => {
      const key = await createKey(kms);
      await configureKeyGenPool({ workers: 1, maxQueued: 0 });
      try {
        // One worker and no queue: while the first RSA_4096 pair is generated (a second or more), the others are
        // refused at once.
        const calls = Array.from({ length: 4 }, () => kms.send(new GenerateDataKeyPairCommand({ KeyId: key.KeyId, KeyPairSpec: 'RSA_4096' })));
        const settled = await Promise.allSettled(calls);
        assert.ok(settled.some((r) => r.status === 'fulfilled'));
        const refused = settled.find((r) => r.status === 'rejected') as PromiseRejectedResult | undefined;
        assert.ok(refused, 'some calls were refused');
        await rejects(Promise.reject(refused.reason), 'ThrottlingException', 'You have exceeded the rate at which you may call KMS. Reduce the frequency of your calls.');
        assert.equal(refused.reason.$metadata.httpStatusCode, 400);
        // Once the queue has room again, generation goes on.
        await kms.send(new GenerateDataKeyPairCommand({ KeyId: key.KeyId, KeyPairSpec: 'ECC_NIST_P256' }));
      } finally {
        await configureKeyGenPool({});
      }
    });
  });
});
