import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateRoleCommand, GetUserCommand, ListUsersCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts';
import type { Creds } from '../helpers/server.js';
import { ACCOUNT, allowDoc, rejectsWith, startIam, trustDoc, userWithKey, type IamTestEnv } from './ops/iamFixtures.js';

const asCreds = (c: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string }): Creds => ({
  accessKeyId: c.AccessKeyId!,
  secretAccessKey: c.SecretAccessKey!,
  sessionToken: c.SessionToken!,
});

/**
 * Credentials from GetSessionToken cannot call IAM without MFA (which logseal's GetSessionToken does not take), nor
 * STS except AssumeRole and GetCallerIdentity. IAM answers InvalidClientTokenId (403), as real IAM does.
 */
describe('GetSessionToken credentials', () => {
  let env: IamTestEnv;
  let alice: Creds;
  const invalid = 'The security token included in the request is invalid';
  before(async () => {
    env = await startIam();
    alice = await userWithKey(env.iam, 'alice');
    await env.iam.send(new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'all', PolicyDocument: allowDoc('*') }));
    await env.iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trustDoc({ AWS: ACCOUNT }) }));
  });
  after(() => env.dispose());

  const sessionOf = async (creds?: Creds) => asCreds((await env.sts(creds).send(new GetSessionTokenCommand({ DurationSeconds: 900 }))).Credentials!);

  test("of a user are refused by IAM with InvalidClientTokenId, whatever the user's policies allow", async () => {
    const session = await sessionOf(alice);
    await env.iamAs(alice).send(new ListUsersCommand({})); // the long-term key may
    await rejectsWith(env.iamAs(session).send(new ListUsersCommand({})), 'InvalidClientTokenId', invalid, 403);
    await rejectsWith(env.iamAs(session).send(new GetUserCommand({})), 'InvalidClientTokenId', invalid, 403);
  });

  test('of a user without any IAM permission get InvalidClientTokenId, not AccessDenied', async () => {
    const bob = await userWithKey(env.iam, 'bob');
    await rejectsWith(env.iamAs(bob).send(new ListUsersCommand({})), 'AccessDenied', `User: arn:aws:iam::${ACCOUNT}:user/bob is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::${ACCOUNT}:user/ because no identity-based policy allows the iam:ListUsers action`);
    await rejectsWith(env.iamAs(await sessionOf(bob)).send(new ListUsersCommand({})), 'InvalidClientTokenId', invalid, 403);
  });

  test('of the account root are refused by IAM too', async () => {
    await rejectsWith(env.iamAs(await sessionOf()).send(new ListUsersCommand({})), 'InvalidClientTokenId', invalid, 403);
  });

  test('may call STS GetCallerIdentity and AssumeRole, but not GetSessionToken', async () => {
    const session = await sessionOf(alice);
    assert.equal((await env.sts(session).send(new GetCallerIdentityCommand({}))).Arn, `arn:aws:iam::${ACCOUNT}:user/alice`);
    const role = await env.sts(session).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/r`, RoleSessionName: 'ss' }));
    await rejectsWith(env.sts(session).send(new GetSessionTokenCommand({})), 'AccessDenied', 'Cannot call GetSessionToken with session credentials', 403);
    // A role session is no GetSessionToken session: IAM authenticates it and decides on the role's (empty) policies.
    const roleSession = asCreds(role.Credentials!);
    await rejectsWith(env.iamAs(roleSession).send(new ListUsersCommand({})), 'AccessDenied', `User: arn:aws:sts::${ACCOUNT}:assumed-role/r/ss is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::${ACCOUNT}:user/ because no identity-based policy allows the iam:ListUsers action`);
  });
});
