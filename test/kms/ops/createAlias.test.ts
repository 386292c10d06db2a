import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CreateAliasCommand,
  CreateKeyCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  ListAliasesCommand,
  ScheduleKeyDeletionCommand,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { ACCOUNT, AWAY, aliasArnOf, keyArnOf, policyWith, rejectsWith, startKms, type KmsTestEnv } from './regionalClients.js';

describe('CreateAlias', () => {
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
    test('answers with an empty body and the alias is listed with its ARN, target and dates', async () => {
      const out = await kms.send(new CreateAliasCommand({ AliasName: 'alias/listed', TargetKeyId: keyId }));
      assert.equal(out.$metadata.httpStatusCode, 200);
      const { Aliases } = await kms.send(new ListAliasesCommand({ KeyId: keyId }));
      const entry = Aliases!.find((a) => a.AliasName === 'alias/listed')!;
      assert.equal(entry.AliasArn, aliasArnOf('alias/listed'));
      assert.equal(entry.TargetKeyId, keyId);
      assert.ok(entry.CreationDate instanceof Date);
      assert.deepEqual(entry.LastUpdatedDate, entry.CreationDate);
    });
  });

  describe('validation', () => {
    test('returns ValidationException for a name without the alias/ prefix', async () => {
      await rejectsWith(
        kms.send(new CreateAliasCommand({ AliasName: 'my-key', TargetKeyId: keyId })),
        'ValidationException',
        'Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html',
      );
    });

    test('returns NotAuthorizedException for a name in the reserved alias/aws/ namespace', async () => {
      await assert.rejects(kms.send(new CreateAliasCommand({ AliasName: 'alias/aws/s3', TargetKeyId: keyId })), { name: 'NotAuthorizedException' });
    });

    test('returns ValidationException for a colon in the name', async () => {
      await rejectsWith(
        kms.send(new CreateAliasCommand({ AliasName: 'alias/a:b', TargetKeyId: keyId })),
        'ValidationException',
        'alias/a:b contains invalid characters for an alias',
      );
    });

    test("returns the model's ValidationException for characters outside the alias pattern", async () => {
      await rejectsWith(
        kms.send(new CreateAliasCommand({ AliasName: 'alias/a b', TargetKeyId: keyId })),
        'ValidationException',
        "1 validation error detected: Value 'alias/a b' at 'aliasName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$",
      );
    });

    test('returns ValidationException when the target is an alias name or alias ARN', async () => {
      await kms.send(new CreateAliasCommand({ AliasName: 'alias/first', TargetKeyId: keyId }));
      for (const target of ['alias/first', aliasArnOf('alias/first')]) {
        await rejectsWith(
          kms.send(new CreateAliasCommand({ AliasName: 'alias/second', TargetKeyId: target })),
          'ValidationException',
          'Aliases must refer to keys. Not aliases',
        );
      }
    });

    test('returns NotFoundException for an unknown target key', async () => {
      const unknown = '00000000-0000-4000-8000-000000000000';
      await rejectsWith(
        kms.send(new CreateAliasCommand({ AliasName: 'alias/nowhere', TargetKeyId: unknown })),
        'NotFoundException',
        `Key '${keyArnOf(unknown)}' does not exist`,
      );
    });
  });

  describe('behaviour', () => {
    test('returns AlreadyExistsException naming the alias ARN for a name taken in the account and Region', async () => {
      const other = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId;
      await kms.send(new CreateAliasCommand({ AliasName: 'alias/taken', TargetKeyId: keyId }));
      await rejectsWith(
        kms.send(new CreateAliasCommand({ AliasName: 'alias/taken', TargetKeyId: other })),
        'AlreadyExistsException',
        `An alias with the name ${aliasArnOf('alias/taken')} already exists`,
      );
    });

    test('allows the same name in another Region, for that Region\'s key', async () => {
      const away = env.kms(AWAY);
      const awayKey = (await away.send(new CreateKeyCommand({}))).KeyMetadata!;
      await kms.send(new CreateAliasCommand({ AliasName: 'alias/both-regions', TargetKeyId: keyId }));
      await away.send(new CreateAliasCommand({ AliasName: 'alias/both-regions', TargetKeyId: awayKey.KeyId }));
      const here = await kms.send(new DescribeKeyCommand({ KeyId: 'alias/both-regions' }));
      const there = await away.send(new DescribeKeyCommand({ KeyId: 'alias/both-regions' }));
      assert.equal(here.KeyMetadata!.Arn, keyArnOf(keyId));
      assert.equal(there.KeyMetadata!.Arn, awayKey.Arn);
    });

    test('accepts the key ARN as target and a disabled key', async () => {
      const k = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
      await kms.send(new DisableKeyCommand({ KeyId: k.KeyId }));
      await kms.send(new CreateAliasCommand({ AliasName: 'alias/disabled', TargetKeyId: k.Arn }));
      const d = await kms.send(new DescribeKeyCommand({ KeyId: 'alias/disabled' }));
      assert.equal(d.KeyMetadata!.KeyId, k.KeyId);
    });

    test('returns KMSInvalidStateException for a key pending deletion', async () => {
      const k = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
      await kms.send(new ScheduleKeyDeletionCommand({ KeyId: k.KeyId, PendingWindowInDays: 7 }));
      await rejectsWith(
        kms.send(new CreateAliasCommand({ AliasName: 'alias/doomed', TargetKeyId: k.KeyId })),
        'KMSInvalidStateException',
        `${k.Arn} is pending deletion.`,
      );
    });

    test("returns NotFoundException for another account's key, even named by its ARN", async () => {
      const { creds } = await env.otherAccount();
      const theirs = (await env.kms(undefined, creds).send(new CreateKeyCommand({}))).KeyMetadata!;
      await rejectsWith(
        kms.send(new CreateAliasCommand({ AliasName: 'alias/theirs', TargetKeyId: theirs.Arn })),
        'NotFoundException',
        `Key '${theirs.Arn}' does not exist`,
      );
    });

    test('returns AccessDeniedException when the key policy denies kms:CreateAlias', async () => {
      const policy = policyWith({ Effect: 'Deny', Principal: { AWS: '*' }, Action: 'kms:CreateAlias', Resource: '*' });
      const k = (await kms.send(new CreateKeyCommand({ Policy: policy }))).KeyMetadata!;
      await rejectsWith(
        kms.send(new CreateAliasCommand({ AliasName: 'alias/refused', TargetKeyId: k.KeyId })),
        'AccessDeniedException',
        `User: arn:aws:iam::${ACCOUNT}:root is not authorized to perform: kms:CreateAlias on resource: ${k.Arn} with an explicit deny in a resource-based policy`,
      );
      const { Aliases } = await kms.send(new ListAliasesCommand({ KeyId: k.KeyId }));
      assert.deepEqual(Aliases, []);
    });
  });
});
