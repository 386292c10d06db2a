import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateRoleCommand, DeleteRolePolicyCommand, GetRolePolicyCommand, ListRolePoliciesCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { allowDoc, rejectsWith, startIam, trustDoc, type IamTestEnv } from './iamFixtures.js';

const OWNER = 'owner';

describe('DeleteRolePolicy', () => {
  let env: IamTestEnv;
  before(async () => {
    env = await startIam();
    await env.iam.send(new CreateRoleCommand({ RoleName: OWNER, AssumeRolePolicyDocument: trustDoc({ Service: 'ec2.amazonaws.com' }) }));
  });
  after(() => env.dispose());

  describe('behaviour', () => {
    test('deletes the policy, which is then not found', async () => {
      await env.iam.send(new PutRolePolicyCommand({ RoleName: OWNER, PolicyName: 'p', PolicyDocument: allowDoc() }));
      await env.iam.send(new DeleteRolePolicyCommand({ RoleName: OWNER, PolicyName: 'p' }));
      assert.deepEqual((await env.iam.send(new ListRolePoliciesCommand({ RoleName: OWNER }))).PolicyNames, []);
      await rejectsWith(env.iam.send(new GetRolePolicyCommand({ RoleName: OWNER, PolicyName: 'p' })), 'NoSuchEntity', 'The role policy with name p cannot be found.');
    });

    test('returns NoSuchEntity for an unknown policy, or an unknown role', async () => {
      await rejectsWith(env.iam.send(new DeleteRolePolicyCommand({ RoleName: OWNER, PolicyName: 'never' })), 'NoSuchEntity', 'The role policy with name never cannot be found.', 404);
      await rejectsWith(env.iam.send(new DeleteRolePolicyCommand({ RoleName: 'nonexistent', PolicyName: 'p' })), 'NoSuchEntity', 'The role with name nonexistent cannot be found.');
    });
  });
});
