import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DescribeKeyCommand, DisableKeyCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { devAccount } from '../../helpers/server.js';
import { rejects } from '../helpers.js';
import { startKms, type KmsFixture } from './lifecycleFixtures.js';

describe('DisableKey', () => {
  let f: KmsFixture;
  before(async () => {
    f = await startKms();
  });
  after(() => f.dispose());

  const metadata = async (keyId: string) => (await f.kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!;

  describe('serialization', () => {
    test('answers with an empty body and the key is Disabled', async () => {
      const key = await f.createKey();
      const out = await f.kms.send(new DisableKeyCommand({ KeyId: key.KeyId }));
      assert.equal(out.$metadata.httpStatusCode, 200);
      const m = await metadata(key.KeyId!);
      assert.equal(m.KeyState, 'Disabled');
      assert.equal(m.Enabled, false);
    });
  });

  describe('validation', () => {
    test('returns NotFoundException for an unknown key ARN', async () => {
      const arn = `arn:aws:kms:us-east-1:${devAccount}:key/11111111-2222-3333-4444-555555555555`;
      await rejects(f.kms.send(new DisableKeyCommand({ KeyId: arn })), 'NotFoundException', `Key '${arn}' does not exist`);
    });
  });

  describe('behaviour', () => {
    test('succeeds on a key that is already disabled', async () => {
      const key = await f.createKey();
      await f.kms.send(new DisableKeyCommand({ KeyId: key.KeyId }));
      await f.kms.send(new DisableKeyCommand({ KeyId: key.KeyId }));
      assert.equal((await metadata(key.KeyId!)).KeyState, 'Disabled');
    });

    test('returns KMSInvalidStateException for a key pending import', async () => {
      const key = await f.createKey({ Origin: 'EXTERNAL' });
      await rejects(f.kms.send(new DisableKeyCommand({ KeyId: key.KeyId })), 'KMSInvalidStateException', `${key.Arn} is pending import.`);
    });

    test('returns KMSInvalidStateException for a key pending deletion', async () => {
      const key = await f.createKey();
      await f.kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
      await rejects(f.kms.send(new DisableKeyCommand({ KeyId: key.KeyId })), 'KMSInvalidStateException', `${key.Arn} is pending deletion.`);
    });
  });
});
