import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EncryptCommand,
  GenerateMacCommand,
  GetKeyPolicyCommand,
  ListResourceTagsCommand,
  ReplicateKeyCommand,
  RotateKeyOnDemandCommand,
  ScheduleKeyDeletionCommand,
  VerifyMacCommand,
  type CreateKeyCommandInput,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { awsCli, awsCliSkipReason } from '../../helpers/awsCli.js';
import { devCreds } from '../../helpers/server.js';
import { ACCOUNT, AWAY, HOME, THIRD, keyArnOf, policyWith, rejectsWith, startKms, type KmsTestEnv } from './regionalClients.js';

const DEFAULT_POLICY = `{
  "Version" : "2012-10-17",
  "Id" : "key-default-1",
  "Statement" : [ {
    "Sid" : "Enable IAM User Permissions",
    "Effect" : "Allow",
    "Principal" : {
      "AWS" : "arn:aws:iam::${ACCOUNT}:root"
    },
    "Action" : "kms:*",
    "Resource" : "*"
  } ]
}`;

describe('ReplicateKey', () => {
  let env: KmsTestEnv;
  let home: KMSClient;
  let away: KMSClient;
  const primaryKey = async (input: CreateKeyCommandInput = {}) =>
    (await home.send(new CreateKeyCommand({ MultiRegion: true, ...input }))).KeyMetadata!;
  const text = (s: string) => new TextEncoder().encode(s);

  before(async () => {
    env = await startKms();
    home = env.kms(HOME);
    away = env.kms(AWAY);
  });
  after(() => env.dispose());

  describe('serialization', () => {
    test("answers with the replica's KeyMetadata (Creating), its policy, and no tags when none were given", async () => {
      const primary = await primaryKey({ Description: 'test replicated key' });
      const out = await home.send(new ReplicateKeyCommand({ KeyId: primary.KeyId, ReplicaRegion: AWAY }));
      const replicaArn = keyArnOf(primary.KeyId!, AWAY);
      assert.deepEqual(out.ReplicaKeyMetadata, {
        AWSAccountId: ACCOUNT,
        KeyId: primary.KeyId,
        Arn: replicaArn,
        CreationDate: out.ReplicaKeyMetadata!.CreationDate,
        Enabled: false,
        Description: '',
        KeyUsage: 'ENCRYPT_DECRYPT',
        KeyState: 'Creating',
        Origin: 'AWS_KMS',
        KeyManager: 'CUSTOMER',
        CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
        KeySpec: 'SYMMETRIC_DEFAULT',
        EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
        MultiRegion: true,
        MultiRegionConfiguration: {
          MultiRegionKeyType: 'REPLICA',
          PrimaryKey: { Arn: primary.Arn, Region: HOME },
          ReplicaKeys: [{ Arn: replicaArn, Region: AWAY }],
        },
        CurrentKeyMaterialId: primary.CurrentKeyMaterialId,
      });
      assert.equal(out.ReplicaPolicy, DEFAULT_POLICY);
      assert.equal(out.ReplicaTags, undefined);
    });

    test('answers with the given description, policy and tags, which the replica keeps', async () => {
      const primary = await primaryKey();
      const policy = policyWith({ Sid: 'replica-only', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:Decrypt', Resource: '*' });
      const tags = [{ TagKey: 'copy', TagValue: 'eu' }];
      const out = await home.send(new ReplicateKeyCommand({ KeyId: primary.Arn, ReplicaRegion: AWAY, Description: 'the EU copy', Policy: policy, Tags: tags }));
      assert.equal(out.ReplicaKeyMetadata!.Description, 'the EU copy');
      assert.equal(out.ReplicaPolicy, policy);
      assert.deepEqual(out.ReplicaTags, tags);
      assert.equal((await away.send(new GetKeyPolicyCommand({ KeyId: primary.KeyId, PolicyName: 'default' }))).Policy, policy);
      assert.deepEqual((await away.send(new ListResourceTagsCommand({ KeyId: primary.KeyId }))).Tags, tags);
      assert.deepEqual((await home.send(new ListResourceTagsCommand({ KeyId: primary.KeyId }))).Tags, []);
    });
  });

  describe('validation', () => {
    test('returns UnsupportedOperationException for a single-Region key', async () => {
      const k = (await home.send(new CreateKeyCommand({}))).KeyMetadata!;
      await rejectsWith(home.send(new ReplicateKeyCommand({ KeyId: k.KeyId, ReplicaRegion: AWAY })), 'UnsupportedOperationException', `${k.Arn} is not a multi-Region key.`);
    });

    test('returns UnsupportedOperationException for a replica key: only the primary can be replicated', async () => {
      const primary = await primaryKey();
      await home.send(new ReplicateKeyCommand({ KeyId: primary.KeyId, ReplicaRegion: AWAY }));
      await rejectsWith(
        away.send(new ReplicateKeyCommand({ KeyId: primary.KeyId, ReplicaRegion: THIRD })),
        'UnsupportedOperationException',
        `${keyArnOf(primary.KeyId!, AWAY)} is not a multi-Region primary key.`,
      );
    });

    test('returns AlreadyExistsException when the Region already holds a replica', async () => {
      const primary = await primaryKey();
      await home.send(new ReplicateKeyCommand({ KeyId: primary.KeyId, ReplicaRegion: AWAY }));
      await rejectsWith(
        home.send(new ReplicateKeyCommand({ KeyId: primary.KeyId, ReplicaRegion: AWAY })),
        'AlreadyExistsException',
        `Replica key ${keyArnOf(primary.KeyId!, AWAY)} already exists.`,
      );
    });

    test("returns ValidationException for the primary key's own Region", async () => {
      const primary = await primaryKey();
      await rejectsWith(home.send(new ReplicateKeyCommand({ KeyId: primary.KeyId, ReplicaRegion: HOME })), 'ValidationException', `The primary key is already in region ${HOME}.`);
    });

    test('returns NotFoundException for an unknown key', async () => {
      const unknown = 'mrk-0123456789abcdef0123456789abcdef';
      await rejectsWith(home.send(new ReplicateKeyCommand({ KeyId: unknown, ReplicaRegion: AWAY })), 'NotFoundException', `Key '${keyArnOf(unknown)}' does not exist`);
    });

    test('returns KMSInvalidStateException for a primary key pending deletion', async () => {
      const primary = await primaryKey();
      await home.send(new ScheduleKeyDeletionCommand({ KeyId: primary.KeyId, PendingWindowInDays: 7 }));
      await rejectsWith(home.send(new ReplicateKeyCommand({ KeyId: primary.KeyId, ReplicaRegion: AWAY })), 'KMSInvalidStateException', `${primary.Arn} is pending deletion.`);
    });

    test('returns TagException and MalformedPolicyDocumentException as CreateKey does, creating nothing', async () => {
      const primary = await primaryKey();
      await rejectsWith(
        home.send(new ReplicateKeyCommand({ KeyId: primary.KeyId, ReplicaRegion: AWAY, Tags: [{ TagKey: 'aws:x', TagValue: 'y' }] })),
        'TagException',
        'Tags beginning with aws: are reserved',
      );
      const lockout = JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:Decrypt', Resource: '*' }],
      });
      await rejectsWith(
        home.send(new ReplicateKeyCommand({ KeyId: primary.KeyId, ReplicaRegion: AWAY, Policy: lockout })),
        'MalformedPolicyDocumentException',
        'The new key policy will not allow you to update the key policy in the future.',
      );
      await rejectsWith(away.send(new DescribeKeyCommand({ KeyId: primary.KeyId })), 'NotFoundException', `Key '${keyArnOf(primary.KeyId!, AWAY)}' does not exist`);
    });

    test('returns AccessDeniedException when the primary key policy denies kms:ReplicateKey to that Region', async () => {
      const policy = policyWith({
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: 'kms:ReplicateKey',
        Resource: '*',
        Condition: { StringEquals: { 'kms:ReplicaRegion': THIRD } },
      });
      const primary = await primaryKey({ Policy: policy });
      await rejectsWith(
        home.send(new ReplicateKeyCommand({ KeyId: primary.KeyId, ReplicaRegion: THIRD })),
        'AccessDeniedException',
        `User: arn:aws:iam::${ACCOUNT}:root is not authorized to perform: kms:ReplicateKey on resource: ${primary.Arn} with an explicit deny in a resource-based policy`,
      );
      await home.send(new ReplicateKeyCommand({ KeyId: primary.KeyId, ReplicaRegion: AWAY }));
    });
  });

  describe('behaviour', () => {
    test('the AWS CLI replicates a key and sees the replica in its Region', { skip: awsCliSkipReason() }, async () => {
      const primary = await primaryKey();
      const r = await awsCli(env.srv.url, devCreds, ['kms', 'replicate-key', '--key-id', primary.KeyId!, '--replica-region', AWAY, '--output', 'json']);
      assert.equal(r.code, 0, r.stderr);
      const out = JSON.parse(r.stdout) as { ReplicaKeyMetadata: { Arn: string }; ReplicaPolicy: string };
      assert.equal(out.ReplicaKeyMetadata.Arn, keyArnOf(primary.KeyId!, AWAY));
      assert.equal(out.ReplicaPolicy, DEFAULT_POLICY);
      const d = await awsCli(env.srv.url, devCreds, ['kms', 'describe-key', '--key-id', primary.KeyId!, '--output', 'json'], AWAY);
      assert.equal(d.code, 0, d.stderr);
      assert.equal((JSON.parse(d.stdout) as { KeyMetadata: { KeyState: string } }).KeyMetadata.KeyState, 'Enabled');
    });

    test('the replica is a key of its Region, Enabled, and every member lists the whole family', async () => {
      const primary = await primaryKey();
      await home.send(new ReplicateKeyCommand({ KeyId: primary.KeyId, ReplicaRegion: AWAY }));
      await home.send(new ReplicateKeyCommand({ KeyId: primary.KeyId, ReplicaRegion: THIRD }));
      const replicas = [
        { Arn: keyArnOf(primary.KeyId!, AWAY), Region: AWAY },
        { Arn: keyArnOf(primary.KeyId!, THIRD), Region: THIRD },
      ];
      const fromHome = (await home.send(new DescribeKeyCommand({ KeyId: primary.KeyId }))).KeyMetadata!;
      assert.deepEqual(fromHome.MultiRegionConfiguration, { MultiRegionKeyType: 'PRIMARY', PrimaryKey: { Arn: primary.Arn, Region: HOME }, ReplicaKeys: replicas });
      const fromAway = (await away.send(new DescribeKeyCommand({ KeyId: keyArnOf(primary.KeyId!, AWAY) }))).KeyMetadata!;
      assert.equal(fromAway.KeyState, 'Enabled');
      assert.equal(fromAway.Enabled, true);
      assert.deepEqual(fromAway.MultiRegionConfiguration, { MultiRegionKeyType: 'REPLICA', PrimaryKey: { Arn: primary.Arn, Region: HOME }, ReplicaKeys: replicas });
    });

    test('ciphertexts of the primary decrypt in the replica and the other way round', async () => {
      const primary = await primaryKey();
      await home.send(new ReplicateKeyCommand({ KeyId: primary.KeyId, ReplicaRegion: AWAY }));
      const atHome = await home.send(new EncryptCommand({ KeyId: primary.KeyId, Plaintext: text('from home'), EncryptionContext: { purpose: 'test' } }));
      const there = await away.send(new DecryptCommand({ CiphertextBlob: atHome.CiphertextBlob, EncryptionContext: { purpose: 'test' } }));
      assert.equal(new TextDecoder().decode(there.Plaintext), 'from home');
      assert.equal(there.KeyId, keyArnOf(primary.KeyId!, AWAY));
      const atAway = await away.send(new EncryptCommand({ KeyId: primary.KeyId, Plaintext: text('from away') }));
      const back = await home.send(new DecryptCommand({ CiphertextBlob: atAway.CiphertextBlob }));
      assert.equal(new TextDecoder().decode(back.Plaintext), 'from away');
    });

    test('the replica decrypts what the primary encrypted before replication, and follows its rotations', async () => {
      const primary = await primaryKey();
      const old = await home.send(new EncryptCommand({ KeyId: primary.KeyId, Plaintext: text('before') }));
      await home.send(new ReplicateKeyCommand({ KeyId: primary.KeyId, ReplicaRegion: AWAY }));
      assert.equal(new TextDecoder().decode((await away.send(new DecryptCommand({ CiphertextBlob: old.CiphertextBlob }))).Plaintext), 'before');

      await home.send(new RotateKeyOnDemandCommand({ KeyId: primary.KeyId }));
      const rotatedHome = (await home.send(new DescribeKeyCommand({ KeyId: primary.KeyId }))).KeyMetadata!;
      const rotatedAway = (await away.send(new DescribeKeyCommand({ KeyId: primary.KeyId }))).KeyMetadata!;
      assert.notEqual(rotatedHome.CurrentKeyMaterialId, primary.CurrentKeyMaterialId);
      assert.equal(rotatedAway.CurrentKeyMaterialId, rotatedHome.CurrentKeyMaterialId);
      const fresh = await home.send(new EncryptCommand({ KeyId: primary.KeyId, Plaintext: text('after') }));
      assert.equal(new TextDecoder().decode((await away.send(new DecryptCommand({ CiphertextBlob: fresh.CiphertextBlob }))).Plaintext), 'after');
    });

    test('an HMAC replica shares the material: a MAC made in one Region verifies in the other', async () => {
      const primary = await primaryKey({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
      const out = await home.send(new ReplicateKeyCommand({ KeyId: primary.KeyId, ReplicaRegion: AWAY }));
      assert.deepEqual(out.ReplicaKeyMetadata!.MacAlgorithms, ['HMAC_SHA_256']);
      const { Mac } = await home.send(new GenerateMacCommand({ KeyId: primary.KeyId, Message: text('m'), MacAlgorithm: 'HMAC_SHA_256' }));
      const v = await away.send(new VerifyMacCommand({ KeyId: primary.KeyId, Message: text('m'), Mac, MacAlgorithm: 'HMAC_SHA_256' }));
      assert.equal(v.MacValid, true);
    });

    test('a replica of a key with imported material starts in PendingImport, without material', async () => {
      const primary = await primaryKey({ Origin: 'EXTERNAL' });
      const out = await home.send(new ReplicateKeyCommand({ KeyId: primary.KeyId, ReplicaRegion: AWAY }));
      assert.equal(out.ReplicaKeyMetadata!.Origin, 'EXTERNAL');
      assert.equal(out.ReplicaKeyMetadata!.CurrentKeyMaterialId, undefined);
      const replica = (await away.send(new DescribeKeyCommand({ KeyId: primary.KeyId }))).KeyMetadata!;
      assert.equal(replica.KeyState, 'PendingImport');
      assert.equal(replica.Enabled, false);
    });

    test('replicates a disabled primary; the replica has its own key state', async () => {
      const primary = await primaryKey();
      await home.send(new DisableKeyCommand({ KeyId: primary.KeyId }));
      await home.send(new ReplicateKeyCommand({ KeyId: primary.KeyId, ReplicaRegion: AWAY }));
      assert.equal((await away.send(new DescribeKeyCommand({ KeyId: primary.KeyId }))).KeyMetadata!.KeyState, 'Enabled');
      assert.equal((await home.send(new DescribeKeyCommand({ KeyId: primary.KeyId }))).KeyMetadata!.KeyState, 'Disabled');
    });

    test("returns NotFoundException for another account's primary key, even by its ARN", async () => {
      const primary = await primaryKey();
      const { creds } = await env.otherAccount();
      await rejectsWith(
        env.kms(HOME, creds).send(new ReplicateKeyCommand({ KeyId: primary.Arn, ReplicaRegion: AWAY })),
        'NotFoundException',
        `Key '${primary.Arn}' does not exist`,
      );
    });
  });
});
