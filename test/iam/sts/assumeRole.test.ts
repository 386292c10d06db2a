import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AttachRolePolicyCommand, CreatePolicyCommand, CreateRoleCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { OffsetClock } from '../../../src/common/clock.js';
import type { Creds } from '../../helpers/server.js';
import { ACCOUNT, allowDoc, rejectsWith, startIam, trustDoc, userWithKey, type IamTestEnv } from '../ops/iamFixtures.js';

const roleArn = (name: string, path = '/') => `arn:aws:iam::${ACCOUNT}:role${path}${name}`;
const sessionCreds = (c: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string }): Creds => ({
  accessKeyId: c.AccessKeyId!,
  secretAccessKey: c.SecretAccessKey!,
  sessionToken: c.SessionToken!,
});

describe('AssumeRole', () => {
  let env: IamTestEnv;
  const clock = new OffsetClock();
  let alice: Creds;
  let carol: Creds;

  before(async () => {
    env = await startIam({ clock });
    alice = await userWithKey(env.iam, 'alice');
    carol = await userWithKey(env.iam, 'carol');
    // alice is named by the trust policy; carol only through the account, so she needs an identity policy too.
    await env.iam.send(new CreateRoleCommand({ RoleName: 'direct', AssumeRolePolicyDocument: trustDoc({ AWS: `arn:aws:iam::${ACCOUNT}:user/alice` }) }));
    await env.iam.send(new CreateRoleCommand({ RoleName: 'delegated', Path: '/ops/', MaxSessionDuration: 7200, AssumeRolePolicyDocument: trustDoc({ AWS: ACCOUNT }) }));
    await env.iam.send(new CreateRoleCommand({ RoleName: 'ec2-only', AssumeRolePolicyDocument: trustDoc({ Service: 'ec2.amazonaws.com' }) }));
  });
  after(() => env.dispose());

  describe('serialization', () => {
    test('returns ASIA credentials with a session token and expiry, and the assumed-role user', async () => {
      const before = clock.now();
      const out = await env.sts(alice).send(new AssumeRoleCommand({ RoleArn: roleArn('direct'), RoleSessionName: 'sess-1' }));
      const c = out.Credentials!;
      assert.match(c.AccessKeyId!, /^ASIA[A-Z0-9]{16}$/);
      assert.equal(c.SecretAccessKey!.length, 40);
      assert.ok(c.SessionToken!.length > 100);
      const expiry = c.Expiration!.getTime();
      // STS prints whole seconds, so the expiry may fall up to a second either side of request time + duration.
      assert.ok(expiry > before + 3595_000 && expiry < before + 3601_000, `expiry ${expiry - before} ms after the request`);
      assert.equal(out.AssumedRoleUser!.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/direct/sess-1`);
      assert.match(out.AssumedRoleUser!.AssumedRoleId!, /^AROA[A-Z0-9]{17}:sess-1$/);
    });
  });

  describe('validation', () => {
    test('returns ValidationError for a role ARN that is not an ARN', async () => {
      await rejectsWith(
        env.sts(alice).send(new AssumeRoleCommand({ RoleArn: 'nothing-valid-in-here', RoleSessionName: 's' + 'x' })),
        'ValidationError',
        'nothing-valid-in-here is invalid',
        400,
      );
      await rejectsWith(
        env.sts(alice).send(new AssumeRoleCommand({ RoleArn: 'arn:a:::something/test-role', RoleSessionName: 'sx' })),
        'ValidationError',
        'arn:a:::something/test-role is invalid',
      );
    });

    test('returns ValidationError for a session name outside the model pattern', async () => {
      await assert.rejects(env.sts(alice).send(new AssumeRoleCommand({ RoleArn: roleArn('direct'), RoleSessionName: 'Session1:2' })), {
        name: 'ValidationError',
      });
    });

    test('returns ValidationError for a duration over the role maximum', async () => {
      await rejectsWith(
        env.sts(alice).send(new AssumeRoleCommand({ RoleArn: roleArn('direct'), RoleSessionName: 'long', DurationSeconds: 3601 })),
        'ValidationError',
        'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
      );
    });

    test('returns ValidationError for session policies, which logseal does not implement', async () => {
      await rejectsWith(
        env.sts(alice).send(new AssumeRoleCommand({ RoleArn: roleArn('direct'), RoleSessionName: 'pol', Policy: allowDoc() })),
        'ValidationError',
        'Policy is not supported by this endpoint.',
      );
    });
  });

  describe('behaviour', () => {
    test('the session credentials work with their token, and GetCallerIdentity names the session', async () => {
      const out = await env.sts(alice).send(new AssumeRoleCommand({ RoleArn: roleArn('direct'), RoleSessionName: 'who' }));
      const id = await env.sts(sessionCreds(out.Credentials!)).send(new GetCallerIdentityCommand({}));
      assert.equal(id.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/direct/who`);
      assert.equal(id.UserId, out.AssumedRoleUser!.AssumedRoleId);
      assert.equal(id.Account, ACCOUNT);
    });

    test('the session credentials without their token are refused as an invalid token', async () => {
      const c = (await env.sts(alice).send(new AssumeRoleCommand({ RoleArn: roleArn('direct'), RoleSessionName: 'notoken' }))).Credentials!;
      await rejectsWith(
        env.sts({ accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey! }).send(new GetCallerIdentityCommand({})),
        'InvalidClientTokenId',
        'The security token included in the request is invalid.',
        403,
      );
      await rejectsWith(
        env.sts({ ...sessionCreds(c), sessionToken: 'x' + c.SessionToken!.slice(1) }).send(new GetCallerIdentityCommand({})),
        'InvalidClientTokenId',
        'The security token included in the request is invalid.',
      );
    });

    test('returns AccessDenied when the trust policy names neither the caller nor its account', async () => {
      await rejectsWith(
        env.sts(alice).send(new AssumeRoleCommand({ RoleArn: roleArn('ec2-only'), RoleSessionName: 's1' })),
        'AccessDenied',
        `User: arn:aws:iam::${ACCOUNT}:user/alice is not authorized to perform: sts:AssumeRole on resource: ${roleArn('ec2-only')}`,
        403,
      );
    });

    test('returns AccessDenied for a role that does not exist, as for a refusing trust policy', async () => {
      await rejectsWith(
        env.sts(alice).send(new AssumeRoleCommand({ RoleArn: roleArn('missing'), RoleSessionName: 's1' })),
        'AccessDenied',
        `User: arn:aws:iam::${ACCOUNT}:user/alice is not authorized to perform: sts:AssumeRole on resource: ${roleArn('missing')}`,
      );
    });

    test('a trust policy naming only the account needs an identity policy allowing sts:AssumeRole', async () => {
      const arn = roleArn('delegated', '/ops/');
      await rejectsWith(
        env.sts(carol).send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 's1' })),
        'AccessDenied',
        `User: arn:aws:iam::${ACCOUNT}:user/carol is not authorized to perform: sts:AssumeRole on resource: ${arn}`,
      );
      await env.iam.send(new PutUserPolicyCommand({ UserName: 'carol', PolicyName: 'assume', PolicyDocument: allowDoc('sts:AssumeRole', arn) }));
      const out = await env.sts(carol).send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 's1', DurationSeconds: 7200 }));
      assert.equal(out.AssumedRoleUser!.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/delegated/s1`);
    });

    test('the account root may assume a role whose trust policy names the account', async () => {
      const out = await env.sts().send(new AssumeRoleCommand({ RoleArn: roleArn('delegated', '/ops/'), RoleSessionName: 'root-session' }));
      assert.equal(out.AssumedRoleUser!.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/delegated/root-session`);
    });

    test('a role session assuming another role is limited to one hour (role chaining)', async () => {
      await env.iam.send(
        new CreateRoleCommand({
          RoleName: 'chained',
          MaxSessionDuration: 7200,
          AssumeRolePolicyDocument: trustDoc({ AWS: roleArn('direct') }),
        }),
      );
      const first = (await env.sts(alice).send(new AssumeRoleCommand({ RoleArn: roleArn('direct'), RoleSessionName: 'hop1' }))).Credentials!;
      const hop = env.sts(sessionCreds(first));
      await rejectsWith(
        hop.send(new AssumeRoleCommand({ RoleArn: roleArn('chained'), RoleSessionName: 'hop2', DurationSeconds: 3601 })),
        'ValidationError',
        'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
      );
      const out = await hop.send(new AssumeRoleCommand({ RoleArn: roleArn('chained'), RoleSessionName: 'hop2' }));
      assert.equal(out.AssumedRoleUser!.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/chained/hop2`);
    });

    test('the role session gets the role policies, not the caller’s', async () => {
      await env.iam.send(new CreateRoleCommand({ RoleName: 'with-policy', AssumeRolePolicyDocument: trustDoc({ AWS: ACCOUNT }) }));
      const arn = (await env.iam.send(new CreatePolicyCommand({ PolicyName: 'logs-read', PolicyDocument: allowDoc('logs:Get*') }))).Policy!.Arn!;
      await env.iam.send(new AttachRolePolicyCommand({ RoleName: 'with-policy', PolicyArn: arn }));
      const out = await env.sts().send(new AssumeRoleCommand({ RoleArn: roleArn('with-policy'), RoleSessionName: 'pp' }));
      const principal = { type: 'assumed-role' as const, accountId: ACCOUNT, arn: out.AssumedRoleUser!.Arn!, userId: out.AssumedRoleUser!.AssumedRoleId!, name: 'with-policy' };
      const policies = await env.srv.server.app.iam.policies.policiesFor(principal);
      assert.equal(policies.length, 1);
    });

    test('across accounts both the trust policy and the caller’s identity policies must allow', async () => {
      const other = await env.srv.server.app.accounts.createAccount();
      const otherRoot = await env.srv.server.app.accounts.createRootAccessKey(other);
      const rootCreds = { accessKeyId: otherRoot.accessKeyId, secretAccessKey: otherRoot.secretAccessKey };
      const dave = await userWithKey(env.iamAs(rootCreds), 'dave');
      await env.iam.send(new CreateRoleCommand({ RoleName: 'cross', AssumeRolePolicyDocument: trustDoc({ AWS: other }) }));
      const arn = roleArn('cross');
      const out = await env.sts(rootCreds).send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'from-root' }));
      assert.equal(out.AssumedRoleUser!.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/cross/from-root`);
      await rejectsWith(
        env.sts(dave).send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'from-dave' })),
        'AccessDenied',
        `User: arn:aws:iam::${other}:user/dave is not authorized to perform: sts:AssumeRole on resource: ${arn}`,
      );
      await env.iamAs(rootCreds).send(new PutUserPolicyCommand({ UserName: 'dave', PolicyName: 'p', PolicyDocument: allowDoc('sts:AssumeRole', arn) }));
      const asDave = await env.sts(dave).send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'from-dave' }));
      const id = await env.sts(sessionCreds(asDave.Credentials!)).send(new GetCallerIdentityCommand({}));
      assert.equal(id.Account, ACCOUNT);
    });

    test('an explicit deny in the caller’s identity policies wins over the trust policy', async () => {
      const erin = await userWithKey(env.iam, 'erin');
      await env.iam.send(new CreateRoleCommand({ RoleName: 'for-erin', AssumeRolePolicyDocument: trustDoc({ AWS: `arn:aws:iam::${ACCOUNT}:user/erin` }) }));
      await env.sts(erin).send(new AssumeRoleCommand({ RoleArn: roleArn('for-erin'), RoleSessionName: 'ok' }));
      const deny = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'sts:*', Resource: '*' }] });
      await env.iam.send(new PutUserPolicyCommand({ UserName: 'erin', PolicyName: 'deny', PolicyDocument: deny }));
      await rejectsWith(
        env.sts(erin).send(new AssumeRoleCommand({ RoleArn: roleArn('for-erin'), RoleSessionName: 'no' })),
        'AccessDenied',
        `User: arn:aws:iam::${ACCOUNT}:user/erin is not authorized to perform: sts:AssumeRole on resource: ${roleArn('for-erin')}`,
      );
    });

    test('an ExternalId condition in the trust policy must be met', async () => {
      await env.iam.send(
        new CreateRoleCommand({
          RoleName: 'external',
          AssumeRolePolicyDocument: trustDoc({ AWS: ACCOUNT }, { Condition: { StringEquals: { 'sts:ExternalId': 'secret-id' } } }),
        }),
      );
      const denied = `User: arn:aws:iam::${ACCOUNT}:root is not authorized to perform: sts:AssumeRole on resource: ${roleArn('external')}`;
      await rejectsWith(env.sts().send(new AssumeRoleCommand({ RoleArn: roleArn('external'), RoleSessionName: 'x1' })), 'AccessDenied', denied);
      await rejectsWith(env.sts().send(new AssumeRoleCommand({ RoleArn: roleArn('external'), RoleSessionName: 'x1', ExternalId: 'wrong-id' })), 'AccessDenied', denied);
      await env.sts().send(new AssumeRoleCommand({ RoleArn: roleArn('external'), RoleSessionName: 'x1', ExternalId: 'secret-id' }));
    });

    test('an expired session is refused with ExpiredToken', async () => {
      const c = (await env.sts(alice).send(new AssumeRoleCommand({ RoleArn: roleArn('direct'), RoleSessionName: 'short', DurationSeconds: 900 }))).Credentials!;
      clock.advance(901_000);
      // Signed with the moved clock, so only the token is out of date.
      await rejectsWith(
        env.sts(sessionCreds(c)).send(new GetCallerIdentityCommand({})),
        'ExpiredToken',
        'The security token included in the request is expired',
        403,
      );
    });
  });
});
