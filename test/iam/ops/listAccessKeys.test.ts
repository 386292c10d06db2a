import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateAccessKeyCommand, CreateUserCommand, ListAccessKeysCommand } from '@aws-sdk/client-iam';
import { allowSelf, rejectsWith, startIam, type IamTestEnv } from './iamFixtures.js';

describe('ListAccessKeys', () => {
  let env: IamTestEnv;
  const ids: string[] = [];
  before(async () => {
    env = await startIam();
    await env.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await env.iam.send(new CreateUserCommand({ UserName: 'nokeys' }));
    for (let i = 0; i < 2; i++) ids.push((await env.iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }))).AccessKey!.AccessKeyId!);
  });
  after(() => env.dispose());

  describe('serialization', () => {
    test('lists the user’s keys with status, date and user name, never the secret', async () => {
      const out = await env.iam.send(new ListAccessKeysCommand({ UserName: 'alice' }));
      assert.deepEqual(new Set(out.AccessKeyMetadata!.map((k) => k.AccessKeyId)), new Set(ids));
      for (const k of out.AccessKeyMetadata!) {
        assert.equal(k.UserName, 'alice');
        assert.equal(k.Status, 'Active');
        assert.ok(k.CreateDate instanceof Date);
        assert.equal((k as Record<string, unknown>).SecretAccessKey, undefined);
      }
      assert.equal(out.IsTruncated, false);
    });

    test('a user without keys has an empty list', async () => {
      assert.deepEqual((await env.iam.send(new ListAccessKeysCommand({ UserName: 'nokeys' }))).AccessKeyMetadata, []);
    });
  });

  describe('behaviour', () => {
    test('without a name, a user lists its own keys', async () => {
      const secret = (await env.iam.send(new CreateAccessKeyCommand({ UserName: 'nokeys' }))).AccessKey!;
      await allowSelf(env.iam, 'nokeys', 'iam:ListAccessKeys');
      const out = await env.iamAs({ accessKeyId: secret.AccessKeyId!, secretAccessKey: secret.SecretAccessKey! }).send(new ListAccessKeysCommand({}));
      assert.deepEqual(out.AccessKeyMetadata!.map((k) => [k.AccessKeyId, k.UserName]), [[secret.AccessKeyId, 'nokeys']]);
    });

    test('pages with MaxItems', async () => {
      const first = await env.iam.send(new ListAccessKeysCommand({ UserName: 'alice', MaxItems: 1 }));
      assert.equal(first.AccessKeyMetadata!.length, 1);
      assert.equal(first.IsTruncated, true);
      const rest = await env.iam.send(new ListAccessKeysCommand({ UserName: 'alice', Marker: first.Marker }));
      assert.equal(rest.AccessKeyMetadata!.length, 1);
      assert.notEqual(rest.AccessKeyMetadata![0]!.AccessKeyId, first.AccessKeyMetadata![0]!.AccessKeyId);
    });

    test('returns NoSuchEntity for an unknown user', async () => {
      await rejectsWith(env.iam.send(new ListAccessKeysCommand({ UserName: 'nonexistent-user' })), 'NoSuchEntity', 'The user with name nonexistent-user cannot be found.');
    });
  });
});
