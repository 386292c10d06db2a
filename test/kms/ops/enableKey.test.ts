import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DescribeKeyCommand, DisableKeyCommand, EnableKeyCommand, PutKeyPolicyCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { devAccount } from '../../helpers/server.js';
import { rejects } from '../helpers.js';
import { policyAllowing, startKms, type KmsFixture } from './lifecycleFixtures.js';

describe('EnableKey', () => {
  let f: KmsFixture;
  before(async () => {
    f = await startKms();
  });
  after(() => f.dispose());

  const stateOf = async (keyId: string) => (await f.kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!;

  describe('serialization', () => {
    test('answers with an empty body and the key is Enabled again', async () => {
      const key = await f.createKey();
      await f.kms.send(new DisableKeyCommand({ KeyId: key.KeyId }));
      const out = await f.kms.send(new EnableKeyCommand({ KeyId: key.Arn }));
      assert.equal(out.$metadata.httpStatusCode, 200);
      const m = await stateOf(key.KeyId!);
      assert.equal(m.KeyState, 'Enabled');
      assert.equal(m.Enabled, true);
    });
  });

  describe('validation', () => {
    test('returns NotFoundException for an unknown key', async () => {
      const id = 'mrk-0123456789abcdef0123456789abcdef';
      await rejects(
        f.kms.send(new EnableKeyCommand({ KeyId: id })),
        'NotFoundException',
        `Key 'arn:aws:kms:us-east-1:${devAccount}:key/${id}' does not exist`,
      );
    });
  });

  describe('behaviour', () => {
    test('succeeds on a key that is already enabled', async () => {
      const key = await f.createKey();
      await f.kms.send(new EnableKeyCommand({ KeyId: key.KeyId }));
      assert.equal((await stateOf(key.KeyId!)).KeyState, 'Enabled');
    });

    test('returns KMSInvalidStateException for a key pending import', async () => {
      const key = await f.createKey({ Origin: 'EXTERNAL' });
      await rejects(f.kms.send(new EnableKeyCommand({ KeyId: key.KeyId })), 'KMSInvalidStateException', `${key.Arn} is pending import.`);
    });

    test('returns KMSInvalidStateException for a key pending deletion', async () => {
      const key = await f.createKey();
      await f.kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
      await rejects(f.kms.send(new EnableKeyCommand({ KeyId: key.KeyId })), 'KMSInvalidStateException', `${key.Arn} is pending deletion.`);
    });

    test('returns AccessDeniedException when the key policy does not allow kms:EnableKey', async () => {
      const key = await f.createKey();
      const policy = policyAllowing(devAccount, ['kms:DisableKey']);
      await f.kms.send(new PutKeyPolicyCommand({ KeyId: key.KeyId, Policy: policy, BypassPolicyLockoutSafetyCheck: true }));
      await f.kms.send(new DisableKeyCommand({ KeyId: key.KeyId }));
      await rejects(
        f.kms.send(new EnableKeyCommand({ KeyId: key.KeyId })),
        'AccessDeniedException',
        `User: arn:aws:iam::${devAccount}:root is not authorized to perform: kms:EnableKey on resource: ${key.Arn} because no resource-based policy allows the kms:EnableKey action`,
      );
    });
  });
});
