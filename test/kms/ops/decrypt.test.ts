import assert from 'node:assert/strict';
import { constants, createPublicKey, publicEncrypt } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import {
  CreateAliasCommand,
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EncryptCommand,
  GetPublicKeyCommand,
  ReplicateKeyCommand,
  RotateKeyOnDemandCommand,
  ScheduleKeyDeletionCommand,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { startTestServer, type TestServer } from '../../helpers/server.js';
import { createKey, keyPolicy, kmsClient, otherAccount, rejects, rejectsWithoutMessage, ROOT, utf8 } from '../helpers.js';

describe('Decrypt', () => {
  let srv: TestServer;
  let kms: KMSClient;
  before(async () => {
    srv = await startTestServer();
    kms = kmsClient(srv);
  });
  after(() => srv.dispose());

  async function encrypted(keyId: string, text = 'secret', ec?: Record<string, string>): Promise<Uint8Array> {
    return (await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8(text), EncryptionContext: ec }))).CiphertextBlob!;
  }

  describe('serialization', () => {
    test('returns the plaintext, the key ARN, the algorithm and the key material id', async () => {
      const key = await createKey(kms);
      const out = await kms.send(new DecryptCommand({ CiphertextBlob: await encrypted(key.KeyId!) }));
      assert.equal(Buffer.from(out.Plaintext!).toString(), 'secret');
      assert.equal(out.KeyId, key.Arn);
      assert.equal(out.EncryptionAlgorithm, 'SYMMETRIC_DEFAULT');
      const described = await kms.send(new DescribeKeyCommand({ KeyId: key.KeyId }));
      assert.equal(out.KeyMaterialId, described.KeyMetadata!.CurrentKeyMaterialId);
    });

    test('accepts the key id, key ARN, alias name or alias ARN of the key that encrypted', async () => {
      const key = await createKey(kms);
      await kms.send(new CreateAliasCommand({ AliasName: 'alias/decrypt-test', TargetKeyId: key.KeyId }));
      const blob = await encrypted(key.KeyId!);
      for (const ref of [key.KeyId!, key.Arn!, 'alias/decrypt-test', 'arn:aws:kms:us-east-1:000000000000:alias/decrypt-test']) {
        const out = await kms.send(new DecryptCommand({ CiphertextBlob: blob, KeyId: ref }));
        assert.equal(out.KeyId, key.Arn);
      }
    });
  });

  describe('validation', () => {
    test('refuses a Recipient attestation document', async () => {
      const key = await createKey(kms);
      await rejects(
        kms.send(new DecryptCommand({ CiphertextBlob: await encrypted(key.KeyId!), Recipient: { KeyEncryptionAlgorithm: 'RSAES_OAEP_SHA_256', AttestationDocument: new Uint8Array(8) } })),
        'ValidationException',
        'Recipient attestation documents are not supported by this endpoint.',
      );
    });
  });

  describe('behaviour', () => {
    test('returns IncorrectKeyException when KeyId is not the key that encrypted', async () => {
      const key = await createKey(kms);
      const other = await createKey(kms);
      await rejects(
        kms.send(new DecryptCommand({ CiphertextBlob: await encrypted(key.KeyId!), KeyId: other.KeyId })),
        'IncorrectKeyException',
        'The key ID in the request does not identify a CMK that can perform this operation.',
      );
    });

    test('returns InvalidCiphertextException for a different or missing encryption context', async () => {
      const key = await createKey(kms);
      const blob = await encrypted(key.KeyId!, 'x', { tenant: 'a' });
      await rejectsWithoutMessage(kms.send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: { tenant: 'b' } })), 'InvalidCiphertextException');
      await rejectsWithoutMessage(kms.send(new DecryptCommand({ CiphertextBlob: blob })), 'InvalidCiphertextException');
      const out = await kms.send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: { tenant: 'a' } }));
      assert.equal(Buffer.from(out.Plaintext!).toString(), 'x');
    });

    test('returns InvalidCiphertextException for a tampered blob and for bytes that are no blob', async () => {
      const key = await createKey(kms);
      const blob = Buffer.from(await encrypted(key.KeyId!));
      blob[blob.length - 20]! ^= 1;
      await rejectsWithoutMessage(kms.send(new DecryptCommand({ CiphertextBlob: blob })), 'InvalidCiphertextException');
      await rejectsWithoutMessage(kms.send(new DecryptCommand({ CiphertextBlob: utf8('not a ciphertext at all') })), 'InvalidCiphertextException');
    });

    test("refuses to decrypt in another region with that region's keys", async () => {
      const key = await createKey(kms);
      const blob = await encrypted(key.KeyId!);
      const west = kmsClient(srv, 'us-west-2');
      await rejectsWithoutMessage(west.send(new DecryptCommand({ CiphertextBlob: blob })), 'InvalidCiphertextException');
      const westKey = await createKey(west);
      await rejects(
        west.send(new DecryptCommand({ CiphertextBlob: blob, KeyId: westKey.KeyId })),
        'IncorrectKeyException',
        'The key ID in the request does not identify a CMK that can perform this operation.',
      );
    });

    test('a multi-Region replica decrypts what its primary encrypted', async () => {
      const primary = await createKey(kms, { MultiRegion: true });
      const blob = await encrypted(primary.KeyId!, 'everywhere');
      const replica = (await kms.send(new ReplicateKeyCommand({ KeyId: primary.KeyId, ReplicaRegion: 'eu-west-1' }))).ReplicaKeyMetadata!;
      const out = await kmsClient(srv, 'eu-west-1').send(new DecryptCommand({ CiphertextBlob: blob }));
      assert.equal(Buffer.from(out.Plaintext!).toString(), 'everywhere');
      assert.equal(out.KeyId, replica.Arn);
    });

    test('decrypts blobs made before a rotation, reporting the material that made them', async () => {
      const key = await createKey(kms);
      const before = await encrypted(key.KeyId!, 'old');
      const oldMaterial = (await kms.send(new DecryptCommand({ CiphertextBlob: before }))).KeyMaterialId;
      await kms.send(new RotateKeyOnDemandCommand({ KeyId: key.KeyId }));
      const out = await kms.send(new DecryptCommand({ CiphertextBlob: before }));
      assert.equal(Buffer.from(out.Plaintext!).toString(), 'old');
      assert.equal(out.KeyMaterialId, oldMaterial);
      const fresh = await kms.send(new DecryptCommand({ CiphertextBlob: await encrypted(key.KeyId!) }));
      assert.notEqual(fresh.KeyMaterialId, oldMaterial);
    });

    test('returns DisabledException and KMSInvalidStateException for a disabled key and a key pending deletion', async () => {
      const off = await createKey(kms);
      const offBlob = await encrypted(off.KeyId!);
      await kms.send(new DisableKeyCommand({ KeyId: off.KeyId }));
      await rejects(kms.send(new DecryptCommand({ CiphertextBlob: offBlob })), 'DisabledException', `${off.Arn} is disabled.`);
      const doomed = await createKey(kms);
      const doomedBlob = await encrypted(doomed.KeyId!);
      await kms.send(new ScheduleKeyDeletionCommand({ KeyId: doomed.KeyId, PendingWindowInDays: 7 }));
      await rejects(kms.send(new DecryptCommand({ CiphertextBlob: doomedBlob })), 'KMSInvalidStateException', `${doomed.Arn} is pending deletion.`);
    });

    test('decrypts RSA-OAEP ciphertext made with the public key from GetPublicKey', async () => {
      const key = await createKey(kms, { KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' });
      const spki = (await kms.send(new GetPublicKeyCommand({ KeyId: key.KeyId }))).PublicKey!;
      const pub = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
      const blob = publicEncrypt({ key: pub, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, utf8('made outside'));
      const out = await kms.send(new DecryptCommand({ KeyId: key.KeyId, CiphertextBlob: blob, EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' }));
      assert.equal(Buffer.from(out.Plaintext!).toString(), 'made outside');
      assert.equal(out.EncryptionAlgorithm, 'RSAES_OAEP_SHA_256');
      assert.equal(out.KeyMaterialId, undefined);
      // The wrong OAEP hash, or the default algorithm, cannot open it.
      await rejectsWithoutMessage(kms.send(new DecryptCommand({ KeyId: key.KeyId, CiphertextBlob: blob, EncryptionAlgorithm: 'RSAES_OAEP_SHA_1' })), 'InvalidCiphertextException');
      await rejectsWithoutMessage(kms.send(new DecryptCommand({ KeyId: key.KeyId, CiphertextBlob: blob })), 'InvalidCiphertextException');
      await rejects(
        kms.send(new DecryptCommand({ KeyId: key.KeyId, CiphertextBlob: blob, EncryptionAlgorithm: 'RSAES_OAEP_SHA_256', EncryptionContext: { a: 'b' } })),
        'ValidationException',
        'EncryptionContext is not supported when encrypting/decrypting with asymmetric CMKs.',
      );
    });

    test('returns InvalidKeyUsageException for an RSA algorithm with a symmetric key and for a signing key', async () => {
      const sym = await createKey(kms);
      await rejects(
        kms.send(new DecryptCommand({ KeyId: sym.KeyId, CiphertextBlob: new Uint8Array(256), EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' })),
        'InvalidKeyUsageException',
        'Algorithm RSAES_OAEP_SHA_256 is incompatible with key spec SYMMETRIC_DEFAULT.',
      );
      const signing = await createKey(kms, { KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' });
      await rejects(
        kms.send(new DecryptCommand({ KeyId: signing.KeyId, CiphertextBlob: new Uint8Array(256), EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' })),
        'InvalidKeyUsageException',
        `${signing.Arn} key usage is SIGN_VERIFY which is not valid for Decrypt.`,
      );
    });

    test('answers DryRunOperationException instead of the plaintext when DryRun is set', async () => {
      const key = await createKey(kms);
      await rejects(
        kms.send(new DecryptCommand({ CiphertextBlob: await encrypted(key.KeyId!), DryRun: true })),
        'DryRunOperationException',
        'The request would have succeeded, but the DryRun option is set.',
      );
    });

    test('a key policy condition on kms:EncryptionContext:aws:logs:arn denies Decrypt for another log group', async () => {
      const logGroup = 'arn:aws:logs:us-east-1:000000000000:log-group:app';
      const policy = keyPolicy({
        Sid: 'logs',
        Effect: 'Allow',
        Principal: { AWS: ROOT },
        Action: ['kms:Encrypt', 'kms:Decrypt'],
        Resource: '*',
        Condition: { StringEquals: { 'kms:EncryptionContext:aws:logs:arn': logGroup } },
      });
      const key = (await kms.send(new CreateKeyCommand({ Policy: policy }))).KeyMetadata!;
      const blob = await encrypted(key.KeyId!, 'log data', { 'aws:logs:arn': logGroup });
      const out = await kms.send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: { 'aws:logs:arn': logGroup } }));
      assert.equal(Buffer.from(out.Plaintext!).toString(), 'log data');
      await rejects(
        kms.send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: { 'aws:logs:arn': `${logGroup}-2` } })),
        'AccessDeniedException',
        `User: ${ROOT} is not authorized to perform: kms:Decrypt on resource: ${key.Arn} because no resource-based policy allows the kms:Decrypt action`,
      );
    });

    test("a grant lets another account decrypt with the key's ARN, within the grant's encryption-context constraint", async () => {
      const key = await createKey(kms);
      const other = await otherAccount(srv);
      const theirs = kmsClient(srv, 'us-east-1', other.creds);
      const blob = await encrypted(key.KeyId!, 'granted', { purpose: 'share' });
      const denied = `User: arn:aws:iam::${other.accountId}:root is not authorized to perform: kms:Decrypt on resource: ${key.Arn} because no resource-based policy allows the kms:Decrypt action`;
      await rejects(theirs.send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: { purpose: 'share' } })), 'AccessDeniedException', denied);

      const core = srv.server.app.kms;
      await core.store.kms.putGrant({
        grantId: 'a'.repeat(64),
        accountId: '000000000000',
        region: 'us-east-1',
        keyId: key.KeyId!,
        granteePrincipal: `arn:aws:iam::${other.accountId}:root`,
        issuingAccount: '000000000000',
        operations: ['Decrypt'],
        constraints: { encryptionContextSubset: { purpose: 'share' } },
        createdAt: Date.now(),
      });
      core.forgetGrants({ accountId: '000000000000', region: 'us-east-1', keyId: key.KeyId! });
      const out = await theirs.send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: { purpose: 'share' } }));
      assert.equal(Buffer.from(out.Plaintext!).toString(), 'granted');
      const otherBlob = await encrypted(key.KeyId!, 'not granted', { purpose: 'other' });
      await rejects(theirs.send(new DecryptCommand({ CiphertextBlob: otherBlob, EncryptionContext: { purpose: 'other' } })), 'AccessDeniedException', denied);
    });
  });
});
