import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AttachRolePolicyCommand, CreatePolicyCommand, CreateRoleCommand, ListAttachedRolePoliciesCommand } from '@aws-sdk/client-iam';
import { ACCOUNT, allowDoc, rejectsWith, startIam, trustDoc, type IamTestEnv } from './iamFixtures.js';

const OWNER = 'owner';
const policyArn = (name: string, path = '/') => `arn:aws:iam::${ACCOUNT}:policy${path}${name}`;

describe('ListAttachedRolePolicies', () => {
  let env: IamTestEnv;
  before(async () => {
    env = await startIam();
    await env.iam.send(new CreateRoleCommand({ RoleName: OWNER, AssumeRolePolicyDocument: trustDoc({ Service: 'ec2.amazonaws.com' }) }));
    await env.iam.send(new CreatePolicyCommand({ PolicyName: 'first', PolicyDocument: allowDoc() }));
    await env.iam.send(new CreatePolicyCommand({ PolicyName: 'second', Path: '/team/', PolicyDocument: allowDoc() }));
  });
  after(() => env.dispose());

  describe('serialization', () => {
    test('an owner without attached policies has an empty list', async () => {
      const out = await env.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: OWNER }));
      assert.deepEqual(out.AttachedPolicies, []);
      assert.equal(out.IsTruncated, false);
    });
  });

  describe('behaviour', () => {
    test('lists attached policies in attachment order, filtered by PathPrefix and paged', async () => {
      await env.iam.send(new AttachRolePolicyCommand({ RoleName: OWNER, PolicyArn: policyArn('first') }));
      await env.iam.send(new AttachRolePolicyCommand({ RoleName: OWNER, PolicyArn: policyArn('second', '/team/') }));
      const all = await env.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: OWNER }));
      assert.deepEqual(all.AttachedPolicies!.map((p) => p.PolicyName), ['first', 'second']);
      const team = await env.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: OWNER, PathPrefix: '/team/' }));
      assert.deepEqual(team.AttachedPolicies, [{ PolicyName: 'second', PolicyArn: policyArn('second', '/team/') }]);
      const first = await env.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: OWNER, MaxItems: 1 }));
      assert.equal(first.IsTruncated, true);
      const rest = await env.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: OWNER, Marker: first.Marker }));
      assert.deepEqual(rest.AttachedPolicies!.map((p) => p.PolicyName), ['second']);
    });

    test('returns NoSuchEntity for an unknown role', async () => {
      await rejectsWith(env.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'nobody' })), 'NoSuchEntity', 'The role with name nobody cannot be found.');
    });
  });
});
