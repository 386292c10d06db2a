import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateUserCommand, GetUserPolicyCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { rejectsWith, startIam, type IamTestEnv } from './iamFixtures.js';

const OWNER = 'owner';

describe('GetUserPolicy', () => {
  let env: IamTestEnv;
  const doc = JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:ListBucket', Resource: ['arn:aws:s3:::example_bucket'] } }, null, 2);
  before(async () => {
    env = await startIam();
    await env.iam.send(new CreateUserCommand({ UserName: OWNER }));
    await env.iam.send(new PutUserPolicyCommand({ UserName: OWNER, PolicyName: 'p', PolicyDocument: doc }));
  });
  after(() => env.dispose());

  describe('serialization', () => {
    test('returns the document URL-encoded, exactly as it was put, with the user and policy names', async () => {
      const out = await env.iam.send(new GetUserPolicyCommand({ UserName: 'OWNER', PolicyName: 'p' }));
      assert.equal(out.UserName, OWNER);
      assert.equal(out.PolicyName, 'p');
      assert.equal(out.PolicyDocument, encodeURIComponent(doc));
    });
  });

  describe('behaviour', () => {
    test('returns NoSuchEntity for an unknown policy, or an unknown user', async () => {
      await rejectsWith(
        env.iam.send(new GetUserPolicyCommand({ UserName: OWNER, PolicyName: 'non-existent-policy' })),
        'NoSuchEntity',
        'The user policy with name non-existent-policy cannot be found.',
        404,
      );
      await rejectsWith(env.iam.send(new GetUserPolicyCommand({ UserName: 'nonexistent', PolicyName: 'p' })), 'NoSuchEntity', 'The user with name nonexistent cannot be found.');
    });
  });
});
