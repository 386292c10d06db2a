import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AttachGroupPolicyCommand, CreatePolicyCommand, CreateGroupCommand, DetachGroupPolicyCommand, ListAttachedGroupPoliciesCommand } from '@aws-sdk/client-iam';
import { ACCOUNT, allowDoc, rejectsWith, startIam, type IamTestEnv } from './iamFixtures.js';

const OWNER = 'owner';
const policyArn = (name: string, path = '/') => `arn:aws:iam::${ACCOUNT}:policy${path}${name}`;

describe('AttachGroupPolicy', () => {
  let env: IamTestEnv;
  before(async () => {
    env = await startIam();
    await env.iam.send(new CreateGroupCommand({ GroupName: OWNER }));
    for (let i = 0; i < 11; i++) await env.iam.send(new CreatePolicyCommand({ PolicyName: `p${i}`, PolicyDocument: allowDoc() }));
  });
  after(() => env.dispose());

  describe('validation', () => {
    test('returns ValidationError for a PolicyArn that is not an ARN', async () => {
      await rejectsWith(
        env.iam.send(new AttachGroupPolicyCommand({ GroupName: OWNER, PolicyArn: 'longpolicynamebutnoarn' })),
        'ValidationError',
        'ARN longpolicynamebutnoarn is not valid.',
        400,
      );
    });
  });

  describe('behaviour', () => {
    test('attaches a policy; attaching it again changes nothing', async () => {
      await env.iam.send(new AttachGroupPolicyCommand({ GroupName: OWNER, PolicyArn: policyArn('p0') }));
      await env.iam.send(new AttachGroupPolicyCommand({ GroupName: OWNER, PolicyArn: policyArn('p0') }));
      const out = await env.iam.send(new ListAttachedGroupPoliciesCommand({ GroupName: OWNER }));
      assert.deepEqual(out.AttachedPolicies, [{ PolicyName: 'p0', PolicyArn: policyArn('p0') }]);
    });

    test('returns NoSuchEntity for a policy that does not exist', async () => {
      await rejectsWith(
        env.iam.send(new AttachGroupPolicyCommand({ GroupName: OWNER, PolicyArn: policyArn('nonexistent') })),
        'NoSuchEntity',
        `Policy ${policyArn('nonexistent')} does not exist or is not attachable.`,
        404,
      );
    });

    test('returns NoSuchEntity for an unknown group', async () => {
      await rejectsWith(
        env.iam.send(new AttachGroupPolicyCommand({ GroupName: 'nobody', PolicyArn: policyArn('p0') })),
        'NoSuchEntity',
        'The group with name nobody cannot be found.',
      );
    });

    test('returns LimitExceeded for an eleventh managed policy', async () => {
      for (let i = 1; i < 10; i++) await env.iam.send(new AttachGroupPolicyCommand({ GroupName: OWNER, PolicyArn: policyArn(`p${i}`) }));
      await rejectsWith(
        env.iam.send(new AttachGroupPolicyCommand({ GroupName: OWNER, PolicyArn: policyArn('p10') })),
        'LimitExceeded',
        'Cannot exceed quota for PoliciesPerGroup: 10',
        409,
      );
      for (let i = 0; i < 10; i++) await env.iam.send(new DetachGroupPolicyCommand({ GroupName: OWNER, PolicyArn: policyArn(`p${i}`) }));
    });
  });
});
