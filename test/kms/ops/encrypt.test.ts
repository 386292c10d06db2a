import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CreateAliasCommand,
  CreateKeyCommand,
  DecryptCommand,
  DisableKeyCommand,
  EncryptCommand,
  ScheduleKeyDeletionCommand,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { startTestServer, type TestServer } from '../../helpers/server.js';
import { createKey, keyPolicy, kmsClient, otherAccount, rejects, ROOT, utf8 } from '../helpers.js';

describe('Encrypt', () => {
  let srv: TestServer;
  let kms: KMSClient;
  before(async () => {
    srv = await startTestServer();
    kms = kmsClient(srv);
  });
  after(() => srv.dispose());

  describe('serialization', () => {
    test('returns the key ARN, the algorithm and a blob that Decrypt opens', async () => {
      const key = await createKey(kms);
      const out = await kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: utf8('hello') }));
      assert.equal(out.KeyId, key.Arn);
      assert.equal(out.EncryptionAlgorithm, 'SYMMETRIC_DEFAULT');
      const back = await kms.send(new DecryptCommand({ CiphertextBlob: out.CiphertextBlob }));
      assert.equal(Buffer.from(back.Plaintext!).toString(), 'hello');
    });

    test('accepts the key ARN, an alias name and an alias ARN as KeyId', async () => {
      const key = await createKey(kms);
      await kms.send(new CreateAliasCommand({ AliasName: 'alias/encrypt-test', TargetKeyId: key.KeyId }));
      for (const ref of [key.Arn!, 'alias/encrypt-test', 'arn:aws:kms:us-east-1:000000000000:alias/encrypt-test']) {
        const out = await kms.send(new EncryptCommand({ KeyId: ref, Plaintext: utf8('x') }));
        assert.equal(out.KeyId, key.Arn);
      }
    });

    test('encrypts with RSA-OAEP under an RSA key: a modulus-sized ciphertext Decrypt opens', async () => {
      const key = await createKey(kms, { KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' });
      const out = await kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: utf8('rsa secret'), EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' }));
      assert.equal(out.CiphertextBlob!.byteLength, 256);
      assert.equal(out.EncryptionAlgorithm, 'RSAES_OAEP_SHA_256');
      const back = await kms.send(
        new DecryptCommand({ KeyId: key.KeyId, CiphertextBlob: out.CiphertextBlob, EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' }),
      );
      assert.equal(Buffer.from(back.Plaintext!).toString(), 'rsa secret');
    });
  });

  describe('validation', () => {
    test('refuses more than 4096 bytes of plaintext', async () => {
      const key = await createKey(kms);
      await rejects(
        kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: new Uint8Array(4097) })),
        'ValidationException',
        "1 validation error detected: Value at 'plaintext' failed to satisfy constraint: Member must have length less than or equal to 4096",
      );
    });

    test('refuses plaintext larger than RSA-OAEP can hold for the key spec', async () => {
      const key = await createKey(kms, { KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' });
      await kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: new Uint8Array(190), EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' }));
      await rejects(
        kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: new Uint8Array(191), EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' })),
        'ValidationException',
        'Algorithm RSAES_OAEP_SHA_256 and key spec RSA_2048 cannot encrypt data larger than 190 bytes.',
      );
      await rejects(
        kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: new Uint8Array(215), EncryptionAlgorithm: 'RSAES_OAEP_SHA_1' })),
        'ValidationException',
        'Algorithm RSAES_OAEP_SHA_1 and key spec RSA_2048 cannot encrypt data larger than 214 bytes.',
      );
    });

    test('refuses an encryption context with an RSA key', async () => {
      const key = await createKey(kms, { KeySpec: 'RSA_3072', KeyUsage: 'ENCRYPT_DECRYPT' });
      await rejects(
        kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: utf8('x'), EncryptionAlgorithm: 'RSAES_OAEP_SHA_1', EncryptionContext: { a: 'b' } })),
        'ValidationException',
        'EncryptionContext is not supported when encrypting/decrypting with asymmetric CMKs.',
      );
    });

    test('refuses a malformed grant token', async () => {
      const key = await createKey(kms);
      await rejects(
        kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: utf8('x'), GrantTokens: ['not-a-token'] })),
        'InvalidGrantTokenException',
        'Invalid grant token.',
      );
    });
  });

  describe('behaviour', () => {
    test('returns NotFoundException for an unknown key', async () => {
      const id = '11111111-2222-3333-4444-555555555555';
      await rejects(
        kms.send(new EncryptCommand({ KeyId: id, Plaintext: utf8('x') })),
        'NotFoundException',
        `Key 'arn:aws:kms:us-east-1:000000000000:key/${id}' does not exist`,
      );
    });

    test('returns InvalidKeyUsageException for a signing key', async () => {
      const key = await createKey(kms, { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
      await rejects(
        kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: utf8('x') })),
        'InvalidKeyUsageException',
        `${key.Arn} key usage is SIGN_VERIFY which is not valid for Encrypt.`,
      );
    });

    test('returns InvalidKeyUsageException for an algorithm the key spec does not support', async () => {
      const rsa = await createKey(kms, { KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' });
      await rejects(
        kms.send(new EncryptCommand({ KeyId: rsa.KeyId, Plaintext: utf8('x') })),
        'InvalidKeyUsageException',
        'Algorithm SYMMETRIC_DEFAULT is incompatible with key spec RSA_2048.',
      );
      const sym = await createKey(kms);
      await rejects(
        kms.send(new EncryptCommand({ KeyId: sym.KeyId, Plaintext: utf8('x'), EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' })),
        'InvalidKeyUsageException',
        'Algorithm RSAES_OAEP_SHA_256 is incompatible with key spec SYMMETRIC_DEFAULT.',
      );
    });

    test('returns DisabledException for a disabled key', async () => {
      const key = await createKey(kms);
      await kms.send(new DisableKeyCommand({ KeyId: key.KeyId }));
      await rejects(kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: utf8('x') })), 'DisabledException', `${key.Arn} is disabled.`);
    });

    test('returns KMSInvalidStateException for a key pending deletion or pending import', async () => {
      const doomed = await createKey(kms);
      await kms.send(new ScheduleKeyDeletionCommand({ KeyId: doomed.KeyId, PendingWindowInDays: 7 }));
      await rejects(
        kms.send(new EncryptCommand({ KeyId: doomed.KeyId, Plaintext: utf8('x') })),
        'KMSInvalidStateException',
        `${doomed.Arn} is pending deletion.`,
      );
      const external = await createKey(kms, { Origin: 'EXTERNAL' });
      await rejects(
        kms.send(new EncryptCommand({ KeyId: external.KeyId, Plaintext: utf8('x') })),
        'KMSInvalidStateException',
        `${external.Arn} is pending import.`,
      );
    });

    test('answers DryRunOperationException instead of encrypting when DryRun is set', async () => {
      const key = await createKey(kms);
      await rejects(
        kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: utf8('x'), DryRun: true })),
        'DryRunOperationException',
        'The request would have succeeded, but the DryRun option is set.',
      );
    });

    test('a key policy condition on kms:EncryptionContext:aws:logs:arn allows the matching context and denies others', async () => {
      const logGroup = 'arn:aws:logs:us-east-1:000000000000:log-group:app';
      const policy = keyPolicy({
        Sid: 'logs',
        Effect: 'Allow',
        Principal: { AWS: ROOT },
        Action: ['kms:Encrypt', 'kms:Decrypt'],
        Resource: '*',
        Condition: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': logGroup } },
      });
      const key = (await kms.send(new CreateKeyCommand({ Policy: policy }))).KeyMetadata!;
      const out = await kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: utf8('x'), EncryptionContext: { 'aws:logs:arn': logGroup } }));
      assert.equal(out.KeyId, key.Arn);
      const denied = `User: ${ROOT} is not authorized to perform: kms:Encrypt on resource: ${key.Arn} because no resource-based policy allows the kms:Encrypt action`;
      await rejects(
        kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: utf8('x'), EncryptionContext: { 'aws:logs:arn': `${logGroup}-other` } })),
        'AccessDeniedException',
        denied,
      );
      await rejects(kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: utf8('x') })), 'AccessDeniedException', denied);
    });

    test('another account encrypts with the key ARN when the key policy allows it, and not by key id', async () => {
      const other = await otherAccount(srv);
      const otherRoot = `arn:aws:iam::${other.accountId}:root`;
      const policy = keyPolicy({ Sid: 'other', Effect: 'Allow', Principal: { AWS: otherRoot }, Action: 'kms:Encrypt', Resource: '*' });
      const key = (await kms.send(new CreateKeyCommand({ Policy: policy }))).KeyMetadata!;
      const theirs = kmsClient(srv, 'us-east-1', other.creds);
      const out = await theirs.send(new EncryptCommand({ KeyId: key.Arn, Plaintext: utf8('x') }));
      assert.equal(out.KeyId, key.Arn);
      await rejects(
        theirs.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: utf8('x') })),
        'NotFoundException',
        `Key 'arn:aws:kms:us-east-1:${other.accountId}:key/${key.KeyId}' does not exist`,
      );
    });

  });
});
