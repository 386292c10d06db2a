import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateGrantCommand, ListRetirableGrantsCommand } from '@aws-sdk/client-kms';
import { startTestServer, type TestServer } from '../../helpers/server.js';
import { createKey, devAccountOf, newAccount, rejectsWith, type Account } from './grantFixtures.js';

describe('ListRetirableGrants', () => {
  let srv: TestServer;
  let dev: Account;
  let other: Account;
  let third: Account;

  before(async () => {
    srv = await startTestServer();
    dev = devAccountOf(srv);
    other = await newAccount(srv);
    third = await newAccount(srv);
  });
  after(() => srv.dispose());

  describe('serialization', () => {
    test('returns GrantListEntry items, Truncated false on the last page', async () => {
      const k = await createKey(dev.kms);
      const { GrantId } = await dev.kms.send(new CreateGrantCommand({ KeyId: k.keyId, GranteePrincipal: third.arn, RetiringPrincipal: other.arn, Operations: ['Decrypt'] }));
      const out = await other.kms.send(new ListRetirableGrantsCommand({ RetiringPrincipal: other.arn }));
      assert.equal(out.Truncated, false);
      const mine = out.Grants!.find((g) => g.GrantId === GrantId);
      assert.equal(mine?.KeyId, k.arn);
      assert.equal(mine?.RetiringPrincipal, other.arn);
      assert.equal(mine?.IssuingAccount, `arn:aws:iam::${dev.accountId}:root`);
    });
  });

  describe('validation', () => {
    test('requires RetiringPrincipal', async () => {
      await rejectsWith(
        other.kms.send(new ListRetirableGrantsCommand({})),
        'ValidationException',
        "1 validation error detected: Value null at 'retiringPrincipal' failed to satisfy constraint: Member must not be null",
      );
    });

    test("refuses a retiring principal of another account", async () => {
      await rejectsWith(
        other.kms.send(new ListRetirableGrantsCommand({ RetiringPrincipal: dev.arn })),
        'AccessDeniedException',
        `User: ${other.arn} is not authorized to perform: kms:ListRetirableGrants on resource: ${dev.arn} because no identity-based policy allows the kms:ListRetirableGrants action`,
      );
    });
  });

  describe('behaviour', () => {
    test("lists grants on other accounts' keys whose retiring principal is the caller, page by page", async () => {
      const retiringAccount = await newAccount(srv);
      const retiring = retiringAccount.arn;
      const keys = [await createKey(dev.kms), await createKey(third.kms), await createKey(dev.kms)];
      const ids: string[] = [];
      for (const [i, k] of keys.entries()) {
        const kms = i === 1 ? third.kms : dev.kms;
        ids.push((await kms.send(new CreateGrantCommand({ KeyId: k.arn, GranteePrincipal: other.arn, RetiringPrincipal: retiring, Operations: ['Encrypt'] }))).GrantId!);
      }
      await dev.kms.send(new CreateGrantCommand({ KeyId: keys[0]!.arn, GranteePrincipal: other.arn, RetiringPrincipal: dev.arn, Operations: ['Encrypt'] }));
      const kms = retiringAccount.kms;
      const first = await kms.send(new ListRetirableGrantsCommand({ RetiringPrincipal: retiring, Limit: 2 }));
      assert.deepEqual(first.Grants!.map((g) => g.GrantId), ids.slice(0, 2));
      assert.equal(first.Truncated, true);
      const second = await kms.send(new ListRetirableGrantsCommand({ RetiringPrincipal: retiring, Limit: 2, Marker: first.NextMarker }));
      assert.deepEqual(second.Grants!.map((g) => g.GrantId), ids.slice(2));
      assert.equal(second.Truncated, false);
    });
  });
});
