import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateGrantCommand, DescribeKeyCommand, ListGrantsCommand, RetireGrantCommand, type CreateGrantCommandInput } from '@aws-sdk/client-kms';
import { startTestServer, type TestServer } from '../../helpers/server.js';
import { createKey, devAccountOf, newAccount, notAuthorized, rejectsWith, type Account } from './grantFixtures.js';

describe('RetireGrant', () => {
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

  /** A new key with one grant to `other`. */
  async function keyWithGrant(input: Partial<CreateGrantCommandInput> = {}) {
    const key = await createKey(dev.kms);
    const g = await dev.kms.send(new CreateGrantCommand({ KeyId: key.arn, GranteePrincipal: other.arn, Operations: ['DescribeKey'], ...input }));
    return { key, grantId: g.GrantId!, token: g.GrantToken! };
  }
  const grantIds = async (keyArn: string) => (await dev.kms.send(new ListGrantsCommand({ KeyId: keyArn }))).Grants!.map((g) => g.GrantId);

  describe('serialization', () => {
    test('answers 200 with an empty body', async () => {
      const { token } = await keyWithGrant();
      const out = await dev.kms.send(new RetireGrantCommand({ GrantToken: token }));
      assert.equal(out.$metadata.httpStatusCode, 200);
    });
  });

  describe('validation', () => {
    test('needs a grant token or both a key and a grant id', async () => {
      const { key } = await keyWithGrant();
      const message = 'Grant token OR (grant ID, key ID) must be specified';
      await rejectsWith(dev.kms.send(new RetireGrantCommand({})), 'ValidationException', message);
      await rejectsWith(dev.kms.send(new RetireGrantCommand({ KeyId: key.arn })), 'ValidationException', message);
    });

    test('returns InvalidGrantTokenException for a malformed token, NotFoundException for a retired one', async () => {
      const { token } = await keyWithGrant();
      await rejectsWith(dev.kms.send(new RetireGrantCommand({ GrantToken: 'garbage!' })), 'InvalidGrantTokenException', 'Invalid grant token.');
      await dev.kms.send(new RetireGrantCommand({ GrantToken: token }));
      await rejectsWith(dev.kms.send(new RetireGrantCommand({ GrantToken: token })), 'NotFoundException', 'The grant that the grant token identifies does not exist.');
    });

    test('returns InvalidGrantIdException for a malformed grant id and NotFoundException for an unknown one', async () => {
      const { key } = await keyWithGrant();
      await rejectsWith(dev.kms.send(new RetireGrantCommand({ KeyId: key.arn, GrantId: 'x' })), 'InvalidGrantIdException', "Invalid grantId 'x'");
      const unknown = '0'.repeat(64);
      await rejectsWith(
        dev.kms.send(new RetireGrantCommand({ KeyId: key.arn, GrantId: unknown })),
        'NotFoundException',
        `Grant ${unknown} does not exist for key '${key.arn}'`,
      );
    });
  });

  describe('behaviour', () => {
    test('the retiring principal retires by token, and the grantee loses access at once', async () => {
      const { key, grantId, token } = await keyWithGrant({ RetiringPrincipal: third.arn });
      await other.kms.send(new DescribeKeyCommand({ KeyId: key.arn }));
      await third.kms.send(new RetireGrantCommand({ GrantToken: token }));
      assert.ok(!(await grantIds(key.arn)).includes(grantId));
      await rejectsWith(other.kms.send(new DescribeKeyCommand({ KeyId: key.arn })), 'AccessDeniedException', notAuthorized(other.arn, 'kms:DescribeKey', key.arn));
    });

    test('the grantee retires by key and grant id only when the grant allows RetireGrant', async () => {
      const without = await keyWithGrant();
      await rejectsWith(
        other.kms.send(new RetireGrantCommand({ KeyId: without.key.arn, GrantId: without.grantId })),
        'AccessDeniedException',
        notAuthorized(other.arn, 'kms:RetireGrant', without.key.arn),
      );
      const withRetire = await keyWithGrant({ Operations: ['DescribeKey', 'RetireGrant'] });
      await other.kms.send(new RetireGrantCommand({ KeyId: withRetire.key.arn, GrantId: withRetire.grantId }));
      assert.deepEqual(await grantIds(withRetire.key.arn), []);
    });

    test('the account that created the grant retires it; an unrelated account cannot', async () => {
      const { key, grantId, token } = await keyWithGrant();
      await rejectsWith(third.kms.send(new RetireGrantCommand({ GrantToken: token })), 'AccessDeniedException', notAuthorized(third.arn, 'kms:RetireGrant', key.arn));
      await dev.kms.send(new RetireGrantCommand({ KeyId: key.keyId, GrantId: grantId }));
      assert.deepEqual(await grantIds(key.arn), []);
    });

    test('DryRun checks the request without retiring', async () => {
      const { key, grantId, token } = await keyWithGrant();
      await rejectsWith(
        dev.kms.send(new RetireGrantCommand({ GrantToken: token, DryRun: true })),
        'DryRunOperationException',
        'The request would have succeeded, but the DryRun option is set.',
      );
      assert.deepEqual(await grantIds(key.arn), [grantId]);
    });
  });
});
