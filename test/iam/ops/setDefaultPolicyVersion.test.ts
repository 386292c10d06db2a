import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreatePolicyCommand, CreatePolicyVersionCommand, GetPolicyCommand, ListPolicyVersionsCommand, SetDefaultPolicyVersionCommand } from '@aws-sdk/client-iam';
import { allowDoc, rejectsWith, startIam, type IamTestEnv } from './iamFixtures.js';

describe('SetDefaultPolicyVersion', () => {
  let env: IamTestEnv;
  let arn: string;
  before(async () => {
    env = await startIam();
    arn = (await env.iam.send(new CreatePolicyCommand({ PolicyName: 'p', PolicyDocument: allowDoc() }))).Policy!.Arn!;
    await env.iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: allowDoc('s3:*'), SetAsDefault: true }));
  });
  after(() => env.dispose());

  describe('behaviour', () => {
    test('makes an older version the default again', async () => {
      await env.iam.send(new SetDefaultPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v1' }));
      assert.equal((await env.iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy!.DefaultVersionId, 'v1');
      assert.deepEqual(
        (await env.iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn }))).Versions!.map((v) => [v.VersionId, v.IsDefaultVersion]),
        [
          ['v2', false],
          ['v1', true],
        ],
      );
    });

    test('returns NoSuchEntity for an unknown version', async () => {
      await rejectsWith(env.iam.send(new SetDefaultPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v4' })), 'NoSuchEntity', `Policy ${arn} version v4 does not exist or is not attachable.`);
    });
  });
});
