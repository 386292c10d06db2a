import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateRoleCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts';
import { OffsetClock } from '../../../src/common/clock.js';
import type { Creds } from '../../helpers/server.js';
import { ACCOUNT, rejectsWith, startIam, trustDoc, userWithKey, type IamTestEnv } from '../ops/iamFixtures.js';

const asCreds = (c: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string }): Creds => ({
  accessKeyId: c.AccessKeyId!,
  secretAccessKey: c.SecretAccessKey!,
  sessionToken: c.SessionToken!,
});

describe('GetSessionToken', () => {
  let env: IamTestEnv;
  const clock = new OffsetClock();
  let alice: Creds;
  before(async () => {
    env = await startIam({ clock });
    alice = await userWithKey(env.iam, 'alice');
  });
  after(() => env.dispose());

  describe('serialization', () => {
    test('returns ASIA credentials lasting 12 hours by default for a user', async () => {
      const now = clock.now();
      const c = (await env.sts(alice).send(new GetSessionTokenCommand({}))).Credentials!;
      assert.match(c.AccessKeyId!, /^ASIA[A-Z0-9]{16}$/);
      const ms = c.Expiration!.getTime() - now;
      // STS prints whole seconds, so the expiry may fall up to a second either side of request time + duration.
      assert.ok(ms > 43195_000 && ms < 43201_000, `lasts ${ms} ms`);
    });
  });

  describe('validation', () => {
    test('returns the model’s ValidationError for a duration under 15 minutes', async () => {
      await assert.rejects(env.sts(alice).send(new GetSessionTokenCommand({ DurationSeconds: 899 })), { name: 'ValidationError' });
    });

    test('returns ValidationError for MFA parameters, which logseal does not implement', async () => {
      await rejectsWith(
        env.sts(alice).send(new GetSessionTokenCommand({ SerialNumber: 'arn:aws:iam::000000000000:mfa/alice', TokenCode: '123456' })),
        'ValidationError',
        'SerialNumber is not supported by this endpoint.',
      );
    });
  });

  describe('behaviour', () => {
    test('the session acts as the same user, with its token', async () => {
      const c = (await env.sts(alice).send(new GetSessionTokenCommand({ DurationSeconds: 900 }))).Credentials!;
      const id = await env.sts(asCreds(c)).send(new GetCallerIdentityCommand({}));
      assert.equal(id.Arn, `arn:aws:iam::${ACCOUNT}:user/alice`);
    });

    test('a root session is cut to one hour', async () => {
      const now = clock.now();
      const c = (await env.sts().send(new GetSessionTokenCommand({ DurationSeconds: 7200 }))).Credentials!;
      const ms = c.Expiration!.getTime() - now;
      assert.ok(ms > 3595_000 && ms < 3601_000, `lasts ${ms} ms`);
      assert.equal((await env.sts(asCreds(c)).send(new GetCallerIdentityCommand({}))).Arn, `arn:aws:iam::${ACCOUNT}:root`);
    });

    test('returns AccessDenied when called with session credentials', async () => {
      const c = (await env.sts(alice).send(new GetSessionTokenCommand({}))).Credentials!;
      await rejectsWith(env.sts(asCreds(c)).send(new GetSessionTokenCommand({})), 'AccessDenied', 'Cannot call GetSessionToken with session credentials', 403);
      await env.iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trustDoc({ AWS: ACCOUNT }) }));
      const role = (await env.sts().send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/r`, RoleSessionName: 'ss' }))).Credentials!;
      await rejectsWith(env.sts(asCreds(role)).send(new GetSessionTokenCommand({})), 'AccessDenied', 'Cannot call GetSessionToken with session credentials');
    });

    test('a long-term key sent with a session token is refused', async () => {
      await rejectsWith(
        env.sts({ ...alice, sessionToken: 'not-a-session' }).send(new GetCallerIdentityCommand({})),
        'InvalidClientTokenId',
        'The security token included in the request is invalid.',
      );
    });

    test('the session stays valid across a restart, and is refused with ExpiredToken once it expires', async () => {
      const bob = await userWithKey(env.iam, 'bob');
      const c = (await env.sts(bob).send(new GetSessionTokenCommand({ DurationSeconds: 900 }))).Credentials!;
      await env.restart();
      assert.equal((await env.sts(asCreds(c)).send(new GetCallerIdentityCommand({}))).Arn, `arn:aws:iam::${ACCOUNT}:user/bob`);
      clock.advance(900_000);
      await rejectsWith(env.sts(asCreds(c)).send(new GetCallerIdentityCommand({})), 'ExpiredToken', 'The security token included in the request is expired', 403);
    });
  });
});
