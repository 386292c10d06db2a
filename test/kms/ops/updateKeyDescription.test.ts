import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DescribeKeyCommand, PutKeyPolicyCommand, ScheduleKeyDeletionCommand, UpdateKeyDescriptionCommand } from '@aws-sdk/client-kms';
import { devAccount } from '../../helpers/server.js';
import { rejects } from '../helpers.js';
import { policyAllowing, startKms, type KmsFixture } from './lifecycleFixtures.js';

describe('UpdateKeyDescription', () => {
  let f: KmsFixture;
  before(async () => {
    f = await startKms();
  });
  after(() => f.dispose());

  describe('serialization', () => {
    test('answers with an empty body and DescribeKey shows the new description', async () => {
      const key = await f.createKey({ Description: 'before' });
      const out = await f.kms.send(new UpdateKeyDescriptionCommand({ KeyId: key.Arn, Description: 'after' }));
      assert.equal(out.$metadata.httpStatusCode, 200);
      const d = await f.kms.send(new DescribeKeyCommand({ KeyId: key.KeyId }));
      assert.equal(d.KeyMetadata!.Description, 'after');
    });
  });

  describe('validation', () => {
    test('returns NotFoundException for an unknown key', async () => {
      const id = '11111111-2222-3333-4444-555555555555';
      await rejects(
        f.kms.send(new UpdateKeyDescriptionCommand({ KeyId: id, Description: 'x' })),
        'NotFoundException',
        `Key 'arn:aws:kms:us-east-1:${devAccount}:key/${id}' does not exist`,
      );
    });

    test('returns NotFoundException for an alias name, which this operation does not accept', async () => {
      await rejects(
        f.kms.send(new UpdateKeyDescriptionCommand({ KeyId: 'alias/mine', Description: 'x' })),
        'NotFoundException',
        "Invalid keyId alias/mine",
      );
    });

    test("returns NotFoundException for another account's key named by its ARN", async () => {
      const other = await f.otherAccount();
      const theirs = await f.createKey({}, f.client({ creds: other }));
      await rejects(
        f.kms.send(new UpdateKeyDescriptionCommand({ KeyId: theirs.Arn, Description: 'x' })),
        'NotFoundException',
        `Key '${theirs.Arn}' does not exist`,
      );
    });
  });

  describe('behaviour', () => {
    test('accepts an empty description', async () => {
      const key = await f.createKey({ Description: 'something' });
      await f.kms.send(new UpdateKeyDescriptionCommand({ KeyId: key.KeyId, Description: '' }));
      assert.equal((await f.kms.send(new DescribeKeyCommand({ KeyId: key.KeyId }))).KeyMetadata!.Description, '');
    });

    test('returns KMSInvalidStateException while the key is pending deletion', async () => {
      const key = await f.createKey();
      await f.kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
      await rejects(
        f.kms.send(new UpdateKeyDescriptionCommand({ KeyId: key.KeyId, Description: 'x' })),
        'KMSInvalidStateException',
        `${key.Arn} is pending deletion.`,
      );
    });

    test('returns AccessDeniedException when the key policy does not allow kms:UpdateKeyDescription', async () => {
      const key = await f.createKey();
      const policy = policyAllowing(devAccount, ['kms:DescribeKey']);
      await f.kms.send(new PutKeyPolicyCommand({ KeyId: key.KeyId, Policy: policy, BypassPolicyLockoutSafetyCheck: true }));
      await rejects(
        f.kms.send(new UpdateKeyDescriptionCommand({ KeyId: key.KeyId, Description: 'x' })),
        'AccessDeniedException',
        `User: arn:aws:iam::${devAccount}:root is not authorized to perform: kms:UpdateKeyDescription on resource: ${key.Arn} because no resource-based policy allows the kms:UpdateKeyDescription action`,
      );
    });
  });
});
