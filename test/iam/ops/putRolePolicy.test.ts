import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateRoleCommand, DeleteRolePolicyCommand, GetRolePolicyCommand, ListRolePoliciesCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { allowDoc, rejectsWith, startIam, trustDoc, type IamTestEnv } from './iamFixtures.js';

const OWNER = 'owner';

describe('PutRolePolicy', () => {
  let env: IamTestEnv;
  before(async () => {
    env = await startIam();
    await env.iam.send(new CreateRoleCommand({ RoleName: OWNER, AssumeRolePolicyDocument: trustDoc({ Service: 'ec2.amazonaws.com' }) }));
  });
  after(() => env.dispose());

  describe('validation', () => {
    test('returns MalformedPolicyDocument with the grammar’s reason', async () => {
      await rejectsWith(
        env.iam.send(new PutRolePolicyCommand({ RoleName: OWNER, PolicyName: 'bad', PolicyDocument: 'This is not a json document' })),
        'MalformedPolicyDocument',
        'Syntax errors in policy.',
        400,
      );
      const withPrincipal = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' }] });
      await rejectsWith(
        env.iam.send(new PutRolePolicyCommand({ RoleName: OWNER, PolicyName: 'bad', PolicyDocument: withPrincipal })),
        'MalformedPolicyDocument',
        'Policy document should not specify a principal.',
      );
      const noResource = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*' }] });
      await rejectsWith(
        env.iam.send(new PutRolePolicyCommand({ RoleName: OWNER, PolicyName: 'bad', PolicyDocument: noResource })),
        'MalformedPolicyDocument',
        'Policy statement must contain resources.',
      );
    });
  });

  describe('behaviour', () => {
    test('adds a policy and replaces it when put again under the same name', async () => {
      await env.iam.send(new PutRolePolicyCommand({ RoleName: OWNER, PolicyName: 'p', PolicyDocument: allowDoc('s3:GetObject') }));
      await env.iam.send(new PutRolePolicyCommand({ RoleName: OWNER, PolicyName: 'p', PolicyDocument: allowDoc('s3:PutObject') }));
      const got = await env.iam.send(new GetRolePolicyCommand({ RoleName: OWNER, PolicyName: 'p' }));
      assert.equal(decodeURIComponent(got.PolicyDocument!), allowDoc('s3:PutObject'));
      assert.deepEqual((await env.iam.send(new ListRolePoliciesCommand({ RoleName: OWNER }))).PolicyNames, ['p']);
      await env.iam.send(new DeleteRolePolicyCommand({ RoleName: OWNER, PolicyName: 'p' }));
    });

    test('returns LimitExceeded when the role’s inline policies together pass 10240 characters', async () => {
      const big = (n: number) => allowDoc(Array.from({ length: n }, (_, i) => `s3:Action${String(i).padStart(5, '0')}`));
      const size = (doc: string) => doc.replace(/\s/g, '').length;
      let n = 1;
      while (size(big(n + 1)) <= 10240 / 2) n++;
      await env.iam.send(new PutRolePolicyCommand({ RoleName: OWNER, PolicyName: 'half-1', PolicyDocument: big(n) }));
      await env.iam.send(new PutRolePolicyCommand({ RoleName: OWNER, PolicyName: 'half-2', PolicyDocument: big(n) }));
      // Replacing a policy counts its new size, not its old one as well.
      await env.iam.send(new PutRolePolicyCommand({ RoleName: OWNER, PolicyName: 'half-2', PolicyDocument: big(n) }));
      await rejectsWith(
        env.iam.send(new PutRolePolicyCommand({ RoleName: OWNER, PolicyName: 'one-more', PolicyDocument: big(8) })),
        'LimitExceeded',
        'Maximum policy size of 10240 bytes exceeded for role owner',
        409,
      );
      await env.iam.send(new DeleteRolePolicyCommand({ RoleName: OWNER, PolicyName: 'half-1' }));
      await env.iam.send(new DeleteRolePolicyCommand({ RoleName: OWNER, PolicyName: 'half-2' }));
    });

    test('returns NoSuchEntity for an unknown role', async () => {
      await rejectsWith(
        env.iam.send(new PutRolePolicyCommand({ RoleName: 'nonexistent', PolicyName: 'p', PolicyDocument: allowDoc() })),
        'NoSuchEntity',
        'The role with name nonexistent cannot be found.',
        404,
      );
    });
  });
});
