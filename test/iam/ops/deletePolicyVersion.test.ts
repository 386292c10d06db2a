import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreatePolicyCommand, CreatePolicyVersionCommand, DeletePolicyVersionCommand, ListPolicyVersionsCommand } from '@aws-sdk/client-iam';
import { allowDoc, rejectsWith, startIam, type IamTestEnv } from './iamFixtures.js';

describe('DeletePolicyVersion', () => {
  let env: IamTestEnv;
  let arn: string;
  before(async () => {
    env = await startIam();
    arn = (await env.iam.send(new CreatePolicyCommand({ PolicyName: 'p', PolicyDocument: allowDoc() }))).Policy!.Arn!;
    await env.iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: allowDoc('s3:*') }));
  });
  after(() => env.dispose());

  describe('behaviour', () => {
    test('deletes a non-default version', async () => {
      await env.iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v2' }));
      assert.deepEqual((await env.iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn }))).Versions!.map((v) => v.VersionId), ['v1']);
    });

    test('returns DeleteConflict for the default version', async () => {
      await rejectsWith(env.iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v1' })), 'DeleteConflict', 'Cannot delete the default version of a policy.', 409);
    });

    test('returns NoSuchEntity for an unknown version', async () => {
      await rejectsWith(env.iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v9' })), 'NoSuchEntity', `Policy ${arn} version v9 does not exist or is not attachable.`);
    });
  });
});
