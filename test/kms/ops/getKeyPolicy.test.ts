import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DisableKeyCommand, GetKeyPolicyCommand, PutKeyPolicyCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { devAccount } from '../../helpers/server.js';
import { rejects } from '../helpers.js';
import { policyAllowing, startKms, type KmsFixture } from './lifecycleFixtures.js';

describe('GetKeyPolicy', () => {
  let f: KmsFixture;
  before(async () => {
    f = await startKms();
  });
  after(() => f.dispose());

  describe('serialization', () => {
    test("returns a new key's default policy and PolicyName default", async () => {
      const key = await f.createKey();
      const out = await f.kms.send(new GetKeyPolicyCommand({ KeyId: key.KeyId }));
      assert.equal(out.PolicyName, 'default');
      assert.deepEqual(JSON.parse(out.Policy!), {
        Version: '2012-10-17',
        Id: 'key-default-1',
        Statement: [
          {
            Sid: 'Enable IAM User Permissions',
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${devAccount}:root` },
            Action: 'kms:*',
            Resource: '*',
          },
        ],
      });
    });
  });

  describe('validation', () => {
    test('returns NotFoundException for a policy name other than default', async () => {
      const key = await f.createKey();
      await rejects(f.kms.send(new GetKeyPolicyCommand({ KeyId: key.KeyId, PolicyName: 'other' })), 'NotFoundException', 'No such policy exists');
    });

    test('returns NotFoundException for an unknown key', async () => {
      const id = '11111111-2222-3333-4444-555555555555';
      await rejects(
        f.kms.send(new GetKeyPolicyCommand({ KeyId: id })),
        'NotFoundException',
        `Key 'arn:aws:kms:us-east-1:${devAccount}:key/${id}' does not exist`,
      );
    });

    test("returns NotFoundException for another account's key, even one whose policy trusts the caller", async () => {
      const other = await f.otherAccount();
      const trustsCaller = JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: [`arn:aws:iam::${other.accountId}:root`, `arn:aws:iam::${devAccount}:root`] },
            Action: 'kms:*',
            Resource: '*',
          },
        ],
      });
      const theirs = await f.createKey({ Policy: trustsCaller }, f.client({ creds: other }));
      await rejects(f.kms.send(new GetKeyPolicyCommand({ KeyId: theirs.Arn })), 'NotFoundException', `Key '${theirs.Arn}' does not exist`);
    });
  });

  describe('behaviour', () => {
    test('works on disabled keys and keys pending deletion', async () => {
      const key = await f.createKey();
      await f.kms.send(new DisableKeyCommand({ KeyId: key.KeyId }));
      assert.equal((await f.kms.send(new GetKeyPolicyCommand({ KeyId: key.KeyId }))).PolicyName, 'default');
      await f.kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
      assert.equal((await f.kms.send(new GetKeyPolicyCommand({ KeyId: key.KeyId, PolicyName: 'default' }))).PolicyName, 'default');
    });

    test('returns AccessDeniedException when the key policy does not allow kms:GetKeyPolicy', async () => {
      const key = await f.createKey();
      await f.kms.send(new PutKeyPolicyCommand({ KeyId: key.KeyId, Policy: policyAllowing(devAccount, ['kms:PutKeyPolicy']) }));
      await rejects(
        f.kms.send(new GetKeyPolicyCommand({ KeyId: key.KeyId })),
        'AccessDeniedException',
        `User: arn:aws:iam::${devAccount}:root is not authorized to perform: kms:GetKeyPolicy on resource: ${key.Arn} because no resource-based policy allows the kms:GetKeyPolicy action`,
      );
    });
  });
});
