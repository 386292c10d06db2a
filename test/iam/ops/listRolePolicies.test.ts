import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateRoleCommand, DeleteRolePolicyCommand, ListRolePoliciesCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { allowDoc, rejectsWith, startIam, trustDoc, type IamTestEnv } from './iamFixtures.js';

const OWNER = 'owner';

describe('ListRolePolicies', () => {
  let env: IamTestEnv;
  before(async () => {
    env = await startIam();
    await env.iam.send(new CreateRoleCommand({ RoleName: OWNER, AssumeRolePolicyDocument: trustDoc({ Service: 'ec2.amazonaws.com' }) }));
  });
  after(() => env.dispose());

  describe('serialization', () => {
    test('an owner without inline policies has an empty list', async () => {
      const out = await env.iam.send(new ListRolePoliciesCommand({ RoleName: OWNER }));
      assert.deepEqual(out.PolicyNames, []);
      assert.equal(out.IsTruncated, false);
    });
  });

  describe('behaviour', () => {
    test('lists names in order and pages with MaxItems', async () => {
      for (const name of ['c', 'a', 'b']) await env.iam.send(new PutRolePolicyCommand({ RoleName: OWNER, PolicyName: name, PolicyDocument: allowDoc() }));
      assert.deepEqual((await env.iam.send(new ListRolePoliciesCommand({ RoleName: OWNER }))).PolicyNames, ['a', 'b', 'c']);
      const first = await env.iam.send(new ListRolePoliciesCommand({ RoleName: OWNER, MaxItems: 2 }));
      assert.deepEqual(first.PolicyNames, ['a', 'b']);
      assert.equal(first.IsTruncated, true);
      const rest = await env.iam.send(new ListRolePoliciesCommand({ RoleName: OWNER, Marker: first.Marker }));
      assert.deepEqual(rest.PolicyNames, ['c']);
      for (const name of ['a', 'b', 'c']) await env.iam.send(new DeleteRolePolicyCommand({ RoleName: OWNER, PolicyName: name }));
    });

    test('returns NoSuchEntity for an unknown role', async () => {
      await rejectsWith(env.iam.send(new ListRolePoliciesCommand({ RoleName: 'nonexistent' })), 'NoSuchEntity', 'The role with name nonexistent cannot be found.');
    });
  });
});
