import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateRoleCommand, CreateUserCommand } from '@aws-sdk/client-iam';
import { ACCOUNT, decodeDocument, rejectsWith, startIam, trustDoc, type IamTestEnv } from './iamFixtures.js';

const EC2_TRUST = trustDoc({ Service: 'ec2.amazonaws.com' });

describe('CreateRole', () => {
  let env: IamTestEnv;
  before(async () => {
    env = await startIam();
    await env.iam.send(new CreateUserCommand({ UserName: 'alice' }));
  });
  after(() => env.dispose());

  describe('serialization', () => {
    test('returns the role with its ARN, AROA id and URL-encoded trust policy, without MaxSessionDuration or Description', async () => {
      const r = (await env.iam.send(new CreateRoleCommand({ RoleName: 'app', Path: '/svc/', AssumeRolePolicyDocument: EC2_TRUST, Description: 'd' }))).Role!;
      assert.equal(r.Arn, `arn:aws:iam::${ACCOUNT}:role/svc/app`);
      assert.equal(r.Path, '/svc/');
      assert.match(r.RoleId!, /^AROA[A-Z0-9]{17}$/);
      assert.equal(r.AssumeRolePolicyDocument, encodeURIComponent(EC2_TRUST));
      assert.deepEqual(decodeDocument(r.AssumeRolePolicyDocument), JSON.parse(EC2_TRUST));
      assert.equal(r.MaxSessionDuration, undefined);
      assert.equal(r.Description, undefined);
      assert.equal(r.RoleLastUsed, undefined);
    });
  });

  describe('validation', () => {
    test('returns MalformedPolicyDocument for a trust policy that is not JSON', async () => {
      await rejectsWith(
        env.iam.send(new CreateRoleCommand({ RoleName: 'bad1', AssumeRolePolicyDocument: '{"Version": "2012-10-17", "Statement": [' })),
        'MalformedPolicyDocument',
        'This policy contains invalid Json',
        400,
      );
    });

    test('returns MalformedPolicyDocument for a Resource in a trust policy', async () => {
      await rejectsWith(
        env.iam.send(new CreateRoleCommand({ RoleName: 'bad2', AssumeRolePolicyDocument: trustDoc({ Service: 'ec2.amazonaws.com' }, { Resource: '*' }) })),
        'MalformedPolicyDocument',
        'Has prohibited field Resource',
      );
    });

    test('returns MalformedPolicyDocument for actions other than STS AssumeRole ones', async () => {
      const doc = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 's3:GetObject' }] });
      await rejectsWith(env.iam.send(new CreateRoleCommand({ RoleName: 'bad3', AssumeRolePolicyDocument: doc })), 'MalformedPolicyDocument', 'AssumeRole policy may only specify STS AssumeRole actions.');
    });

    test('returns MalformedPolicyDocument naming a principal that does not exist or is not valid', async () => {
      const gone = `arn:aws:iam::${ACCOUNT}:user/nobody`;
      await rejectsWith(
        env.iam.send(new CreateRoleCommand({ RoleName: 'bad4', AssumeRolePolicyDocument: trustDoc({ AWS: gone }) })),
        'MalformedPolicyDocument',
        `Invalid principal in policy: "AWS":"${gone}"`,
      );
      await rejectsWith(
        env.iam.send(new CreateRoleCommand({ RoleName: 'bad5', AssumeRolePolicyDocument: trustDoc({ AWS: 'not-an-arn' }) })),
        'MalformedPolicyDocument',
        'Invalid principal in policy: "AWS":"not-an-arn"',
      );
    });

    test('returns the policy grammar’s reason for other faults', async () => {
      const doc = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'allow', Principal: { AWS: ACCOUNT }, Action: 'sts:AssumeRole' }] });
      await rejectsWith(env.iam.send(new CreateRoleCommand({ RoleName: 'bad6', AssumeRolePolicyDocument: doc })), 'MalformedPolicyDocument', 'The policy failed legacy parsing');
    });

    test('returns the model’s ValidationError for MaxSessionDuration under an hour', async () => {
      await assert.rejects(env.iam.send(new CreateRoleCommand({ RoleName: 'short', AssumeRolePolicyDocument: EC2_TRUST, MaxSessionDuration: 600 })), {
        name: 'ValidationError',
      });
    });
  });

  describe('behaviour', () => {
    test('accepts a trust policy naming an existing user', async () => {
      const r = await env.iam.send(new CreateRoleCommand({ RoleName: 'for-alice', AssumeRolePolicyDocument: trustDoc({ AWS: `arn:aws:iam::${ACCOUNT}:user/alice` }) }));
      assert.equal(r.Role!.RoleName, 'for-alice');
    });

    test('returns EntityAlreadyExists for an existing name', async () => {
      await env.iam.send(new CreateRoleCommand({ RoleName: 'twice', AssumeRolePolicyDocument: EC2_TRUST }));
      await rejectsWith(env.iam.send(new CreateRoleCommand({ RoleName: 'twice', AssumeRolePolicyDocument: EC2_TRUST })), 'EntityAlreadyExists', 'Role with name twice already exists.', 409);
    });
  });
});
