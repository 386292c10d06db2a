import assert from 'node:assert/strict';
import { createPublicKey } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { DisableKeyCommand, GetPublicKeyCommand, ScheduleKeyDeletionCommand, type KMSClient } from '@aws-sdk/client-kms';
import { startTestServer, type TestServer } from '../../helpers/server.js';
import { createKey, kmsClient, rejects, rejectsWithoutMessage } from '../helpers.js';

describe('GetPublicKey', () => {
  let srv: TestServer;
  let kms: KMSClient;
  before(async () => {
    srv = await startTestServer();
    kms = kmsClient(srv);
  });
  after(() => srv.dispose());

  describe('serialization', () => {
    test('returns the SPKI public key with the key ARN, spec, usage and signing algorithms', async () => {
      const key = await createKey(kms, { KeySpec: 'ECC_NIST_P384', KeyUsage: 'SIGN_VERIFY' });
      const out = await kms.send(new GetPublicKeyCommand({ KeyId: key.KeyId }));
      assert.equal(out.KeyId, key.Arn);
      assert.equal(out.KeySpec, 'ECC_NIST_P384');
      assert.equal(out.CustomerMasterKeySpec, 'ECC_NIST_P384');
      assert.equal(out.KeyUsage, 'SIGN_VERIFY');
      assert.deepEqual(out.SigningAlgorithms, ['ECDSA_SHA_384']);
      assert.equal(out.EncryptionAlgorithms, undefined);
      const pub = createPublicKey({ key: Buffer.from(out.PublicKey!), format: 'der', type: 'spki' });
      assert.equal(pub.asymmetricKeyDetails?.namedCurve, 'secp384r1');
    });

    test('lists the encryption algorithms of an RSA encryption key and the key agreement algorithm of an ECDH key', async () => {
      const rsa = await createKey(kms, { KeySpec: 'RSA_3072', KeyUsage: 'ENCRYPT_DECRYPT' });
      const r = await kms.send(new GetPublicKeyCommand({ KeyId: rsa.KeyId }));
      assert.deepEqual(r.EncryptionAlgorithms, ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256']);
      assert.equal(createPublicKey({ key: Buffer.from(r.PublicKey!), format: 'der', type: 'spki' }).asymmetricKeyDetails?.modulusLength, 3072);
      const ecdh = await createKey(kms, { KeySpec: 'ECC_NIST_P256', KeyUsage: 'KEY_AGREEMENT' });
      assert.deepEqual((await kms.send(new GetPublicKeyCommand({ KeyId: ecdh.KeyId }))).KeyAgreementAlgorithms, ['ECDH']);
    });
  });

  describe('validation', () => {
    test('returns NotFoundException for an unknown alias', async () => {
      await rejects(
        kms.send(new GetPublicKeyCommand({ KeyId: 'alias/nothing-here' })),
        'NotFoundException',
        'Alias arn:aws:kms:us-east-1:000000000000:alias/nothing-here is not found.',
      );
    });
  });

  describe('behaviour', () => {
    test('returns UnsupportedOperationException for a symmetric key and an HMAC key', async () => {
      const sym = await createKey(kms);
      await rejectsWithoutMessage(kms.send(new GetPublicKeyCommand({ KeyId: sym.KeyId })), 'UnsupportedOperationException');
      const hmac = await createKey(kms, { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
      await rejectsWithoutMessage(kms.send(new GetPublicKeyCommand({ KeyId: hmac.KeyId })), 'UnsupportedOperationException');
    });

    test('returns DisabledException for a disabled key', async () => {
      const key = await createKey(kms, { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
      await kms.send(new DisableKeyCommand({ KeyId: key.KeyId }));
      await rejects(kms.send(new GetPublicKeyCommand({ KeyId: key.KeyId })), 'DisabledException', `${key.Arn} is disabled.`);
    });

    test('returns KMSInvalidStateException for a key pending deletion', async () => {
      const key = await createKey(kms, { KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' });
      await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
      await rejects(kms.send(new GetPublicKeyCommand({ KeyId: key.KeyId })), 'KMSInvalidStateException', `${key.Arn} is pending deletion.`);
    });
  });
});
