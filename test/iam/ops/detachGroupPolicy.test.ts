import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AttachGroupPolicyCommand, CreatePolicyCommand, CreateGroupCommand, DetachGroupPolicyCommand, ListAttachedGroupPoliciesCommand } from '@aws-sdk/client-iam';
import { ACCOUNT, allowDoc, rejectsWith, startIam, type IamTestEnv } from './iamFixtures.js';

const OWNER = 'owner';
const policyArn = (name: string, path = '/') => `arn:aws:iam::${ACCOUNT}:policy${path}${name}`;

describe('DetachGroupPolicy', () => {
  let env: IamTestEnv;
  before(async () => {
    env = await startIam();
    await env.iam.send(new CreateGroupCommand({ GroupName: OWNER }));
    await env.iam.send(new CreatePolicyCommand({ PolicyName: 'p', PolicyDocument: allowDoc() }));
  });
  after(() => env.dispose());

  describe('behaviour', () => {
    test('detaches an attached policy', async () => {
      await env.iam.send(new AttachGroupPolicyCommand({ GroupName: OWNER, PolicyArn: policyArn('p') }));
      await env.iam.send(new DetachGroupPolicyCommand({ GroupName: OWNER, PolicyArn: policyArn('p') }));
      assert.deepEqual((await env.iam.send(new ListAttachedGroupPoliciesCommand({ GroupName: OWNER }))).AttachedPolicies, []);
    });

    test('returns NoSuchEntity for a policy that is not attached', async () => {
      await rejectsWith(
        env.iam.send(new DetachGroupPolicyCommand({ GroupName: OWNER, PolicyArn: policyArn('p') })),
        'NoSuchEntity',
        `Policy ${policyArn('p')} was not found.`,
        404,
      );
    });

    test('returns ValidationError for a PolicyArn that is not an ARN', async () => {
      await rejectsWith(env.iam.send(new DetachGroupPolicyCommand({ GroupName: OWNER, PolicyArn: 'not-an-arn-at-all-really' })), 'ValidationError', 'ARN not-an-arn-at-all-really is not valid.');
    });
  });
});
