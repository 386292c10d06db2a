import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateGroupCommand, DeleteGroupPolicyCommand, GetGroupPolicyCommand, ListGroupPoliciesCommand, PutGroupPolicyCommand } from '@aws-sdk/client-iam';
import { allowDoc, rejectsWith, startIam, type IamTestEnv } from './iamFixtures.js';

const OWNER = 'owner';

describe('PutGroupPolicy', () => {
  let env: IamTestEnv;
  before(async () => {
    env = await startIam();
    await env.iam.send(new CreateGroupCommand({ GroupName: OWNER }));
  });
  after(() => env.dispose());

  describe('validation', () => {
    test('returns MalformedPolicyDocument with the grammar’s reason', async () => {
      await rejectsWith(
        env.iam.send(new PutGroupPolicyCommand({ GroupName: OWNER, PolicyName: 'bad', PolicyDocument: 'This is not a json document' })),
        'MalformedPolicyDocument',
        'Syntax errors in policy.',
        400,
      );
      const withPrincipal = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' }] });
      await rejectsWith(
        env.iam.send(new PutGroupPolicyCommand({ GroupName: OWNER, PolicyName: 'bad', PolicyDocument: withPrincipal })),
        'MalformedPolicyDocument',
        'Policy document should not specify a principal.',
      );
      const noResource = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*' }] });
      await rejectsWith(
        env.iam.send(new PutGroupPolicyCommand({ GroupName: OWNER, PolicyName: 'bad', PolicyDocument: noResource })),
        'MalformedPolicyDocument',
        'Policy statement must contain resources.',
      );
    });
  });

  describe('behaviour', () => {
    test('adds a policy and replaces it when put again under the same name', async () => {
      await env.iam.send(new PutGroupPolicyCommand({ GroupName: OWNER, PolicyName: 'p', PolicyDocument: allowDoc('s3:GetObject') }));
      await env.iam.send(new PutGroupPolicyCommand({ GroupName: OWNER, PolicyName: 'p', PolicyDocument: allowDoc('s3:PutObject') }));
      const got = await env.iam.send(new GetGroupPolicyCommand({ GroupName: OWNER, PolicyName: 'p' }));
      assert.equal(decodeURIComponent(got.PolicyDocument!), allowDoc('s3:PutObject'));
      assert.deepEqual((await env.iam.send(new ListGroupPoliciesCommand({ GroupName: OWNER }))).PolicyNames, ['p']);
      await env.iam.send(new DeleteGroupPolicyCommand({ GroupName: OWNER, PolicyName: 'p' }));
    });

    test('returns LimitExceeded when the group’s inline policies together pass 5120 characters', async () => {
      const big = (n: number) => allowDoc(Array.from({ length: n }, (_, i) => `s3:Action${String(i).padStart(5, '0')}`));
      const size = (doc: string) => doc.replace(/\s/g, '').length;
      let n = 1;
      while (size(big(n + 1)) <= 5120 / 2) n++;
      await env.iam.send(new PutGroupPolicyCommand({ GroupName: OWNER, PolicyName: 'half-1', PolicyDocument: big(n) }));
      await env.iam.send(new PutGroupPolicyCommand({ GroupName: OWNER, PolicyName: 'half-2', PolicyDocument: big(n) }));
      // Replacing a policy counts its new size, not its old one as well.
      await env.iam.send(new PutGroupPolicyCommand({ GroupName: OWNER, PolicyName: 'half-2', PolicyDocument: big(n) }));
      await rejectsWith(
        env.iam.send(new PutGroupPolicyCommand({ GroupName: OWNER, PolicyName: 'one-more', PolicyDocument: big(8) })),
        'LimitExceeded',
        'Maximum policy size of 5120 bytes exceeded for group owner',
        409,
      );
      await env.iam.send(new DeleteGroupPolicyCommand({ GroupName: OWNER, PolicyName: 'half-1' }));
      await env.iam.send(new DeleteGroupPolicyCommand({ GroupName: OWNER, PolicyName: 'half-2' }));
    });

    test('returns NoSuchEntity for an unknown group', async () => {
      await rejectsWith(
        env.iam.send(new PutGroupPolicyCommand({ GroupName: 'nonexistent', PolicyName: 'p', PolicyDocument: allowDoc() })),
        'NoSuchEntity',
        'The group with name nonexistent cannot be found.',
        404,
      );
    });
  });
});
