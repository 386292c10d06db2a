import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateGroupCommand, DeleteGroupPolicyCommand, GetGroupPolicyCommand, ListGroupPoliciesCommand, PutGroupPolicyCommand } from '@aws-sdk/client-iam';
import { allowDoc, rejectsWith, startIam, type IamTestEnv } from './iamFixtures.js';

const OWNER = 'owner';

describe('DeleteGroupPolicy', () => {
  let env: IamTestEnv;
  before(async () => {
    env = await startIam();
    await env.iam.send(new CreateGroupCommand({ GroupName: OWNER }));
  });
  after(() => env.dispose());

  describe('behaviour', () => {
    test('deletes the policy, which is then not found', async () => {
      await env.iam.send(new PutGroupPolicyCommand({ GroupName: OWNER, PolicyName: 'p', PolicyDocument: allowDoc() }));
      await env.iam.send(new DeleteGroupPolicyCommand({ GroupName: OWNER, PolicyName: 'p' }));
      assert.deepEqual((await env.iam.send(new ListGroupPoliciesCommand({ GroupName: OWNER }))).PolicyNames, []);
      await rejectsWith(env.iam.send(new GetGroupPolicyCommand({ GroupName: OWNER, PolicyName: 'p' })), 'NoSuchEntity', 'The group policy with name p cannot be found.');
    });

    test('returns NoSuchEntity for an unknown policy, or an unknown group', async () => {
      await rejectsWith(env.iam.send(new DeleteGroupPolicyCommand({ GroupName: OWNER, PolicyName: 'never' })), 'NoSuchEntity', 'The group policy with name never cannot be found.', 404);
      await rejectsWith(env.iam.send(new DeleteGroupPolicyCommand({ GroupName: 'nonexistent', PolicyName: 'p' })), 'NoSuchEntity', 'The group with name nonexistent cannot be found.');
    });
  });
});
