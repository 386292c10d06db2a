import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AttachRolePolicyCommand, CreatePolicyCommand, CreateRoleCommand, DetachRolePolicyCommand, ListAttachedRolePoliciesCommand } from '@aws-sdk/client-iam';
import { ACCOUNT, allowDoc, rejectsWith, startIam, trustDoc, type IamTestEnv } from './iamFixtures.js';

const OWNER = 'owner';
const policyArn = (name: string, path = '/') => `arn:aws:iam::${ACCOUNT}:policy${path}${name}`;

describe('AttachRolePolicy', () => {
  let env: IamTestEnv;
  before(async () => {
    env = await startIam();
    await env.iam.send(new CreateRoleCommand({ RoleName: OWNER, AssumeRolePolicyDocument: trustDoc({ Service: 'ec2.amazonaws.com' }) }));
    for (let i = 0; i < 11; i++) await env.iam.send(new CreatePolicyCommand({ PolicyName: `p${i}`, PolicyDocument: allowDoc() }));
  });
  after(() => env.dispose());

  describe('validation', () => {
    test('returns ValidationError for a PolicyArn that is not an ARN', async () => {
      await rejectsWith(
        env.iam.send(new AttachRolePolicyCommand({ RoleName: OWNER, PolicyArn: 'longpolicynamebutnoarn' })),
        'ValidationError',
        'ARN longpolicynamebutnoarn is not valid.',
        400,
      );
    });
  });

  describe('behaviour', () => {
    test('attaches a policy; attaching it again changes nothing', async () => {
      await env.iam.send(new AttachRolePolicyCommand({ RoleName: OWNER, PolicyArn: policyArn('p0') }));
      await env.iam.send(new AttachRolePolicyCommand({ RoleName: OWNER, PolicyArn: policyArn('p0') }));
      const out = await env.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: OWNER }));
      assert.deepEqual(out.AttachedPolicies, [{ PolicyName: 'p0', PolicyArn: policyArn('p0') }]);
    });

    test('returns NoSuchEntity for a policy that does not exist', async () => {
      await rejectsWith(
        env.iam.send(new AttachRolePolicyCommand({ RoleName: OWNER, PolicyArn: policyArn('nonexistent') })),
        'NoSuchEntity',
        `Policy ${policyArn('nonexistent')} does not exist or is not attachable.`,
        404,
      );
    });

    test('returns NoSuchEntity for an unknown role', async () => {
      await rejectsWith(
        env.iam.send(new AttachRolePolicyCommand({ RoleName: 'nobody', PolicyArn: policyArn('p0') })),
        'NoSuchEntity',
        'The role with name nobody cannot be found.',
      );
    });

    test('returns LimitExceeded for an eleventh managed policy', async () => {
      for (let i = 1; i < 10; i++) await env.iam.send(new AttachRolePolicyCommand({ RoleName: OWNER, PolicyArn: policyArn(`p${i}`) }));
      await rejectsWith(
        env.iam.send(new AttachRolePolicyCommand({ RoleName: OWNER, PolicyArn: policyArn('p10') })),
        'LimitExceeded',
        'Cannot exceed quota for PoliciesPerRole: 10',
        409,
      );
      for (let i = 0; i < 10; i++) await env.iam.send(new DetachRolePolicyCommand({ RoleName: OWNER, PolicyArn: policyArn(`p${i}`) }));
    });
  });
});
