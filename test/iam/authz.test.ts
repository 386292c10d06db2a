import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateRoleCommand, CreateUserCommand, GetRoleCommand, GetUserCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import type { Creds } from '../helpers/server.js';
import { ACCOUNT, allowDoc, rejectsWith, startIam, trustDoc, userWithKey, type IamTestEnv } from './ops/iamFixtures.js';

/**
 * Permissions IAM asks for beyond the operation's own action: creating a user or a role with Tags also needs
 * `iam:TagUser` / `iam:TagRole` on the new entity (IAM user guide, "Permissions required to tag IAM resources").
 */
describe('IAM authorization of creation with tags', () => {
  let env: IamTestEnv;
  let creator: Creds;
  before(async () => {
    env = await startIam();
    creator = await userWithKey(env.iam, 'creator');
    await env.iam.send(new PutUserPolicyCommand({ UserName: 'creator', PolicyName: 'create', PolicyDocument: allowDoc(['iam:CreateUser', 'iam:CreateRole']) }));
  });
  after(() => env.dispose());

  const denied = (action: string, resource: string) =>
    `User: arn:aws:iam::${ACCOUNT}:user/creator is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`;
  const tags = [{ Key: 'team', Value: 'core' }];

  test('CreateUser with Tags returns AccessDenied without iam:TagUser, and creates nothing', async () => {
    const iam = env.iamAs(creator);
    await rejectsWith(iam.send(new CreateUserCommand({ UserName: 'tagged', Path: '/ops/', Tags: tags })), 'AccessDenied', denied('iam:TagUser', `arn:aws:iam::${ACCOUNT}:user/ops/tagged`), 403);
    await assert.rejects(env.iam.send(new GetUserCommand({ UserName: 'tagged' })), { name: 'NoSuchEntityException' });
    await iam.send(new CreateUserCommand({ UserName: 'untagged' }));
  });

  test('CreateRole with Tags returns AccessDenied without iam:TagRole, and creates nothing', async () => {
    const iam = env.iamAs(creator);
    const doc = trustDoc({ AWS: ACCOUNT });
    await rejectsWith(iam.send(new CreateRoleCommand({ RoleName: 'tagged', AssumeRolePolicyDocument: doc, Tags: tags })), 'AccessDenied', denied('iam:TagRole', `arn:aws:iam::${ACCOUNT}:role/tagged`), 403);
    await assert.rejects(env.iam.send(new GetRoleCommand({ RoleName: 'tagged' })), { name: 'NoSuchEntityException' });
    await iam.send(new CreateRoleCommand({ RoleName: 'untagged', AssumeRolePolicyDocument: doc }));
  });

  test('creates a tagged user and role once the tag action is allowed, conditions on aws:RequestTag included', async () => {
    const policy = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['iam:TagUser', 'iam:TagRole'], Resource: '*', Condition: { StringEquals: { 'aws:RequestTag/team': 'core' } } }],
    };
    await env.iam.send(new PutUserPolicyCommand({ UserName: 'creator', PolicyName: 'tag', PolicyDocument: JSON.stringify(policy) }));
    const iam = env.iamAs(creator);
    await iam.send(new CreateUserCommand({ UserName: 'tagged', Tags: tags }));
    await iam.send(new CreateRoleCommand({ RoleName: 'tagged', AssumeRolePolicyDocument: trustDoc({ AWS: ACCOUNT }), Tags: tags }));
    assert.deepEqual((await env.iam.send(new GetUserCommand({ UserName: 'tagged' }))).User!.Tags, tags);
    await rejectsWith(
      iam.send(new CreateUserCommand({ UserName: 'other', Tags: [{ Key: 'team', Value: 'else' }] })),
      'AccessDenied',
      denied('iam:TagUser', `arn:aws:iam::${ACCOUNT}:user/other`),
      403,
    );
  });
});
