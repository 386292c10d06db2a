import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateRoleCommand, GetRolePolicyCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { rejectsWith, startIam, trustDoc, type IamTestEnv } from './iamFixtures.js';

const OWNER = 'owner';

describe('GetRolePolicy', () => {
  let env: IamTestEnv;
  const doc = JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:ListBucket', Resource: ['arn:aws:s3:::example_bucket'] } }, null, 2);
  before(async () => {
    env = await startIam();
    await env.iam.send(new CreateRoleCommand({ RoleName: OWNER, AssumeRolePolicyDocument: trustDoc({ Service: 'ec2.amazonaws.com' }) }));
    await env.iam.send(new PutRolePolicyCommand({ RoleName: OWNER, PolicyName: 'p', PolicyDocument: doc }));
  });
  after(() => env.dispose());

  describe('serialization', () => {
    test('returns the document URL-encoded, exactly as it was put, with the role and policy names', async () => {
      const out = await env.iam.send(new GetRolePolicyCommand({ RoleName: 'OWNER', PolicyName: 'p' }));
      assert.equal(out.RoleName, OWNER);
      assert.equal(out.PolicyName, 'p');
      assert.equal(out.PolicyDocument, encodeURIComponent(doc));
    });
  });

  describe('behaviour', () => {
    test('returns NoSuchEntity for an unknown policy, or an unknown role', async () => {
      await rejectsWith(
        env.iam.send(new GetRolePolicyCommand({ RoleName: OWNER, PolicyName: 'non-existent-policy' })),
        'NoSuchEntity',
        'The role policy with name non-existent-policy cannot be found.',
        404,
      );
      await rejectsWith(env.iam.send(new GetRolePolicyCommand({ RoleName: 'nonexistent', PolicyName: 'p' })), 'NoSuchEntity', 'The role with name nonexistent cannot be found.');
    });
  });
});
