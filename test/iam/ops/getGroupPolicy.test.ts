import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateGroupCommand, GetGroupPolicyCommand, PutGroupPolicyCommand } from '@aws-sdk/client-iam';
import { rejectsWith, startIam, type IamTestEnv } from './iamFixtures.js';

const OWNER = 'owner';

describe('GetGroupPolicy', () => {
  let env: IamTestEnv;
  const doc = JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:ListBucket', Resource: ['arn:aws:s3:::example_bucket'] } }, null, 2);
  before(async () => {
    env = await startIam();
    await env.iam.send(new CreateGroupCommand({ GroupName: OWNER }));
    await env.iam.send(new PutGroupPolicyCommand({ GroupName: OWNER, PolicyName: 'p', PolicyDocument: doc }));
  });
  after(() => env.dispose());

  describe('serialization', () => {
    test('returns the document URL-encoded, exactly as it was put, with the group and policy names', async () => {
      const out = await env.iam.send(new GetGroupPolicyCommand({ GroupName: 'OWNER', PolicyName: 'p' }));
      assert.equal(out.GroupName, OWNER);
      assert.equal(out.PolicyName, 'p');
      assert.equal(out.PolicyDocument, encodeURIComponent(doc));
    });
  });

  describe('behaviour', () => {
    test('returns NoSuchEntity for an unknown policy, or an unknown group', async () => {
      await rejectsWith(
        env.iam.send(new GetGroupPolicyCommand({ GroupName: OWNER, PolicyName: 'non-existent-policy' })),
        'NoSuchEntity',
        'The group policy with name non-existent-policy cannot be found.',
        404,
      );
      await rejectsWith(env.iam.send(new GetGroupPolicyCommand({ GroupName: 'nonexistent', PolicyName: 'p' })), 'NoSuchEntity', 'The group with name nonexistent cannot be found.');
    });
  });
});
