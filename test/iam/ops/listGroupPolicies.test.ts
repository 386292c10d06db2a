import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateGroupCommand, DeleteGroupPolicyCommand, ListGroupPoliciesCommand, PutGroupPolicyCommand } from '@aws-sdk/client-iam';
import { allowDoc, rejectsWith, startIam, type IamTestEnv } from './iamFixtures.js';

const OWNER = 'owner';

describe('ListGroupPolicies', () => {
  let env: IamTestEnv;
  before(async () => {
    env = await startIam();
    await env.iam.send(new CreateGroupCommand({ GroupName: OWNER }));
  });
  after(() => env.dispose());

  describe('serialization', () => {
    test('an owner without inline policies has an empty list', async () => {
      const out = await env.iam.send(new ListGroupPoliciesCommand({ GroupName: OWNER }));
      assert.deepEqual(out.PolicyNames, []);
      assert.equal(out.IsTruncated, false);
    });
  });

  describe('behaviour', () => {
    test('lists names in order and pages with MaxItems', async () => {
      for (const name of ['c', 'a', 'b']) await env.iam.send(new PutGroupPolicyCommand({ GroupName: OWNER, PolicyName: name, PolicyDocument: allowDoc() }));
      assert.deepEqual((await env.iam.send(new ListGroupPoliciesCommand({ GroupName: OWNER }))).PolicyNames, ['a', 'b', 'c']);
      const first = await env.iam.send(new ListGroupPoliciesCommand({ GroupName: OWNER, MaxItems: 2 }));
      assert.deepEqual(first.PolicyNames, ['a', 'b']);
      assert.equal(first.IsTruncated, true);
      const rest = await env.iam.send(new ListGroupPoliciesCommand({ GroupName: OWNER, Marker: first.Marker }));
      assert.deepEqual(rest.PolicyNames, ['c']);
      for (const name of ['a', 'b', 'c']) await env.iam.send(new DeleteGroupPolicyCommand({ GroupName: OWNER, PolicyName: name }));
    });

    test('returns NoSuchEntity for an unknown group', async () => {
      await rejectsWith(env.iam.send(new ListGroupPoliciesCommand({ GroupName: 'nonexistent' })), 'NoSuchEntity', 'The group with name nonexistent cannot be found.');
    });
  });
});
