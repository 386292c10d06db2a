import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CreateAliasCommand,
  CreateKeyCommand,
  DecryptCommand,
  DisableKeyCommand,
  EncryptCommand,
  ReplicateKeyCommand,
  ScheduleKeyDeletionCommand,
  TagResourceCommand,
  UntagResourceCommand,
  KMSClient,
} from '@aws-sdk/client-kms';
import { OffsetClock } from '../../../src/common/clock.js';
import { clientConfig, startTestServer, type TestServer } from '../../helpers/server.js';
import { createKey, iamUser, keyPolicy, kmsClient, otherAccount, rejects, ROOT, utf8 } from '../helpers.js';

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

    test('returns KMSInvalidStateException for a multi-Region primary waiting for its replicas (PendingReplicaDeletion)', async () => {
      const primary = await createKey(kms, { MultiRegion: true });
      await kms.send(new ReplicateKeyCommand({ KeyId: primary.KeyId, ReplicaRegion: 'eu-west-1' }));
      const scheduled = await kms.send(new ScheduleKeyDeletionCommand({ KeyId: primary.KeyId, PendingWindowInDays: 7 }));
      assert.equal(scheduled.KeyState, 'PendingReplicaDeletion');
      await rejects(
        kms.send(new EncryptCommand({ KeyId: primary.KeyId, Plaintext: utf8('x') })),
        'KMSInvalidStateException',
        `${primary.Arn} is pending deletion.`,
      );
    });

    describe('authorization', () => {
      const denied = (principal: string, keyArn: string) =>
        `User: ${principal} is not authorized to perform: kms:Encrypt on resource: ${keyArn} because no resource-based policy allows the kms:Encrypt action`;

      test('an IAM user is allowed by its identity policy when the key policy delegates to the account, and refused without one', async () => {
        const key = await createKey(kms);
        const allowed = await iamUser(srv, 'encrypt-delegated', ['kms:Encrypt']);
        const out = await kmsClient(srv, 'us-east-1', allowed.creds).send(new EncryptCommand({ KeyId: key.Arn, Plaintext: utf8('x') }));
        assert.equal(out.KeyId, key.Arn);
        const bare = await iamUser(srv, 'encrypt-no-policy');
        await rejects(
          kmsClient(srv, 'us-east-1', bare.creds).send(new EncryptCommand({ KeyId: key.Arn, Plaintext: utf8('x') })),
          'AccessDeniedException',
          `User: ${bare.arn} is not authorized to perform: kms:Encrypt on resource: ${key.Arn} because no identity-based policy allows the kms:Encrypt action`,
        );
      });

      test('kms:EncryptionContextKeys: a Deny on a context key refuses a context that has it', async () => {
        const policy = keyPolicy(
          { Sid: 'use', Effect: 'Allow', Principal: { AWS: ROOT }, Action: 'kms:Encrypt', Resource: '*' },
          {
            Sid: 'no-secrets',
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: 'kms:Encrypt',
            Resource: '*',
            Condition: { 'ForAnyValue:StringLike': { 'kms:EncryptionContextKeys': 'secret*' } },
          },
        );
        const key = (await kms.send(new CreateKeyCommand({ Policy: policy }))).KeyMetadata!;
        await kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: utf8('x'), EncryptionContext: { team: 'a' } }));
        await rejects(
          kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: utf8('x'), EncryptionContext: { team: 'a', secretName: 'b' } })),
          'AccessDeniedException',
          `User: ${ROOT} is not authorized to perform: kms:Encrypt on resource: ${key.Arn} with an explicit deny in a resource-based policy`,
        );
      });

      test('kms:EncryptionContext:aws-crypto-ec:aws:logs:arn matches the context key the Encryption SDK prefixes', async () => {
        const policy = keyPolicy({
          Sid: 'logs-query-results',
          Effect: 'Allow',
          Principal: { AWS: ROOT },
          Action: 'kms:Encrypt',
          Resource: '*',
          Condition: { ArnLike: { 'kms:EncryptionContext:aws-crypto-ec:aws:logs:arn': 'arn:aws:logs:us-east-1:000000000000:log-group:*' } },
        });
        const key = (await kms.send(new CreateKeyCommand({ Policy: policy }))).KeyMetadata!;
        const group = 'arn:aws:logs:us-east-1:000000000000:log-group:app';
        await kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: utf8('x'), EncryptionContext: { 'aws-crypto-ec:aws:logs:arn': group } }));
        await rejects(
          kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: utf8('x'), EncryptionContext: { 'aws:logs:arn': group } })),
          'AccessDeniedException',
          denied(ROOT, key.Arn!),
        );
      });

      test('kms:EncryptionAlgorithm allows RSAES_OAEP_SHA_256 and not RSAES_OAEP_SHA_1', async () => {
        const policy = keyPolicy({
          Sid: 'sha256-only',
          Effect: 'Allow',
          Principal: { AWS: ROOT },
          Action: 'kms:Encrypt',
          Resource: '*',
          Condition: { StringEquals: { 'kms:EncryptionAlgorithm': 'RSAES_OAEP_SHA_256' } },
        });
        const key = (await kms.send(new CreateKeyCommand({ Policy: policy, KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' }))).KeyMetadata!;
        await kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: utf8('x'), EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' }));
        await rejects(
          kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: utf8('x'), EncryptionAlgorithm: 'RSAES_OAEP_SHA_1' })),
          'AccessDeniedException',
          denied(ROOT, key.Arn!),
        );
      });

      test('kms:KeySpec and kms:KeyUsage describe the key the request uses', async () => {
        const policy = keyPolicy({
          Sid: 'rsa-2048-encryption',
          Effect: 'Allow',
          Principal: { AWS: ROOT },
          Action: 'kms:Encrypt',
          Resource: '*',
          Condition: { StringEquals: { 'kms:KeySpec': 'RSA_2048', 'kms:KeyUsage': 'ENCRYPT_DECRYPT' } },
        });
        const rsa2048 = (await kms.send(new CreateKeyCommand({ Policy: policy, KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' }))).KeyMetadata!;
        const rsa3072 = (await kms.send(new CreateKeyCommand({ Policy: policy, KeySpec: 'RSA_3072', KeyUsage: 'ENCRYPT_DECRYPT' }))).KeyMetadata!;
        const input = { Plaintext: utf8('x'), EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' } as const;
        await kms.send(new EncryptCommand({ KeyId: rsa2048.KeyId, ...input }));
        await rejects(kms.send(new EncryptCommand({ KeyId: rsa3072.KeyId, ...input })), 'AccessDeniedException', denied(ROOT, rsa3072.Arn!));
      });

      test('aws:ResourceTag follows the tags the key has now', async () => {
        const policy = keyPolicy(
          { Sid: 'use', Effect: 'Allow', Principal: { AWS: ROOT }, Action: ['kms:Encrypt', 'kms:TagResource', 'kms:UntagResource'], Resource: '*' },
          {
            Sid: 'frozen',
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: 'kms:Encrypt',
            Resource: '*',
            Condition: { StringEquals: { 'aws:ResourceTag/state': 'frozen' } },
          },
        );
        const key = (await kms.send(new CreateKeyCommand({ Policy: policy }))).KeyMetadata!;
        await kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: utf8('x') }));
        await kms.send(new TagResourceCommand({ KeyId: key.KeyId, Tags: [{ TagKey: 'state', TagValue: 'frozen' }] }));
        await rejects(
          kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: utf8('x') })),
          'AccessDeniedException',
          `User: ${ROOT} is not authorized to perform: kms:Encrypt on resource: ${key.Arn} with an explicit deny in a resource-based policy`,
        );
        await kms.send(new UntagResourceCommand({ KeyId: key.KeyId, TagKeys: ['state'] }));
        await kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: utf8('x') }));
      });

      test('aws:PrincipalArn names one IAM user of the account under Principal "*"', async () => {
        const alice = await iamUser(srv, 'encrypt-alice');
        const bob = await iamUser(srv, 'encrypt-bob');
        const policy = keyPolicy({
          Sid: 'alice',
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: 'kms:Encrypt',
          Resource: '*',
          Condition: { ArnEquals: { 'aws:PrincipalArn': alice.arn } },
        });
        const key = (await kms.send(new CreateKeyCommand({ Policy: policy }))).KeyMetadata!;
        await kmsClient(srv, 'us-east-1', alice.creds).send(new EncryptCommand({ KeyId: key.Arn, Plaintext: utf8('x') }));
        await rejects(
          kmsClient(srv, 'us-east-1', bob.creds).send(new EncryptCommand({ KeyId: key.Arn, Plaintext: utf8('x') })),
          'AccessDeniedException',
          denied(bob.arn, key.Arn!),
        );
      });

      test('kms:CallerAccount and aws:PrincipalAccount name the account of the caller', async () => {
        const friend = await otherAccount(srv);
        const stranger = await otherAccount(srv);
        for (const conditionKey of ['kms:CallerAccount', 'aws:PrincipalAccount']) {
          const policy = keyPolicy({
            Sid: 'friend',
            Effect: 'Allow',
            Principal: { AWS: '*' },
            Action: 'kms:Encrypt',
            Resource: '*',
            Condition: { StringEquals: { [conditionKey]: friend.accountId } },
          });
          const key = (await kms.send(new CreateKeyCommand({ Policy: policy }))).KeyMetadata!;
          await kmsClient(srv, 'us-east-1', friend.creds).send(new EncryptCommand({ KeyId: key.Arn, Plaintext: utf8('x') }));
          await rejects(
            kmsClient(srv, 'us-east-1', stranger.creds).send(new EncryptCommand({ KeyId: key.Arn, Plaintext: utf8('x') })),
            'AccessDeniedException',
            denied(`arn:aws:iam::${stranger.accountId}:root`, key.Arn!),
          );
        }
      });

      test('aws:CurrentTime is the server clock: a policy that expires stops allowing when the clock passes it', async () => {
        const clock = new OffsetClock();
        const timed = await startTestServer({ clock });
        try {
          const expires = new Date(clock.now() + 24 * 3600_000).toISOString();
          const policy = keyPolicy({
            Sid: 'until',
            Effect: 'Allow',
            Principal: { AWS: ROOT },
            Action: 'kms:Encrypt',
            Resource: '*',
            Condition: { DateLessThan: { 'aws:CurrentTime': expires } },
          });
          const now = new KMSClient(clientConfig(timed.url, undefined, 'us-east-1', clock));
          const key = (await now.send(new CreateKeyCommand({ Policy: policy }))).KeyMetadata!;
          await now.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: utf8('x') }));
          now.destroy();
          clock.advance(2 * 24 * 3600_000);
          const later = new KMSClient(clientConfig(timed.url, undefined, 'us-east-1', clock));
          await rejects(later.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: utf8('x') })), 'AccessDeniedException', denied(ROOT, key.Arn!));
          later.destroy();
        } finally {
          await timed.dispose();
        }
      });
    });

  });
});
