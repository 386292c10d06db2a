import assert from 'node:assert/strict';
import { createPublicKey, diffieHellman, generateKeyPairSync } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { DeriveSharedSecretCommand, DisableKeyCommand, GetPublicKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import { startTestServer, type TestServer } from '../../helpers/server.js';
import { createKey, kmsClient, rejects } from '../helpers.js';

describe('DeriveSharedSecret', () => {
  let srv: TestServer;
  let kms: KMSClient;
  before(async () => {
    srv = await startTestServer();
    kms = kmsClient(srv);
  });
  after(() => srv.dispose());

  const peer = () => generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const spki = (k: ReturnType<typeof peer>['publicKey']) => k.export({ type: 'spki', format: 'der' });

  describe('serialization', () => {
    test("returns the ECDH secret the peer derives from the KMS key's public key, with the key ARN and origin", async () => {
      const key = await createKey(kms, { KeySpec: 'ECC_NIST_P256', KeyUsage: 'KEY_AGREEMENT' });
      const bob = peer();
      const out = await kms.send(new DeriveSharedSecretCommand({ KeyId: key.KeyId, KeyAgreementAlgorithm: 'ECDH', PublicKey: spki(bob.publicKey) }));
      assert.equal(out.KeyId, key.Arn);
      assert.equal(out.KeyAgreementAlgorithm, 'ECDH');
      assert.equal(out.KeyOrigin, 'AWS_KMS');
      const alice = (await kms.send(new GetPublicKeyCommand({ KeyId: key.KeyId }))).PublicKey!;
      const expected = diffieHellman({ privateKey: bob.privateKey, publicKey: createPublicKey({ key: Buffer.from(alice), format: 'der', type: 'spki' }) });
      assert.deepEqual(Buffer.from(out.SharedSecret!), expected);
    });
  });

  describe('validation', () => {
    test("refuses a public key on another curve than the KMS key's", async () => {
      const key = await createKey(kms, { KeySpec: 'ECC_NIST_P384', KeyUsage: 'KEY_AGREEMENT' });
      await rejects(
        kms.send(new DeriveSharedSecretCommand({ KeyId: key.KeyId, KeyAgreementAlgorithm: 'ECDH', PublicKey: spki(peer().publicKey) })),
        'ValidationException',
        'PublicKey is not a valid public key for key spec ECC_NIST_P384.',
      );
    });
  });

  describe('behaviour', () => {
    test('returns InvalidKeyUsageException for a signing key', async () => {
      const key = await createKey(kms, { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
      await rejects(
        kms.send(new DeriveSharedSecretCommand({ KeyId: key.KeyId, KeyAgreementAlgorithm: 'ECDH', PublicKey: spki(peer().publicKey) })),
        'InvalidKeyUsageException',
        `${key.Arn} key usage is SIGN_VERIFY which is not valid for DeriveSharedSecret.`,
      );
    });

    test('returns DisabledException for a disabled key, and DryRunOperationException when DryRun is set', async () => {
      const key = await createKey(kms, { KeySpec: 'ECC_NIST_P256', KeyUsage: 'KEY_AGREEMENT' });
      const req = { KeyId: key.KeyId, KeyAgreementAlgorithm: 'ECDH' as const, PublicKey: spki(peer().publicKey) };
      await rejects(kms.send(new DeriveSharedSecretCommand({ ...req, DryRun: true })), 'DryRunOperationException', 'The request would have succeeded, but the DryRun option is set.');
      await kms.send(new DisableKeyCommand({ KeyId: key.KeyId }));
      await rejects(kms.send(new DeriveSharedSecretCommand(req)), 'DisabledException', `${key.Arn} is disabled.`);
    });
  });
});
