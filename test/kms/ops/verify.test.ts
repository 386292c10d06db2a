import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { ScheduleKeyDeletionCommand, SignCommand, VerifyCommand, type KMSClient } from '@aws-sdk/client-kms';
import { startTestServer, type TestServer } from '../../helpers/server.js';
import { createKey, kmsClient, rejects, rejectsWithoutMessage, utf8 } from '../helpers.js';

describe('Verify', () => {
  let srv: TestServer;
  let kms: KMSClient;
  let keyId: string;
  let signature: Uint8Array;
  before(async () => {
    srv = await startTestServer();
    kms = kmsClient(srv);
    keyId = (await createKey(kms, { KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' })).KeyId!;
    signature = (await kms.send(new SignCommand({ KeyId: keyId, Message: utf8('signed'), SigningAlgorithm: 'RSASSA_PSS_SHA_256' }))).Signature!;
  });
  after(() => srv.dispose());

  describe('serialization', () => {
    test('returns SignatureValid, the key ARN and the algorithm for a valid signature', async () => {
      const out = await kms.send(new VerifyCommand({ KeyId: keyId, Message: utf8('signed'), Signature: signature, SigningAlgorithm: 'RSASSA_PSS_SHA_256' }));
      assert.equal(out.SignatureValid, true);
      assert.equal(out.KeyId, `arn:aws:kms:us-east-1:000000000000:key/${keyId}`);
      assert.equal(out.SigningAlgorithm, 'RSASSA_PSS_SHA_256');
    });

    test('verifies a RAW signature given the DIGEST of the message', async () => {
      const digest = createHash('sha256').update('signed').digest();
      const out = await kms.send(new VerifyCommand({ KeyId: keyId, Message: digest, MessageType: 'DIGEST', Signature: signature, SigningAlgorithm: 'RSASSA_PSS_SHA_256' }));
      assert.equal(out.SignatureValid, true);
    });
  });

  describe('validation', () => {
    test('refuses a DIGEST of the wrong length for the algorithm', async () => {
      await rejects(
        kms.send(new VerifyCommand({ KeyId: keyId, Message: new Uint8Array(32), MessageType: 'DIGEST', Signature: signature, SigningAlgorithm: 'RSASSA_PSS_SHA_384' })),
        'ValidationException',
        'Digest is invalid length for algorithm RSASSA_PSS_SHA_384.',
      );
    });
  });

  describe('behaviour', () => {
    test('returns KMSInvalidSignatureException for another message, a tampered signature or another algorithm', async () => {
      const tampered = Buffer.from(signature);
      tampered[10]! ^= 1;
      const cases = [
        { Message: utf8('other'), Signature: signature, SigningAlgorithm: 'RSASSA_PSS_SHA_256' as const },
        { Message: utf8('signed'), Signature: tampered, SigningAlgorithm: 'RSASSA_PSS_SHA_256' as const },
        { Message: utf8('signed'), Signature: signature, SigningAlgorithm: 'RSASSA_PKCS1_V1_5_SHA_256' as const },
        { Message: utf8('signed'), Signature: utf8('garbage'), SigningAlgorithm: 'RSASSA_PSS_SHA_256' as const },
      ];
      for (const c of cases) await rejectsWithoutMessage(kms.send(new VerifyCommand({ KeyId: keyId, ...c })), 'KMSInvalidSignatureException');
    });

    test('returns InvalidKeyUsageException for an encryption key', async () => {
      const key = await createKey(kms);
      await rejects(
        kms.send(new VerifyCommand({ KeyId: key.KeyId, Message: utf8('m'), Signature: signature, SigningAlgorithm: 'RSASSA_PSS_SHA_256' })),
        'InvalidKeyUsageException',
        `${key.Arn} key usage is ENCRYPT_DECRYPT which is not valid for Verify.`,
      );
    });

    test('returns KMSInvalidStateException for a key pending deletion', async () => {
      const key = await createKey(kms, { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
      await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
      await rejects(
        kms.send(new VerifyCommand({ KeyId: key.KeyId, Message: utf8('m'), Signature: signature, SigningAlgorithm: 'ECDSA_SHA_256' })),
        'KMSInvalidStateException',
        `${key.Arn} is pending deletion.`,
      );
    });
  });
});
