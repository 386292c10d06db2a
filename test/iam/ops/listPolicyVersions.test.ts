import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreatePolicyCommand, CreatePolicyVersionCommand, ListPolicyVersionsCommand } from '@aws-sdk/client-iam';
import { allowDoc, rejectsWith, startIam, type IamTestEnv } from './iamFixtures.js';

describe('ListPolicyVersions', () => {
  let env: IamTestEnv;
  let arn: string;
  before(async () => {
    env = await startIam();
    arn = (await env.iam.send(new CreatePolicyCommand({ PolicyName: 'p', PolicyDocument: allowDoc() }))).Policy!.Arn!;
    await env.iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: allowDoc('s3:*'), SetAsDefault: true }));
    await env.iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: allowDoc('ec2:*') }));
  });
  after(() => env.dispose());

  describe('serialization', () => {
    test('lists versions newest first, marking the default, without documents', async () => {
      const out = await env.iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn }));
      assert.deepEqual(
        out.Versions!.map((v) => [v.VersionId, v.IsDefaultVersion, v.Document]),
        [
          ['v3', false, undefined],
          ['v2', true, undefined],
          ['v1', false, undefined],
        ],
      );
      assert.equal(out.IsTruncated, false);
    });
  });

  describe('behaviour', () => {
    test('returns NoSuchEntity for an unknown policy', async () => {
      const missing = 'arn:aws:iam::000000000000:policy/none';
      await rejectsWith(env.iam.send(new ListPolicyVersionsCommand({ PolicyArn: missing })), 'NoSuchEntity', `Policy ${missing} was not found.`);
    });
  });
});
