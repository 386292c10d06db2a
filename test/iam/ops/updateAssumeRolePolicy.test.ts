import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateRoleCommand, GetRoleCommand, UpdateAssumeRolePolicyCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { ACCOUNT, decodeDocument, rejectsWith, startIam, trustDoc, type IamTestEnv } from './iamFixtures.js';

describe('UpdateAssumeRolePolicy', () => {
  let env: IamTestEnv;
  before(async () => {
    env = await startIam();
    await env.iam.send(new CreateRoleCommand({ RoleName: 'app', AssumeRolePolicyDocument: trustDoc({ Service: 'ec2.amazonaws.com' }) }));
  });
  after(() => env.dispose());

  describe('validation', () => {
    test('returns MalformedPolicyDocument for invalid JSON, a Resource, or other actions', async () => {
      const send = (doc: string) => env.iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'app', PolicyDocument: doc }));
      await rejectsWith(send('not json'), 'MalformedPolicyDocument', 'This policy contains invalid Json');
      await rejectsWith(send(trustDoc({ AWS: ACCOUNT }, { Resource: '*' })), 'MalformedPolicyDocument', 'Has prohibited field Resource');
      await rejectsWith(send(trustDoc({ AWS: ACCOUNT }, { Action: 'iam:*' })), 'MalformedPolicyDocument', 'AssumeRole policy may only specify STS AssumeRole actions.');
    });
  });

  describe('behaviour', () => {
    test('the new trust policy is returned and decides who may assume the role', async () => {
      const arn = `arn:aws:iam::${ACCOUNT}:role/app`;
      await rejectsWith(
        env.sts().send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'before' })),
        'AccessDenied',
        `User: arn:aws:iam::${ACCOUNT}:root is not authorized to perform: sts:AssumeRole on resource: ${arn}`,
      );
      const doc = trustDoc({ AWS: ACCOUNT });
      await env.iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'app', PolicyDocument: doc }));
      assert.deepEqual(decodeDocument((await env.iam.send(new GetRoleCommand({ RoleName: 'app' }))).Role!.AssumeRolePolicyDocument), JSON.parse(doc));
      const out = await env.sts().send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'after' }));
      assert.equal(out.AssumedRoleUser!.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/app/after`);
    });

    test('returns NoSuchEntity for an unknown role', async () => {
      await rejectsWith(
        env.iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'nope', PolicyDocument: trustDoc({ AWS: ACCOUNT }) })),
        'NoSuchEntity',
        'The role with name nope cannot be found.',
      );
    });
  });
});
