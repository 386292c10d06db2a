import assert from 'node:assert/strict';
import { constants, createHash, createPublicKey, verify as nodeVerify } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { CreateKeyCommand, DisableKeyCommand, GetPublicKeyCommand, SignCommand, type KMSClient } from '@aws-sdk/client-kms';
import { startTestServer, type TestServer } from '../../helpers/server.js';
import { createKey, keyPolicy, kmsClient, rejects, ROOT, utf8 } from '../helpers.js';

describe('Sign', () => {
  let srv: TestServer;
  let kms: KMSClient;
  let rsaKeyId: string;
  let eccKeyId: string;
  before(async () => {
    srv = await startTestServer();
    kms = kmsClient(srv);
    rsaKeyId = (await createKey(kms, { KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' })).KeyId!;
    eccKeyId = (await createKey(kms, { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' })).KeyId!;
  });
  after(() => srv.dispose());

  async function publicKey(keyId: string) {
    const out = await kms.send(new GetPublicKeyCommand({ KeyId: keyId }));
    return createPublicKey({ key: Buffer.from(out.PublicKey!), format: 'der', type: 'spki' });
  }

  describe('serialization', () => {
    test('returns the key ARN, the algorithm and a DER ECDSA signature node:crypto verifies with the SPKI', async () => {
      const out = await kms.send(new SignCommand({ KeyId: eccKeyId, Message: utf8('to be signed'), SigningAlgorithm: 'ECDSA_SHA_256' }));
      assert.equal(out.KeyId, `arn:aws:kms:us-east-1:000000000000:key/${eccKeyId}`);
      assert.equal(out.SigningAlgorithm, 'ECDSA_SHA_256');
      const pub = await publicKey(eccKeyId);
      assert.ok(nodeVerify('sha256', utf8('to be signed'), { key: pub, dsaEncoding: 'der' }, out.Signature!));
      assert.ok(!nodeVerify('sha256', utf8('something else'), { key: pub, dsaEncoding: 'der' }, out.Signature!));
    });

    test('makes RSASSA-PSS (digest-length salt) and PKCS#1 v1.5 signatures node:crypto verifies', async () => {
      const pub = await publicKey(rsaKeyId);
      const pss = await kms.send(new SignCommand({ KeyId: rsaKeyId, Message: utf8('m'), SigningAlgorithm: 'RSASSA_PSS_SHA_384' }));
      assert.ok(nodeVerify('sha384', utf8('m'), { key: pub, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 48 }, pss.Signature!));
      const pkcs1 = await kms.send(new SignCommand({ KeyId: rsaKeyId, Message: utf8('m'), SigningAlgorithm: 'RSASSA_PKCS1_V1_5_SHA_512' }));
      assert.ok(nodeVerify('sha512', utf8('m'), { key: pub, padding: constants.RSA_PKCS1_PADDING }, pkcs1.Signature!));
    });

    test('signs a DIGEST message as the digest of the message', async () => {
      const digest = createHash('sha256').update('big document').digest();
      const out = await kms.send(new SignCommand({ KeyId: eccKeyId, Message: digest, MessageType: 'DIGEST', SigningAlgorithm: 'ECDSA_SHA_256' }));
      assert.ok(nodeVerify('sha256', utf8('big document'), { key: await publicKey(eccKeyId), dsaEncoding: 'der' }, out.Signature!));
    });
  });

  describe('validation', () => {
    test('refuses a DIGEST of the wrong length for the algorithm', async () => {
      await rejects(
        kms.send(new SignCommand({ KeyId: rsaKeyId, Message: new Uint8Array(20), MessageType: 'DIGEST', SigningAlgorithm: 'RSASSA_PSS_SHA_256' })),
        'ValidationException',
        'Digest is invalid length for algorithm RSASSA_PSS_SHA_256.',
      );
    });

    test('refuses the EXTERNAL_MU message type for an ECC key', async () => {
      await rejects(
        kms.send(new SignCommand({ KeyId: eccKeyId, Message: new Uint8Array(64), MessageType: 'EXTERNAL_MU', SigningAlgorithm: 'ECDSA_SHA_256' })),
        'ValidationException',
        'Message type EXTERNAL_MU is incompatible with key spec ECC_NIST_P256.',
      );
    });
  });

  describe('behaviour', () => {
    test('returns InvalidKeyUsageException for an algorithm of another key spec, before checking the digest', async () => {
      await rejects(
        kms.send(new SignCommand({ KeyId: eccKeyId, Message: new Uint8Array(20), MessageType: 'DIGEST', SigningAlgorithm: 'ECDSA_SHA_384' })),
        'InvalidKeyUsageException',
        'Algorithm ECDSA_SHA_384 is incompatible with key spec ECC_NIST_P256.',
      );
    });

    test('returns InvalidKeyUsageException for a key that is not a signing key', async () => {
      const key = await createKey(kms, { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
      await rejects(
        kms.send(new SignCommand({ KeyId: key.KeyId, Message: utf8('m'), SigningAlgorithm: 'ECDSA_SHA_256' })),
        'InvalidKeyUsageException',
        `${key.Arn} key usage is GENERATE_VERIFY_MAC which is not valid for Sign.`,
      );
    });

    test('returns DisabledException for a disabled key', async () => {
      const key = await createKey(kms, { KeySpec: 'ECC_NIST_P384', KeyUsage: 'SIGN_VERIFY' });
      await kms.send(new DisableKeyCommand({ KeyId: key.KeyId }));
      await rejects(kms.send(new SignCommand({ KeyId: key.KeyId, Message: utf8('m'), SigningAlgorithm: 'ECDSA_SHA_384' })), 'DisabledException', `${key.Arn} is disabled.`);
    });

    test('a key policy condition on kms:SigningAlgorithm allows only that algorithm', async () => {
      const policy = keyPolicy({
        Sid: 'pss-only',
        Effect: 'Allow',
        Principal: { AWS: ROOT },
        Action: 'kms:Sign',
        Resource: '*',
        Condition: { StringEquals: { 'kms:SigningAlgorithm': 'RSASSA_PSS_SHA_256' } },
      });
      const key = (await kms.send(new CreateKeyCommand({ Policy: policy, KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' }))).KeyMetadata!;
      await kms.send(new SignCommand({ KeyId: key.KeyId, Message: utf8('m'), SigningAlgorithm: 'RSASSA_PSS_SHA_256' }));
      await rejects(
        kms.send(new SignCommand({ KeyId: key.KeyId, Message: utf8('m'), SigningAlgorithm: 'RSASSA_PKCS1_V1_5_SHA_256' })),
        'AccessDeniedException',
        `User: ${ROOT} is not authorized to perform: kms:Sign on resource: ${key.Arn} because no resource-based policy allows the kms:Sign action`,
      );
    });

    test('answers DryRunOperationException when DryRun is set', async () => {
      await rejects(
        kms.send(new SignCommand({ KeyId: eccKeyId, Message: utf8('m'), SigningAlgorithm: 'ECDSA_SHA_256', DryRun: true })),
        'DryRunOperationException',
        'The request would have succeeded, but the DryRun option is set.',
      );
    });
  });
});
