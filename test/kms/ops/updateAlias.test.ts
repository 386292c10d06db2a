import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CreateAliasCommand,
  CreateKeyCommand,
  DescribeKeyCommand,
  ListAliasesCommand,
  ScheduleKeyDeletionCommand,
  UpdateAliasCommand,
  type CreateKeyCommandInput,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { aliasArnOf, keyArnOf, rejectsWith, startKms, type KmsTestEnv } from './regionalClients.js';

describe('UpdateAlias', () => {
  let env: KmsTestEnv;
  let kms: KMSClient;
  let n = 0;

  const newKey = async (input: CreateKeyCommandInput = {}) => (await kms.send(new CreateKeyCommand(input))).KeyMetadata!;
  /** A fresh alias on a fresh key of the given kind. */
  const aliasOn = async (input: CreateKeyCommandInput = {}) => {
    const key = await newKey(input);
    const name = `alias/update-${++n}`;
    await kms.send(new CreateAliasCommand({ AliasName: name, TargetKeyId: key.KeyId }));
    return { name, key };
  };
  const entry = async (name: string) => (await kms.send(new ListAliasesCommand({}))).Aliases!.find((a) => a.AliasName === name)!;

  before(async () => {
    env = await startKms();
    kms = env.kms();
  });
  after(() => env.dispose());

  describe('serialization', () => {
    test('answers with an empty body; the alias keeps its creation date and gets a new LastUpdatedDate', async () => {
      const { name } = await aliasOn();
      const original = await entry(name);
      await new Promise((r) => setTimeout(r, 5)); // dates have millisecond precision
      const target = await newKey();
      const out = await kms.send(new UpdateAliasCommand({ AliasName: name, TargetKeyId: target.KeyId }));
      assert.equal(out.$metadata.httpStatusCode, 200);
      const updated = await entry(name);
      assert.equal(updated.TargetKeyId, target.KeyId);
      assert.deepEqual(updated.CreationDate, original.CreationDate);
      assert.ok(updated.LastUpdatedDate! > original.LastUpdatedDate!);
    });
  });

  describe('validation', () => {
    test('returns ValidationException for a name without the alias/ prefix', async () => {
      const key = await newKey();
      await rejectsWith(
        kms.send(new UpdateAliasCommand({ AliasName: 'nope', TargetKeyId: key.KeyId })),
        'ValidationException',
        'Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html',
      );
    });

    test('returns NotAuthorizedException for a reserved alias/aws/ name', async () => {
      const key = await newKey();
      await assert.rejects(kms.send(new UpdateAliasCommand({ AliasName: 'alias/aws/ebs', TargetKeyId: key.KeyId })), { name: 'NotAuthorizedException' });
    });

    test('returns NotFoundException naming the alias ARN for an unknown alias', async () => {
      const key = await newKey();
      await rejectsWith(
        kms.send(new UpdateAliasCommand({ AliasName: 'alias/never-made', TargetKeyId: key.KeyId })),
        'NotFoundException',
        `Alias ${aliasArnOf('alias/never-made')} is not found.`,
      );
    });

    test('returns ValidationException when the new target is an alias', async () => {
      const a = await aliasOn();
      const b = await aliasOn();
      await rejectsWith(kms.send(new UpdateAliasCommand({ AliasName: a.name, TargetKeyId: b.name })), 'ValidationException', 'Aliases must refer to keys. Not aliases');
    });

    test('returns NotFoundException for an unknown new target', async () => {
      const { name } = await aliasOn();
      const unknown = '11111111-2222-4333-8444-555555555555';
      await rejectsWith(kms.send(new UpdateAliasCommand({ AliasName: name, TargetKeyId: unknown })), 'NotFoundException', `Key '${keyArnOf(unknown)}' does not exist`);
    });
  });

  describe('behaviour', () => {
    test('moves the alias: DescribeKey through it answers for the new key', async () => {
      const { name } = await aliasOn();
      const target = await newKey();
      await kms.send(new UpdateAliasCommand({ AliasName: name, TargetKeyId: target.Arn }));
      const d = await kms.send(new DescribeKeyCommand({ KeyId: name }));
      assert.equal(d.KeyMetadata!.KeyId, target.KeyId);
    });

    test('returns ValidationException for a new key of another type (symmetric to RSA)', async () => {
      const { name } = await aliasOn();
      const rsa = await newKey({ KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' });
      await rejectsWith(
        kms.send(new UpdateAliasCommand({ AliasName: name, TargetKeyId: rsa.KeyId })),
        'ValidationException',
        `${name} must be associated with a KMS key of the same type and key usage as its current KMS key.`,
      );
    });

    test('returns ValidationException for a new key of the same type with another key usage', async () => {
      const { name } = await aliasOn({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
      const agreement = await newKey({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'KEY_AGREEMENT' });
      await rejectsWith(
        kms.send(new UpdateAliasCommand({ AliasName: name, TargetKeyId: agreement.KeyId })),
        'ValidationException',
        `${name} must be associated with a KMS key of the same type and key usage as its current KMS key.`,
      );
    });

    test('accepts a new key of another spec of the same type and usage (ECC to RSA signing, HMAC_256 to HMAC_512)', async () => {
      const ecc = await aliasOn({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
      const rsa = await newKey({ KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' });
      await kms.send(new UpdateAliasCommand({ AliasName: ecc.name, TargetKeyId: rsa.KeyId }));
      const hmac = await aliasOn({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
      const hmac512 = await newKey({ KeySpec: 'HMAC_512', KeyUsage: 'GENERATE_VERIFY_MAC' });
      await kms.send(new UpdateAliasCommand({ AliasName: hmac.name, TargetKeyId: hmac512.KeyId }));
      assert.equal((await entry(ecc.name)).TargetKeyId, rsa.KeyId);
      assert.equal((await entry(hmac.name)).TargetKeyId, hmac512.KeyId);
    });

    test('returns KMSInvalidStateException when the new key is pending deletion', async () => {
      const { name } = await aliasOn();
      const doomed = await newKey();
      await kms.send(new ScheduleKeyDeletionCommand({ KeyId: doomed.KeyId, PendingWindowInDays: 7 }));
      await rejectsWith(kms.send(new UpdateAliasCommand({ AliasName: name, TargetKeyId: doomed.KeyId })), 'KMSInvalidStateException', `${doomed.Arn} is pending deletion.`);
    });

    test('moves an alias away from a key pending deletion', async () => {
      const { name, key } = await aliasOn();
      await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
      const target = await newKey();
      await kms.send(new UpdateAliasCommand({ AliasName: name, TargetKeyId: target.KeyId }));
      assert.equal((await entry(name)).TargetKeyId, target.KeyId);
    });
  });
});
