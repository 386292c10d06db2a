import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateUserCommand, DeleteUserPolicyCommand, GetUserPolicyCommand, ListUserPoliciesCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { allowDoc, rejectsWith, startIam, type IamTestEnv } from './iamFixtures.js';

const OWNER = 'owner';

describe('PutUserPolicy', () => {
  let env: IamTestEnv;
  before(async () => {
    env = await startIam();
    await env.iam.send(new CreateUserCommand({ UserName: OWNER }));
  });
  after(() => env.dispose());

  describe('validation', () => {
    test('returns MalformedPolicyDocument with the grammar’s reason', async () => {
      await rejectsWith(
        env.iam.send(new PutUserPolicyCommand({ UserName: OWNER, PolicyName: 'bad', PolicyDocument: 'This is not a json document' })),
        'MalformedPolicyDocument',
        'Syntax errors in policy.',
        400,
      );
      const withPrincipal = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' }] });
      await rejectsWith(
        env.iam.send(new PutUserPolicyCommand({ UserName: OWNER, PolicyName: 'bad', PolicyDocument: withPrincipal })),
        'MalformedPolicyDocument',
        'Policy document should not specify a principal.',
      );
      const noResource = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*' }] });
      await rejectsWith(
        env.iam.send(new PutUserPolicyCommand({ UserName: OWNER, PolicyName: 'bad', PolicyDocument: noResource })),
        'MalformedPolicyDocument',
        'Policy statement must contain resources.',
      );
    });
  });

  describe('behaviour', () => {
    test('adds a policy and replaces it when put again under the same name', async () => {
      await env.iam.send(new PutUserPolicyCommand({ UserName: OWNER, PolicyName: 'p', PolicyDocument: allowDoc('s3:GetObject') }));
      await env.iam.send(new PutUserPolicyCommand({ UserName: OWNER, PolicyName: 'p', PolicyDocument: allowDoc('s3:PutObject') }));
      const got = await env.iam.send(new GetUserPolicyCommand({ UserName: OWNER, PolicyName: 'p' }));
      assert.equal(decodeURIComponent(got.PolicyDocument!), allowDoc('s3:PutObject'));
      assert.deepEqual((await env.iam.send(new ListUserPoliciesCommand({ UserName: OWNER }))).PolicyNames, ['p']);
      await env.iam.send(new DeleteUserPolicyCommand({ UserName: OWNER, PolicyName: 'p' }));
    });

    test('returns LimitExceeded when the user’s inline policies together pass 2048 characters', async () => {
      const big = (n: number) => allowDoc(Array.from({ length: n }, (_, i) => `s3:Action${String(i).padStart(5, '0')}`));
      const size = (doc: string) => doc.replace(/\s/g, '').length;
      let n = 1;
      while (size(big(n + 1)) <= 2048 / 2) n++;
      await env.iam.send(new PutUserPolicyCommand({ UserName: OWNER, PolicyName: 'half-1', PolicyDocument: big(n) }));
      await env.iam.send(new PutUserPolicyCommand({ UserName: OWNER, PolicyName: 'half-2', PolicyDocument: big(n) }));
      // Replacing a policy counts its new size, not its old one as well.
      await env.iam.send(new PutUserPolicyCommand({ UserName: OWNER, PolicyName: 'half-2', PolicyDocument: big(n) }));
      await rejectsWith(
        env.iam.send(new PutUserPolicyCommand({ UserName: OWNER, PolicyName: 'one-more', PolicyDocument: big(8) })),
        'LimitExceeded',
        'Maximum policy size of 2048 bytes exceeded for user owner',
        409,
      );
      await env.iam.send(new DeleteUserPolicyCommand({ UserName: OWNER, PolicyName: 'half-1' }));
      await env.iam.send(new DeleteUserPolicyCommand({ UserName: OWNER, PolicyName: 'half-2' }));
    });

    test('returns NoSuchEntity for an unknown user', async () => {
      await rejectsWith(
        env.iam.send(new PutUserPolicyCommand({ UserName: 'nonexistent', PolicyName: 'p', PolicyDocument: allowDoc() })),
        'NoSuchEntity',
        'The user with name nonexistent cannot be found.',
        404,
      );
    });
  });
});
