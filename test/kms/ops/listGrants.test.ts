import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { CreateGrantCommand, ListGrantsCommand } from '@aws-sdk/client-kms';
import { startTestServer, type TestServer } from '../../helpers/server.js';
import { createKey, devAccountOf, newAccount, notAuthorized, rejectsWith, type Account } from './grantFixtures.js';

describe('ListGrants', () => {
  let srv: TestServer;
  let dev: Account;
  let other: Account;

  before(async () => {
    srv = await startTestServer();
    dev = devAccountOf(srv);
    other = await newAccount(srv);
  });
  after(() => srv.dispose());

  describe('serialization', () => {
    test('returns each grant as a GrantListEntry with the key ARN and the issuing account', async () => {
      const k = await createKey(dev.kms);
      const before = Date.now();
      const { GrantId } = await dev.kms.send(
        new CreateGrantCommand({
          KeyId: k.keyId,
          Name: 'app-decrypt',
          GranteePrincipal: other.arn,
          RetiringPrincipal: dev.arn,
          Operations: ['Decrypt', 'RetireGrant'],
          Constraints: { EncryptionContextSubset: { app: 'x' } },
        }),
      );
      const out = await dev.kms.send(new ListGrantsCommand({ KeyId: k.keyId }));
      assert.equal(out.Truncated, false);
      assert.equal(out.NextMarker, undefined);
      assert.equal(out.Grants!.length, 1);
      const { CreationDate, ...entry } = out.Grants![0]!;
      assert.ok(CreationDate instanceof Date && CreationDate.getTime() >= before - 1000);
      assert.deepEqual(entry, {
        KeyId: k.arn,
        GrantId,
        Name: 'app-decrypt',
        GranteePrincipal: other.arn,
        RetiringPrincipal: dev.arn,
        IssuingAccount: `arn:aws:iam::${dev.accountId}:root`,
        Operations: ['Decrypt', 'RetireGrant'],
        Constraints: { EncryptionContextSubset: { app: 'x' } },
      });
    });
  });

  describe('validation', () => {
    test('returns NotFoundException for an unknown key and InvalidArnException for an alias', async () => {
      const id = randomUUID();
      await rejectsWith(dev.kms.send(new ListGrantsCommand({ KeyId: id })), 'NotFoundException', `Key 'arn:aws:kms:us-east-1:${dev.accountId}:key/${id}' does not exist`);
      await rejectsWith(dev.kms.send(new ListGrantsCommand({ KeyId: 'alias/x' })), 'InvalidArnException', 'Key Aliases are not supported for this operation.');
    });

    test('returns InvalidGrantIdException for a malformed GrantId and InvalidMarkerException for a foreign marker', async () => {
      const k = await createKey(dev.kms);
      await rejectsWith(dev.kms.send(new ListGrantsCommand({ KeyId: k.keyId, GrantId: 'nope' })), 'InvalidGrantIdException', "Invalid grantId 'nope'");
      await rejectsWith(dev.kms.send(new ListGrantsCommand({ KeyId: k.keyId, Marker: 'abc' })), 'InvalidMarkerException', 'Invalid marker');
    });

    test("refuses another account that has no permission on the key", async () => {
      const k = await createKey(dev.kms);
      await rejectsWith(other.kms.send(new ListGrantsCommand({ KeyId: k.arn })), 'AccessDeniedException', notAuthorized(other.arn, 'kms:ListGrants', k.arn));
    });
  });

  describe('behaviour', () => {
    test('filters by GrantId and by GranteePrincipal', async () => {
      const k = await createKey(dev.kms);
      const a = await dev.kms.send(new CreateGrantCommand({ KeyId: k.keyId, GranteePrincipal: other.arn, Operations: ['Encrypt'] }));
      const b = await dev.kms.send(new CreateGrantCommand({ KeyId: k.keyId, GranteePrincipal: dev.arn, Operations: ['Decrypt'] }));
      const byId = await dev.kms.send(new ListGrantsCommand({ KeyId: k.arn, GrantId: b.GrantId }));
      assert.deepEqual(byId.Grants!.map((g) => g.GrantId), [b.GrantId]);
      const byGrantee = await dev.kms.send(new ListGrantsCommand({ KeyId: k.arn, GranteePrincipal: other.arn }));
      assert.deepEqual(byGrantee.Grants!.map((g) => g.GrantId), [a.GrantId]);
      const unknown = await dev.kms.send(new ListGrantsCommand({ KeyId: k.arn, GrantId: 'f'.repeat(64) }));
      assert.deepEqual(unknown.Grants, []);
    });

    test('pages with Limit and Marker in creation order', async () => {
      const k = await createKey(dev.kms);
      const ids: string[] = [];
      for (const op of ['Encrypt', 'Decrypt', 'GenerateDataKey'] as const) {
        ids.push((await dev.kms.send(new CreateGrantCommand({ KeyId: k.keyId, GranteePrincipal: other.arn, Operations: [op] }))).GrantId!);
      }
      const first = await dev.kms.send(new ListGrantsCommand({ KeyId: k.keyId, Limit: 2 }));
      assert.deepEqual(first.Grants!.map((g) => g.GrantId), ids.slice(0, 2));
      assert.equal(first.Truncated, true);
      const second = await dev.kms.send(new ListGrantsCommand({ KeyId: k.keyId, Limit: 2, Marker: first.NextMarker }));
      assert.deepEqual(second.Grants!.map((g) => g.GrantId), ids.slice(2));
      assert.equal(second.Truncated, false);
    });
  });
});
