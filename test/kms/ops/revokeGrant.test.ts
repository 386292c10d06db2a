import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CreateGrantCommand,
  DecryptCommand,
  DisableKeyCommand,
  EncryptCommand,
  ListGrantsCommand,
  RevokeGrantCommand,
  ScheduleKeyDeletionCommand,
} from '@aws-sdk/client-kms';
import { startTestServer, type TestServer } from '../../helpers/server.js';
import { createKey, devAccountOf, newAccount, notAuthorized, rejectsWith, type Account } from './grantFixtures.js';

describe('RevokeGrant', () => {
  let srv: TestServer;
  let dev: Account;
  let other: Account;

  before(async () => {
    srv = await startTestServer();
    dev = devAccountOf(srv);
    other = await newAccount(srv);
  });
  after(() => srv.dispose());

  async function keyWithGrant() {
    const key = await createKey(dev.kms);
    const g = await dev.kms.send(new CreateGrantCommand({ KeyId: key.arn, GranteePrincipal: other.arn, Operations: ['Encrypt', 'Decrypt', 'RetireGrant'] }));
    return { key, grantId: g.GrantId! };
  }

  describe('serialization', () => {
    test('answers 200 with an empty body', async () => {
      const { key, grantId } = await keyWithGrant();
      const out = await dev.kms.send(new RevokeGrantCommand({ KeyId: key.keyId, GrantId: grantId }));
      assert.equal(out.$metadata.httpStatusCode, 200);
    });
  });

  describe('validation', () => {
    test('returns InvalidGrantIdException for a malformed grant id and NotFoundException for an unknown one', async () => {
      const { key } = await keyWithGrant();
      await rejectsWith(dev.kms.send(new RevokeGrantCommand({ KeyId: key.arn, GrantId: 'abc' })), 'InvalidGrantIdException', "Invalid grantId 'abc'");
      const unknown = 'a'.repeat(64);
      await rejectsWith(
        dev.kms.send(new RevokeGrantCommand({ KeyId: key.arn, GrantId: unknown })),
        'NotFoundException',
        `Grant ${unknown} does not exist for key '${key.arn}'`,
      );
    });

    test('refuses the grantee: revoking needs kms:RevokeGrant on the key', async () => {
      const { key, grantId } = await keyWithGrant();
      await rejectsWith(
        other.kms.send(new RevokeGrantCommand({ KeyId: key.arn, GrantId: grantId })),
        'AccessDeniedException',
        notAuthorized(other.arn, 'kms:RevokeGrant', key.arn),
      );
    });
  });

  describe('behaviour', () => {
    test('removes the access the grant gave at once', async () => {
      const { key, grantId } = await keyWithGrant();
      const enc = await other.kms.send(new EncryptCommand({ KeyId: key.arn, Plaintext: Buffer.from('x') }));
      await dev.kms.send(new RevokeGrantCommand({ KeyId: key.arn, GrantId: grantId }));
      assert.deepEqual((await dev.kms.send(new ListGrantsCommand({ KeyId: key.arn }))).Grants, []);
      await rejectsWith(other.kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob })), 'AccessDeniedException', notAuthorized(other.arn, 'kms:Decrypt', key.arn));
    });

    test('lists and revokes grants of a disabled key and of a key pending deletion', async () => {
      const disabled = await keyWithGrant();
      await dev.kms.send(new DisableKeyCommand({ KeyId: disabled.key.keyId }));
      const doomed = await keyWithGrant();
      await dev.kms.send(new ScheduleKeyDeletionCommand({ KeyId: doomed.key.keyId, PendingWindowInDays: 7 }));
      for (const { key, grantId } of [disabled, doomed]) {
        const before = await dev.kms.send(new ListGrantsCommand({ KeyId: key.arn }));
        assert.deepEqual(before.Grants!.map((g) => g.GrantId), [grantId]);
        await dev.kms.send(new RevokeGrantCommand({ KeyId: key.arn, GrantId: grantId }));
        assert.deepEqual((await dev.kms.send(new ListGrantsCommand({ KeyId: key.arn }))).Grants, []);
      }
    });

    test('DryRun checks the request without revoking', async () => {
      const { key, grantId } = await keyWithGrant();
      await rejectsWith(
        dev.kms.send(new RevokeGrantCommand({ KeyId: key.arn, GrantId: grantId, DryRun: true })),
        'DryRunOperationException',
        'The request would have succeeded, but the DryRun option is set.',
      );
      assert.equal((await dev.kms.send(new ListGrantsCommand({ KeyId: key.arn }))).Grants!.length, 1);
    });
  });
});
