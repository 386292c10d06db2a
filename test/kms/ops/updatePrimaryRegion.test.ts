import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EncryptCommand,
  ReplicateKeyCommand,
  ScheduleKeyDeletionCommand,
  UpdatePrimaryRegionCommand,
  type KMSClient,
  type KeyMetadata,
} from '@aws-sdk/client-kms';
import { ACCOUNT, AWAY, HOME, THIRD, keyArnOf, policyWith, rejectsWith, startKms, type KmsTestEnv } from './regionalClients.js';

describe('UpdatePrimaryRegion', () => {
  let env: KmsTestEnv;
  let home: KMSClient;
  let away: KMSClient;

  /** A multi-Region primary key in HOME with a replica in AWAY. */
  const family = async (policy?: string): Promise<KeyMetadata> => {
    const primary = (await home.send(new CreateKeyCommand({ MultiRegion: true, Policy: policy }))).KeyMetadata!;
    await home.send(new ReplicateKeyCommand({ KeyId: primary.KeyId, ReplicaRegion: AWAY }));
    return primary;
  };
  const describeIn = async (client: KMSClient, keyId: string) => (await client.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!;

  before(async () => {
    env = await startKms();
    home = env.kms(HOME);
    away = env.kms(AWAY);
  });
  after(() => env.dispose());

  describe('serialization', () => {
    test('answers with an empty body', async () => {
      const primary = await family();
      const out = await home.send(new UpdatePrimaryRegionCommand({ KeyId: primary.KeyId, PrimaryRegion: AWAY }));
      assert.equal(out.$metadata.httpStatusCode, 200);
    });
  });

  describe('validation', () => {
    test('returns UnsupportedOperationException for a single-Region key', async () => {
      const k = (await home.send(new CreateKeyCommand({}))).KeyMetadata!;
      await rejectsWith(home.send(new UpdatePrimaryRegionCommand({ KeyId: k.KeyId, PrimaryRegion: AWAY })), 'UnsupportedOperationException', `${k.Arn} is not a multi-Region key.`);
    });

    test('returns UnsupportedOperationException when called on a replica key', async () => {
      const primary = await family();
      await rejectsWith(
        away.send(new UpdatePrimaryRegionCommand({ KeyId: primary.KeyId, PrimaryRegion: HOME })),
        'UnsupportedOperationException',
        `${keyArnOf(primary.KeyId!, AWAY)} is not a multi-Region primary key.`,
      );
    });

    test('returns NotFoundException for a Region without a replica, the current primary Region included', async () => {
      const primary = await family();
      for (const region of [THIRD, HOME]) {
        await rejectsWith(
          home.send(new UpdatePrimaryRegionCommand({ KeyId: primary.KeyId, PrimaryRegion: region })),
          'NotFoundException',
          `The multi-Region key has no replica key in region ${region}.`,
        );
      }
    });

    test('returns DisabledException when the primary or the replica is disabled', async () => {
      const a = await family();
      await home.send(new DisableKeyCommand({ KeyId: a.KeyId }));
      await rejectsWith(home.send(new UpdatePrimaryRegionCommand({ KeyId: a.KeyId, PrimaryRegion: AWAY })), 'DisabledException', `${a.Arn} is disabled.`);
      const b = await family();
      await away.send(new DisableKeyCommand({ KeyId: b.KeyId }));
      await rejectsWith(home.send(new UpdatePrimaryRegionCommand({ KeyId: b.KeyId, PrimaryRegion: AWAY })), 'DisabledException', `${keyArnOf(b.KeyId!, AWAY)} is disabled.`);
    });

    test('returns KMSInvalidStateException when the replica is pending deletion', async () => {
      const primary = await family();
      await away.send(new ScheduleKeyDeletionCommand({ KeyId: primary.KeyId, PendingWindowInDays: 7 }));
      await rejectsWith(
        home.send(new UpdatePrimaryRegionCommand({ KeyId: primary.KeyId, PrimaryRegion: AWAY })),
        'KMSInvalidStateException',
        `${keyArnOf(primary.KeyId!, AWAY)} is pending deletion.`,
      );
    });

    test('returns AccessDeniedException when the replica key policy denies kms:UpdatePrimaryRegion', async () => {
      const primary = (await home.send(new CreateKeyCommand({ MultiRegion: true }))).KeyMetadata!;
      const deny = policyWith({ Effect: 'Deny', Principal: { AWS: '*' }, Action: 'kms:UpdatePrimaryRegion', Resource: '*' });
      await home.send(new ReplicateKeyCommand({ KeyId: primary.KeyId, ReplicaRegion: AWAY, Policy: deny }));
      const replicaArn = keyArnOf(primary.KeyId!, AWAY);
      await rejectsWith(
        home.send(new UpdatePrimaryRegionCommand({ KeyId: primary.KeyId, PrimaryRegion: AWAY })),
        'AccessDeniedException',
        `User: arn:aws:iam::${ACCOUNT}:root is not authorized to perform: kms:UpdatePrimaryRegion on resource: ${replicaArn} with an explicit deny in a resource-based policy`,
      );
      assert.equal((await describeIn(home, primary.KeyId!)).MultiRegionConfiguration!.MultiRegionKeyType, 'PRIMARY');
    });
  });

  describe('behaviour', () => {
    test('swaps the roles: the replica becomes the primary and the old primary a replica, as every member shows', async () => {
      const primary = await family();
      await home.send(new ReplicateKeyCommand({ KeyId: primary.KeyId, ReplicaRegion: THIRD }));
      await home.send(new UpdatePrimaryRegionCommand({ KeyId: primary.KeyId, PrimaryRegion: AWAY }));
      const newPrimary = { Arn: keyArnOf(primary.KeyId!, AWAY), Region: AWAY };
      const replicas = [
        { Arn: keyArnOf(primary.KeyId!, HOME), Region: HOME },
        { Arn: keyArnOf(primary.KeyId!, THIRD), Region: THIRD },
      ];
      for (const [client, type] of [
        [away, 'PRIMARY'],
        [home, 'REPLICA'],
        [env.kms(THIRD), 'REPLICA'],
      ] as const) {
        const m = await describeIn(client, primary.KeyId!);
        assert.equal(m.KeyState, 'Enabled');
        const mr = m.MultiRegionConfiguration!;
        assert.equal(mr.MultiRegionKeyType, type);
        assert.deepEqual(mr.PrimaryKey, newPrimary);
        assert.deepEqual([...mr.ReplicaKeys!].sort((a, b) => a.Region!.localeCompare(b.Region!)), replicas.sort((a, b) => a.Region.localeCompare(b.Region)));
      }
    });

    test('replication now starts from the new primary, and no longer from the old one', async () => {
      const primary = await family();
      await home.send(new UpdatePrimaryRegionCommand({ KeyId: primary.KeyId, PrimaryRegion: AWAY }));
      await rejectsWith(
        home.send(new ReplicateKeyCommand({ KeyId: primary.KeyId, ReplicaRegion: THIRD })),
        'UnsupportedOperationException',
        `${primary.Arn} is not a multi-Region primary key.`,
      );
      const out = await away.send(new ReplicateKeyCommand({ KeyId: primary.KeyId, ReplicaRegion: THIRD }));
      assert.deepEqual(out.ReplicaKeyMetadata!.MultiRegionConfiguration!.PrimaryKey, { Arn: keyArnOf(primary.KeyId!, AWAY), Region: AWAY });
    });

    test('the keys stay interchangeable: ciphertexts still decrypt across Regions', async () => {
      const primary = await family();
      const before = await home.send(new EncryptCommand({ KeyId: primary.KeyId, Plaintext: new TextEncoder().encode('kept') }));
      await home.send(new UpdatePrimaryRegionCommand({ KeyId: primary.KeyId, PrimaryRegion: AWAY }));
      const out = await away.send(new DecryptCommand({ CiphertextBlob: before.CiphertextBlob }));
      assert.equal(new TextDecoder().decode(out.Plaintext), 'kept');
      const after = await away.send(new EncryptCommand({ KeyId: primary.KeyId, Plaintext: new TextEncoder().encode('new') }));
      assert.equal(new TextDecoder().decode((await home.send(new DecryptCommand({ CiphertextBlob: after.CiphertextBlob }))).Plaintext), 'new');
    });

    test('swaps back', async () => {
      const primary = await family();
      await home.send(new UpdatePrimaryRegionCommand({ KeyId: primary.KeyId, PrimaryRegion: AWAY }));
      await away.send(new UpdatePrimaryRegionCommand({ KeyId: primary.KeyId, PrimaryRegion: HOME }));
      const m = await describeIn(home, primary.KeyId!);
      assert.deepEqual(m.MultiRegionConfiguration, {
        MultiRegionKeyType: 'PRIMARY',
        PrimaryKey: { Arn: primary.Arn, Region: HOME },
        ReplicaKeys: [{ Arn: keyArnOf(primary.KeyId!, AWAY), Region: AWAY }],
      });
    });
  });
});
