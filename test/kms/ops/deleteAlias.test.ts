import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CreateAliasCommand,
  CreateKeyCommand,
  DeleteAliasCommand,
  DescribeKeyCommand,
  ListAliasesCommand,
  ScheduleKeyDeletionCommand,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { ACCOUNT, AWAY, aliasArnOf, policyWith, rejectsWith, startKms, type KmsTestEnv } from './regionalClients.js';

describe('DeleteAlias', () => {
  let env: KmsTestEnv;
  let kms: KMSClient;
  let keyId: string;

  before(async () => {
    env = await startKms();
    kms = env.kms();
    keyId = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
  });
  after(() => env.dispose());

  describe('serialization', () => {
    test('answers with an empty body', async () => {
      await kms.send(new CreateAliasCommand({ AliasName: 'alias/short-lived', TargetKeyId: keyId }));
      const out = await kms.send(new DeleteAliasCommand({ AliasName: 'alias/short-lived' }));
      assert.equal(out.$metadata.httpStatusCode, 200);
    });
  });

  describe('validation', () => {
    test('returns ValidationException for a name without the alias/ prefix', async () => {
      await rejectsWith(
        kms.send(new DeleteAliasCommand({ AliasName: 'short-lived' })),
        'ValidationException',
        'Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html',
      );
    });

    test('returns NotFoundException naming the alias ARN for an unknown alias', async () => {
      await rejectsWith(kms.send(new DeleteAliasCommand({ AliasName: 'alias/ghost' })), 'NotFoundException', `Alias ${aliasArnOf('alias/ghost')} is not found.`);
    });
  });

  describe('behaviour', () => {
    test('removes the alias: it no longer names the key, is not listed, and the name can be reused', async () => {
      await kms.send(new CreateAliasCommand({ AliasName: 'alias/gone', TargetKeyId: keyId }));
      await kms.send(new DescribeKeyCommand({ KeyId: 'alias/gone' }));
      await kms.send(new DeleteAliasCommand({ AliasName: 'alias/gone' }));
      await rejectsWith(kms.send(new DescribeKeyCommand({ KeyId: 'alias/gone' })), 'NotFoundException', `Alias ${aliasArnOf('alias/gone')} is not found.`);
      const { Aliases } = await kms.send(new ListAliasesCommand({ KeyId: keyId }));
      assert.equal(Aliases!.some((a) => a.AliasName === 'alias/gone'), false);
      await kms.send(new CreateAliasCommand({ AliasName: 'alias/gone', TargetKeyId: keyId }));
    });

    test('leaves the key and its other aliases alone', async () => {
      await kms.send(new CreateAliasCommand({ AliasName: 'alias/keep', TargetKeyId: keyId }));
      await kms.send(new CreateAliasCommand({ AliasName: 'alias/drop', TargetKeyId: keyId }));
      await kms.send(new DeleteAliasCommand({ AliasName: 'alias/drop' }));
      const d = await kms.send(new DescribeKeyCommand({ KeyId: 'alias/keep' }));
      assert.equal(d.KeyMetadata!.KeyId, keyId);
      assert.equal(d.KeyMetadata!.KeyState, 'Enabled');
    });

    test('deletes the alias of a key pending deletion', async () => {
      const k = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId;
      await kms.send(new CreateAliasCommand({ AliasName: 'alias/of-doomed', TargetKeyId: k }));
      await kms.send(new ScheduleKeyDeletionCommand({ KeyId: k, PendingWindowInDays: 7 }));
      await kms.send(new DeleteAliasCommand({ AliasName: 'alias/of-doomed' }));
      const { Aliases } = await kms.send(new ListAliasesCommand({ KeyId: k }));
      assert.deepEqual(Aliases, []);
    });

    test('deletes only in the request Region', async () => {
      const away = env.kms(AWAY);
      const awayKey = (await away.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId;
      await kms.send(new CreateAliasCommand({ AliasName: 'alias/regional', TargetKeyId: keyId }));
      await away.send(new CreateAliasCommand({ AliasName: 'alias/regional', TargetKeyId: awayKey }));
      await away.send(new DeleteAliasCommand({ AliasName: 'alias/regional' }));
      const d = await kms.send(new DescribeKeyCommand({ KeyId: 'alias/regional' }));
      assert.equal(d.KeyMetadata!.KeyId, keyId);
    });

    test('returns AccessDeniedException when the key policy denies kms:DeleteAlias, and keeps the alias', async () => {
      const policy = policyWith({ Effect: 'Deny', Principal: { AWS: '*' }, Action: 'kms:DeleteAlias', Resource: '*' });
      const k = (await kms.send(new CreateKeyCommand({ Policy: policy }))).KeyMetadata!;
      await kms.send(new CreateAliasCommand({ AliasName: 'alias/protected', TargetKeyId: k.KeyId }));
      await rejectsWith(
        kms.send(new DeleteAliasCommand({ AliasName: 'alias/protected' })),
        'AccessDeniedException',
        `User: arn:aws:iam::${ACCOUNT}:root is not authorized to perform: kms:DeleteAlias on resource: ${k.Arn} with an explicit deny in a resource-based policy`,
      );
      await kms.send(new DescribeKeyCommand({ KeyId: 'alias/protected' }));
    });
  });
});
