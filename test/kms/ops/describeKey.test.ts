import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CreateAliasCommand,
  CreateGrantCommand,
  CreateKeyCommand,
  DeleteAliasCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  ScheduleKeyDeletionCommand,
  type KMSClient,
  type KeyMetadata,
} from '@aws-sdk/client-kms';
import { ACCOUNT, AWAY, aliasArnOf, keyArnOf, policyWith, rejectsWith, startKms, type KmsTestEnv } from './regionalClients.js';

describe('DescribeKey', () => {
  let env: KmsTestEnv;
  let kms: KMSClient;
  let key: KeyMetadata;

  before(async () => {
    env = await startKms();
    kms = env.kms();
    key = (await kms.send(new CreateKeyCommand({ Description: 'described' }))).KeyMetadata!;
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/described', TargetKeyId: key.KeyId }));
  });
  after(() => env.dispose());

  describe('serialization', () => {
    test("answers with the same KeyMetadata CreateKey returned", async () => {
      const out = await kms.send(new DescribeKeyCommand({ KeyId: key.KeyId }));
      assert.deepEqual(out.KeyMetadata, key);
    });
  });

  describe('validation', () => {
    test('returns NotFoundException "Invalid keyId" for a KeyId of no known form', async () => {
      for (const bad of ['unknown', 'fake-key-id', '134f2428cec14b25a1ae9048164dba47', 'mrk-fake-key-id']) {
        await rejectsWith(kms.send(new DescribeKeyCommand({ KeyId: bad })), 'NotFoundException', `Invalid keyId ${bad}`);
      }
    });

    test('returns NotFoundException naming the key ARN for an unknown key id or key ARN', async () => {
      const unknown = 'a1b2c3d4-0000-4000-8000-0123456789ab';
      for (const ref of [unknown, keyArnOf(unknown)]) {
        await rejectsWith(kms.send(new DescribeKeyCommand({ KeyId: ref })), 'NotFoundException', `Key '${keyArnOf(unknown)}' does not exist`);
      }
      const mrk = 'mrk-d3b95762d3b95762d3b95762d3b95762';
      await rejectsWith(kms.send(new DescribeKeyCommand({ KeyId: mrk })), 'NotFoundException', `Key '${keyArnOf(mrk)}' does not exist`);
    });

    test('returns NotFoundException naming the alias ARN for an unknown alias name or alias ARN', async () => {
      for (const ref of ['alias/unknown', aliasArnOf('alias/unknown')]) {
        await rejectsWith(kms.send(new DescribeKeyCommand({ KeyId: ref })), 'NotFoundException', `Alias ${aliasArnOf('alias/unknown')} is not found.`);
      }
    });
  });

  describe('behaviour', () => {
    test('finds the key by key id, key ARN, alias name and alias ARN', async () => {
      for (const ref of [key.KeyId!, key.Arn!, 'alias/described', aliasArnOf('alias/described')]) {
        const out = await kms.send(new DescribeKeyCommand({ KeyId: ref }));
        assert.equal(out.KeyMetadata!.Arn, key.Arn, ref);
      }
    });

    test('describes keys in every state: disabled and pending deletion', async () => {
      const k = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
      await kms.send(new DisableKeyCommand({ KeyId: k.KeyId }));
      const disabled = (await kms.send(new DescribeKeyCommand({ KeyId: k.KeyId }))).KeyMetadata!;
      assert.equal(disabled.KeyState, 'Disabled');
      assert.equal(disabled.Enabled, false);
      await kms.send(new ScheduleKeyDeletionCommand({ KeyId: k.KeyId, PendingWindowInDays: 7 }));
      const pending = (await kms.send(new DescribeKeyCommand({ KeyId: k.KeyId }))).KeyMetadata!;
      assert.equal(pending.KeyState, 'PendingDeletion');
      assert.ok(pending.DeletionDate instanceof Date);
    });

    test("returns NotFoundException for a key of another Region named by key id (with this Region's ARN)", async () => {
      await rejectsWith(env.kms(AWAY).send(new DescribeKeyCommand({ KeyId: key.KeyId })), 'NotFoundException', `Key '${keyArnOf(key.KeyId!, AWAY)}' does not exist`);
    });

    test('returns NotFoundException "Invalid arn <region>" for a key ARN of another Region', async () => {
      await rejectsWith(env.kms(AWAY).send(new DescribeKeyCommand({ KeyId: key.Arn })), 'NotFoundException', 'Invalid arn us-east-1');
    });

    describe('another account', () => {
      test('finds nothing by key id: a key id names a key of the caller\'s account', async () => {
        const { accountId, creds } = await env.otherAccount();
        await rejectsWith(
          env.kms(undefined, creds).send(new DescribeKeyCommand({ KeyId: key.KeyId })),
          'NotFoundException',
          `Key '${keyArnOf(key.KeyId!, undefined, accountId)}' does not exist`,
        );
      });

      test('finds nothing by alias name: an alias name is looked up in the caller\'s account', async () => {
        const { accountId, creds } = await env.otherAccount();
        await rejectsWith(
          env.kms(undefined, creds).send(new DescribeKeyCommand({ KeyId: 'alias/described' })),
          'NotFoundException',
          `Alias ${aliasArnOf('alias/described', undefined, accountId)} is not found.`,
        );
      });

      test('returns AccessDeniedException by key ARN or alias ARN when the key policy does not allow that account', async () => {
        const { accountId, creds } = await env.otherAccount();
        for (const ref of [key.Arn!, aliasArnOf('alias/described')]) {
          await rejectsWith(
            env.kms(undefined, creds).send(new DescribeKeyCommand({ KeyId: ref })),
            'AccessDeniedException',
            `User: arn:aws:iam::${accountId}:root is not authorized to perform: kms:DescribeKey on resource: ${key.Arn} because no resource-based policy allows the kms:DescribeKey action`,
          );
        }
      });

      test('describes the key by key ARN and alias ARN when its key policy allows that account', async () => {
        const { accountId, creds } = await env.otherAccount();
        const policy = policyWith({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: 'kms:DescribeKey', Resource: '*' });
        const shared = (await kms.send(new CreateKeyCommand({ Policy: policy }))).KeyMetadata!;
        await kms.send(new CreateAliasCommand({ AliasName: 'alias/shared', TargetKeyId: shared.KeyId }));
        for (const ref of [shared.Arn!, aliasArnOf('alias/shared')]) {
          const out = await env.kms(undefined, creds).send(new DescribeKeyCommand({ KeyId: ref }));
          assert.equal(out.KeyMetadata!.AWSAccountId, ACCOUNT);
          assert.equal(out.KeyMetadata!.Arn, shared.Arn);
        }
      });

      test('describes the key when a grant for that account allows DescribeKey', async () => {
        const { accountId, creds } = await env.otherAccount();
        const k = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
        const theirs = env.kms(undefined, creds);
        await assert.rejects(theirs.send(new DescribeKeyCommand({ KeyId: k.Arn })), { name: 'AccessDeniedException' });
        await kms.send(new CreateGrantCommand({ KeyId: k.KeyId, GranteePrincipal: `arn:aws:iam::${accountId}:root`, Operations: ['DescribeKey'] }));
        const out = await theirs.send(new DescribeKeyCommand({ KeyId: k.Arn }));
        assert.equal(out.KeyMetadata!.KeyId, k.KeyId);
      });
    });

    describe('alias condition keys', () => {
      test('kms:RequestAlias matches the alias the request named the key by', async () => {
        const policy = policyWith({
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Action: 'kms:DescribeKey',
          Resource: '*',
          Condition: { StringEquals: { 'kms:RequestAlias': 'alias/blocked-name' } },
        });
        const k = (await kms.send(new CreateKeyCommand({ Policy: policy }))).KeyMetadata!;
        await kms.send(new CreateAliasCommand({ AliasName: 'alias/blocked-name', TargetKeyId: k.KeyId }));
        await kms.send(new CreateAliasCommand({ AliasName: 'alias/open-name', TargetKeyId: k.KeyId }));
        await rejectsWith(
          kms.send(new DescribeKeyCommand({ KeyId: 'alias/blocked-name' })),
          'AccessDeniedException',
          `User: arn:aws:iam::${ACCOUNT}:root is not authorized to perform: kms:DescribeKey on resource: ${k.Arn} with an explicit deny in a resource-based policy`,
        );
        await kms.send(new DescribeKeyCommand({ KeyId: 'alias/open-name' }));
        await kms.send(new DescribeKeyCommand({ KeyId: k.KeyId }));
      });

      test('kms:ResourceAliases follows the aliases the key has, however the key is named', async () => {
        const policy = policyWith({
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Action: 'kms:DescribeKey',
          Resource: '*',
          Condition: { 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': 'alias/quarantined' } },
        });
        const k = (await kms.send(new CreateKeyCommand({ Policy: policy }))).KeyMetadata!;
        await kms.send(new DescribeKeyCommand({ KeyId: k.KeyId }));
        await kms.send(new CreateAliasCommand({ AliasName: 'alias/quarantined', TargetKeyId: k.KeyId }));
        await assert.rejects(kms.send(new DescribeKeyCommand({ KeyId: k.KeyId })), { name: 'AccessDeniedException' });
        await assert.rejects(kms.send(new DescribeKeyCommand({ KeyId: 'alias/quarantined' })), { name: 'AccessDeniedException' });
        await kms.send(new DeleteAliasCommand({ AliasName: 'alias/quarantined' }));
        await kms.send(new DescribeKeyCommand({ KeyId: k.KeyId }));
      });
    });
  });
});
