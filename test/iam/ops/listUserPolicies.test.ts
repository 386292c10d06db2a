import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateUserCommand, DeleteUserPolicyCommand, ListUserPoliciesCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { allowDoc, rejectsWith, startIam, type IamTestEnv } from './iamFixtures.js';

const OWNER = 'owner';

describe('ListUserPolicies', () => {
  let env: IamTestEnv;
  before(async () => {
    env = await startIam();
    await env.iam.send(new CreateUserCommand({ UserName: OWNER }));
  });
  after(() => env.dispose());

  describe('serialization', () => {
    test('an owner without inline policies has an empty list', async () => {
      const out = await env.iam.send(new ListUserPoliciesCommand({ UserName: OWNER }));
      assert.deepEqual(out.PolicyNames, []);
      assert.equal(out.IsTruncated, false);
    });
  });

  describe('behaviour', () => {
    test('lists names in order and pages with MaxItems', async () => {
      for (const name of ['c', 'a', 'b']) await env.iam.send(new PutUserPolicyCommand({ UserName: OWNER, PolicyName: name, PolicyDocument: allowDoc() }));
      assert.deepEqual((await env.iam.send(new ListUserPoliciesCommand({ UserName: OWNER }))).PolicyNames, ['a', 'b', 'c']);
      const first = await env.iam.send(new ListUserPoliciesCommand({ UserName: OWNER, MaxItems: 2 }));
      assert.deepEqual(first.PolicyNames, ['a', 'b']);
      assert.equal(first.IsTruncated, true);
      const rest = await env.iam.send(new ListUserPoliciesCommand({ UserName: OWNER, Marker: first.Marker }));
      assert.deepEqual(rest.PolicyNames, ['c']);
      for (const name of ['a', 'b', 'c']) await env.iam.send(new DeleteUserPolicyCommand({ UserName: OWNER, PolicyName: name }));
    });

    test('returns NoSuchEntity for an unknown user', async () => {
      await rejectsWith(env.iam.send(new ListUserPoliciesCommand({ UserName: 'nonexistent' })), 'NoSuchEntity', 'The user with name nonexistent cannot be found.');
    });
  });
});
