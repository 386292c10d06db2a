import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AttachUserPolicyCommand, CreatePolicyCommand, CreateUserCommand, GetPolicyCommand } from '@aws-sdk/client-iam';
import { ACCOUNT, allowDoc, rejectsWith, startIam, type IamTestEnv } from './iamFixtures.js';

describe('GetPolicy', () => {
  let env: IamTestEnv;
  let arn: string;
  before(async () => {
    env = await startIam();
    arn = (await env.iam.send(new CreatePolicyCommand({ PolicyName: 'p', PolicyDocument: allowDoc(), Description: 'testing' }))).Policy!.Arn!;
  });
  after(() => env.dispose());

  describe('serialization', () => {
    test('returns the description and always a Tags list', async () => {
      const p = (await env.iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy!;
      assert.equal(p.Description, 'testing');
      assert.deepEqual(p.Tags, []);
      assert.equal(p.DefaultVersionId, 'v1');
    });
  });

  describe('validation', () => {
    test('returns ValidationError for a PolicyArn that is not an ARN', async () => {
      await rejectsWith(env.iam.send(new GetPolicyCommand({ PolicyArn: 'longpolicynamebutnoarn' })), 'ValidationError', 'ARN longpolicynamebutnoarn is not valid.', 400);
    });
  });

  describe('behaviour', () => {
    test('counts attachments', async () => {
      await env.iam.send(new CreateUserCommand({ UserName: 'u' }));
      await env.iam.send(new AttachUserPolicyCommand({ UserName: 'u', PolicyArn: arn }));
      assert.equal((await env.iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy!.AttachmentCount, 1);
    });

    test('returns NoSuchEntity for an unknown policy, and for AWS managed policies, which logseal does not have', async () => {
      const missing = `arn:aws:iam::${ACCOUNT}:policy/NotAPolicy`;
      await rejectsWith(env.iam.send(new GetPolicyCommand({ PolicyArn: missing })), 'NoSuchEntity', `Policy ${missing} was not found.`, 404);
      const managed = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
      await rejectsWith(env.iam.send(new GetPolicyCommand({ PolicyArn: managed })), 'NoSuchEntity', `Policy ${managed} was not found.`);
    });
  });
});
