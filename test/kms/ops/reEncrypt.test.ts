import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateKeyCommand, DecryptCommand, DisableKeyCommand, EncryptCommand, ReEncryptCommand, type KMSClient } from '@aws-sdk/client-kms';
import { startTestServer, type TestServer } from '../../helpers/server.js';
import { createKey, keyPolicy, kmsClient, rejects, rejectsWithoutMessage, ROOT, utf8 } from '../helpers.js';

describe('ReEncrypt', () => {
  let srv: TestServer;
  let kms: KMSClient;
  before(async () => {
    srv = await startTestServer();
    kms = kmsClient(srv);
  });
  after(() => srv.dispose());

  async function encrypted(keyId: string, ec?: Record<string, string>): Promise<Uint8Array> {
    return (await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8('moving'), EncryptionContext: ec }))).CiphertextBlob!;
  }

  describe('serialization', () => {
    test('returns a blob of the destination key with both key ARNs, algorithms and material ids', async () => {
      const from = await createKey(kms);
      const to = await createKey(kms);
      const out = await kms.send(
        new ReEncryptCommand({
          CiphertextBlob: await encrypted(from.KeyId!, { a: '1' }),
          SourceEncryptionContext: { a: '1' },
          DestinationKeyId: to.KeyId,
          DestinationEncryptionContext: { b: '2' },
        }),
      );
      assert.equal(out.SourceKeyId, from.Arn);
      assert.equal(out.KeyId, to.Arn);
      assert.equal(out.SourceEncryptionAlgorithm, 'SYMMETRIC_DEFAULT');
      assert.equal(out.DestinationEncryptionAlgorithm, 'SYMMETRIC_DEFAULT');
      assert.match(out.SourceKeyMaterialId ?? '', /^[0-9a-f]{64}$/);
      assert.match(out.DestinationKeyMaterialId ?? '', /^[0-9a-f]{64}$/);
      const back = await kms.send(new DecryptCommand({ CiphertextBlob: out.CiphertextBlob, EncryptionContext: { b: '2' } }));
      assert.equal(Buffer.from(back.Plaintext!).toString(), 'moving');
      assert.equal(back.KeyId, to.Arn);
    });

    test('re-encrypts a symmetric blob under an RSA key', async () => {
      const from = await createKey(kms);
      const to = await createKey(kms, { KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' });
      const out = await kms.send(
        new ReEncryptCommand({ CiphertextBlob: await encrypted(from.KeyId!), DestinationKeyId: to.KeyId, DestinationEncryptionAlgorithm: 'RSAES_OAEP_SHA_256' }),
      );
      assert.equal(out.DestinationEncryptionAlgorithm, 'RSAES_OAEP_SHA_256');
      assert.equal(out.DestinationKeyMaterialId, undefined);
      assert.equal(out.CiphertextBlob!.byteLength, 256);
      const back = await kms.send(new DecryptCommand({ KeyId: to.KeyId, CiphertextBlob: out.CiphertextBlob, EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' }));
      assert.equal(Buffer.from(back.Plaintext!).toString(), 'moving');
    });
  });

  describe('validation', () => {
    test('refuses an encryption context for an RSA destination', async () => {
      const from = await createKey(kms);
      const to = await createKey(kms, { KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' });
      await rejects(
        kms.send(
          new ReEncryptCommand({
            CiphertextBlob: await encrypted(from.KeyId!),
            DestinationKeyId: to.KeyId,
            DestinationEncryptionAlgorithm: 'RSAES_OAEP_SHA_1',
            DestinationEncryptionContext: { a: 'b' },
          }),
        ),
        'ValidationException',
        'EncryptionContext is not supported when encrypting/decrypting with asymmetric CMKs.',
      );
    });
  });

  describe('behaviour', () => {
    test('returns IncorrectKeyException when SourceKeyId is not the key that encrypted', async () => {
      const from = await createKey(kms);
      const wrong = await createKey(kms);
      await rejects(
        kms.send(new ReEncryptCommand({ CiphertextBlob: await encrypted(from.KeyId!), SourceKeyId: wrong.KeyId, DestinationKeyId: wrong.KeyId })),
        'IncorrectKeyException',
        'The key ID in the request does not identify a CMK that can perform this operation.',
      );
    });

    test('returns InvalidCiphertextException for the wrong source encryption context', async () => {
      const key = await createKey(kms);
      await rejectsWithoutMessage(
        kms.send(new ReEncryptCommand({ CiphertextBlob: await encrypted(key.KeyId!, { a: '1' }), DestinationKeyId: key.KeyId })),
        'InvalidCiphertextException',
      );
    });

    test('returns DisabledException for a disabled destination key', async () => {
      const from = await createKey(kms);
      const to = await createKey(kms);
      await kms.send(new DisableKeyCommand({ KeyId: to.KeyId }));
      await rejects(
        kms.send(new ReEncryptCommand({ CiphertextBlob: await encrypted(from.KeyId!), DestinationKeyId: to.KeyId })),
        'DisabledException',
        `${to.Arn} is disabled.`,
      );
    });

    test('returns InvalidKeyUsageException for a destination that cannot encrypt', async () => {
      const from = await createKey(kms);
      const to = await createKey(kms, { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
      await rejects(
        kms.send(new ReEncryptCommand({ CiphertextBlob: await encrypted(from.KeyId!), DestinationKeyId: to.KeyId })),
        'InvalidKeyUsageException',
        `${to.Arn} key usage is GENERATE_VERIFY_MAC which is not valid for ReEncrypt.`,
      );
    });

    test('needs kms:ReEncryptFrom on the source key and kms:ReEncryptTo on the destination key', async () => {
      const only = (action: string) => keyPolicy({ Sid: 'use', Effect: 'Allow', Principal: { AWS: ROOT }, Action: ['kms:Encrypt', action], Resource: '*' });
      const fromOnly = (await kms.send(new CreateKeyCommand({ Policy: only('kms:ReEncryptFrom') }))).KeyMetadata!;
      const toOnly = (await kms.send(new CreateKeyCommand({ Policy: only('kms:ReEncryptTo') }))).KeyMetadata!;
      const blob = await encrypted(fromOnly.KeyId!);
      const out = await kms.send(new ReEncryptCommand({ CiphertextBlob: blob, DestinationKeyId: toOnly.KeyId }));
      assert.equal(out.KeyId, toOnly.Arn);
      await rejects(
        kms.send(new ReEncryptCommand({ CiphertextBlob: await encrypted(toOnly.KeyId!), DestinationKeyId: toOnly.KeyId })),
        'AccessDeniedException',
        `User: ${ROOT} is not authorized to perform: kms:ReEncryptFrom on resource: ${toOnly.Arn} because no resource-based policy allows the kms:ReEncryptFrom action`,
      );
      await rejects(
        kms.send(new ReEncryptCommand({ CiphertextBlob: blob, DestinationKeyId: fromOnly.KeyId })),
        'AccessDeniedException',
        `User: ${ROOT} is not authorized to perform: kms:ReEncryptTo on resource: ${fromOnly.Arn} because no resource-based policy allows the kms:ReEncryptTo action`,
      );
    });

    test('answers DryRunOperationException when DryRun is set', async () => {
      const key = await createKey(kms);
      await rejects(
        kms.send(new ReEncryptCommand({ CiphertextBlob: await encrypted(key.KeyId!), DestinationKeyId: key.KeyId, DryRun: true })),
        'DryRunOperationException',
        'The request would have succeeded, but the DryRun option is set.',
      );
    });
  });
});
