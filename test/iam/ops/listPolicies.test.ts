import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AttachRolePolicyCommand, CreatePolicyCommand, CreateRoleCommand, ListPoliciesCommand } from '@aws-sdk/client-iam';
import { allowDoc, startIam, trustDoc, type IamTestEnv } from './iamFixtures.js';

describe('ListPolicies', () => {
  let env: IamTestEnv;
  before(async () => {
    env = await startIam();
    for (const [name, path] of [
      ['gamma', '/'],
      ['alpha', '/team/'],
      ['beta', '/team/'],
    ]) {
      await env.iam.send(new CreatePolicyCommand({ PolicyName: name, Path: path, PolicyDocument: allowDoc(), Description: 'd', Tags: [{ Key: 'k', Value: 'v' }] }));
    }
    await env.iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trustDoc({ Service: 'ec2.amazonaws.com' }) }));
    await env.iam.send(new AttachRolePolicyCommand({ RoleName: 'r', PolicyArn: 'arn:aws:iam::000000000000:policy/gamma' }));
  });
  after(() => env.dispose());

  describe('serialization', () => {
    test('entries have counts and dates but neither description nor tags', async () => {
      const out = await env.iam.send(new ListPoliciesCommand({ Scope: 'Local' }));
      const gamma = out.Policies!.find((p) => p.PolicyName === 'gamma')!;
      assert.equal(gamma.AttachmentCount, 1);
      assert.equal(gamma.Description, undefined);
      assert.equal(gamma.Tags, undefined);
      assert.equal(out.IsTruncated, false);
    });
  });

  describe('behaviour', () => {
    test('lists the account’s policies by name; Scope AWS lists none', async () => {
      assert.deepEqual((await env.iam.send(new ListPoliciesCommand({}))).Policies!.map((p) => p.PolicyName), ['alpha', 'beta', 'gamma']);
      assert.deepEqual((await env.iam.send(new ListPoliciesCommand({ Scope: 'AWS' }))).Policies, []);
    });

    test('filters by PathPrefix, OnlyAttached and PolicyUsageFilter', async () => {
      assert.deepEqual((await env.iam.send(new ListPoliciesCommand({ PathPrefix: '/team/' }))).Policies!.map((p) => p.PolicyName), ['alpha', 'beta']);
      assert.deepEqual((await env.iam.send(new ListPoliciesCommand({ OnlyAttached: true }))).Policies!.map((p) => p.PolicyName), ['gamma']);
      assert.deepEqual((await env.iam.send(new ListPoliciesCommand({ PolicyUsageFilter: 'PermissionsBoundary' }))).Policies, []);
    });

    test('pages with MaxItems and Marker', async () => {
      const first = await env.iam.send(new ListPoliciesCommand({ MaxItems: 2 }));
      assert.deepEqual(first.Policies!.map((p) => p.PolicyName), ['alpha', 'beta']);
      assert.equal(first.IsTruncated, true);
      const rest = await env.iam.send(new ListPoliciesCommand({ MaxItems: 2, Marker: first.Marker }));
      assert.deepEqual(rest.Policies!.map((p) => p.PolicyName), ['gamma']);
      assert.equal(rest.IsTruncated, false);
    });
  });
});
