import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreatePolicyCommand, CreatePolicyVersionCommand, GetPolicyVersionCommand } from '@aws-sdk/client-iam';
import { ACCOUNT, allowDoc, rejectsWith, startIam, type IamTestEnv } from './iamFixtures.js';

describe('GetPolicyVersion', () => {
  let env: IamTestEnv;
  let arn: string;
  before(async () => {
    env = await startIam();
    arn = (await env.iam.send(new CreatePolicyCommand({ PolicyName: 'p', PolicyDocument: allowDoc('s3:ListBucket') }))).Policy!.Arn!;
    await env.iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: allowDoc('ec2:DescribeInstances') }));
  });
  after(() => env.dispose());

  describe('serialization', () => {
    test('returns the version’s document URL-encoded and whether it is the default', async () => {
      const v1 = (await env.iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v1' }))).PolicyVersion!;
      assert.equal(v1.Document, encodeURIComponent(allowDoc('s3:ListBucket')));
      assert.equal(v1.IsDefaultVersion, true);
      assert.equal(v1.VersionId, 'v1');
      const v2 = (await env.iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v2' }))).PolicyVersion!;
      assert.equal(decodeURIComponent(v2.Document!), allowDoc('ec2:DescribeInstances'));
      assert.equal(v2.IsDefaultVersion, false);
    });
  });

  describe('validation', () => {
    test('returns the model’s ValidationError for a version id not like v1', async () => {
      await assert.rejects(env.iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: 'x1' })), { name: 'ValidationError' });
    });
  });

  describe('behaviour', () => {
    test('returns NoSuchEntity for an unknown version or policy, with the same wording', async () => {
      await rejectsWith(env.iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v9' })), 'NoSuchEntity', `Policy ${arn} version v9 does not exist or is not attachable.`, 404);
      const missing = `arn:aws:iam::${ACCOUNT}:policy/TestNonExistingPolicy`;
      await rejectsWith(env.iam.send(new GetPolicyVersionCommand({ PolicyArn: missing, VersionId: 'v1' })), 'NoSuchEntity', `Policy ${missing} version v1 does not exist or is not attachable.`);
    });
  });
});
