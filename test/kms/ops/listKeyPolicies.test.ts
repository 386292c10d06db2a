import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ListKeyPoliciesCommand, PutKeyPolicyCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { devAccount } from '../../helpers/server.js';
import { rejects } from '../helpers.js';
import { policyAllowing, startKms, type KmsFixture } from './lifecycleFixtures.js';

describe('ListKeyPolicies', () => {
  let f: KmsFixture;
  before(async () => {
    f = await startKms();
  });
  after(() => f.dispose());

  describe('serialization', () => {
    test('returns PolicyNames [default] and Truncated false', async () => {
      const key = await f.createKey();
      const out = await f.kms.send(new ListKeyPoliciesCommand({ KeyId: key.Arn, Limit: 1 }));
      assert.deepEqual(out.PolicyNames, ['default']);
      assert.equal(out.Truncated, false);
      assert.equal(out.NextMarker, undefined);
    });
  });

  describe('validation', () => {
    test('returns NotFoundException for an unknown key', async () => {
      const id = '11111111-2222-3333-4444-555555555555';
      await rejects(
        f.kms.send(new ListKeyPoliciesCommand({ KeyId: id })),
        'NotFoundException',
        `Key 'arn:aws:kms:us-east-1:${devAccount}:key/${id}' does not exist`,
      );
    });
  });

  describe('behaviour', () => {
    test('works on a key pending deletion', async () => {
      const key = await f.createKey();
      await f.kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
      assert.deepEqual((await f.kms.send(new ListKeyPoliciesCommand({ KeyId: key.KeyId }))).PolicyNames, ['default']);
    });

    test('returns AccessDeniedException when the key policy does not allow kms:ListKeyPolicies', async () => {
      const key = await f.createKey();
      await f.kms.send(new PutKeyPolicyCommand({ KeyId: key.KeyId, Policy: policyAllowing(devAccount, ['kms:PutKeyPolicy']) }));
      await rejects(
        f.kms.send(new ListKeyPoliciesCommand({ KeyId: key.KeyId })),
        'AccessDeniedException',
        `User: arn:aws:iam::${devAccount}:root is not authorized to perform: kms:ListKeyPolicies on resource: ${key.Arn} because no resource-based policy allows the kms:ListKeyPolicies action`,
      );
    });
  });
});
