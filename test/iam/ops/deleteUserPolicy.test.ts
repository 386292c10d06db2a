import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateUserCommand, DeleteUserPolicyCommand, GetUserPolicyCommand, ListUserPoliciesCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { allowDoc, rejectsWith, startIam, type IamTestEnv } from './iamFixtures.js';

const OWNER = 'owner';

describe('DeleteUserPolicy', () => {
  let env: IamTestEnv;
  before(async () => {
    env = await startIam();
    await env.iam.send(new CreateUserCommand({ UserName: OWNER }));
  });
  after(() => env.dispose());

  describe('behaviour', () => {
    test('deletes the policy, which is then not found', async () => {
      await env.iam.send(new PutUserPolicyCommand({ UserName: OWNER, PolicyName: 'p', PolicyDocument: allowDoc() }));
      await env.iam.send(new DeleteUserPolicyCommand({ UserName: OWNER, PolicyName: 'p' }));
      assert.deepEqual((await env.iam.send(new ListUserPoliciesCommand({ UserName: OWNER }))).PolicyNames, []);
      await rejectsWith(env.iam.send(new GetUserPolicyCommand({ UserName: OWNER, PolicyName: 'p' })), 'NoSuchEntity', 'The user policy with name p cannot be found.');
    });

    test('returns NoSuchEntity for an unknown policy, or an unknown user', async () => {
      await rejectsWith(env.iam.send(new DeleteUserPolicyCommand({ UserName: OWNER, PolicyName: 'never' })), 'NoSuchEntity', 'The user policy with name never cannot be found.', 404);
      await rejectsWith(env.iam.send(new DeleteUserPolicyCommand({ UserName: 'nonexistent', PolicyName: 'p' })), 'NoSuchEntity', 'The user with name nonexistent cannot be found.');
    });
  });
});
