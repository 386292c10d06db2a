import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  AttachGroupPolicyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  DeletePolicyCommand,
  DeletePolicyVersionCommand,
  DetachGroupPolicyCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
} from '@aws-sdk/client-iam';
import { allowDoc, rejectsWith, startIam, type IamTestEnv } from './iamFixtures.js';

describe('DeletePolicy', () => {
  let env: IamTestEnv;
  before(async () => {
    env = await startIam();
  });
  after(() => env.dispose());

  describe('behaviour', () => {
    test('returns DeleteConflict while attached or while it has other versions, then deletes it with its default version', async () => {
      const arn = (await env.iam.send(new CreatePolicyCommand({ PolicyName: 'p', PolicyDocument: allowDoc() }))).Policy!.Arn!;
      await env.iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: allowDoc('s3:*'), SetAsDefault: true }));
      await env.iam.send(new CreateGroupCommand({ GroupName: 'g' }));
      await env.iam.send(new AttachGroupPolicyCommand({ GroupName: 'g', PolicyArn: arn }));

      const del = () => env.iam.send(new DeletePolicyCommand({ PolicyArn: arn }));
      await rejectsWith(del(), 'DeleteConflict', 'Cannot delete a policy attached to entities.', 409);
      await env.iam.send(new DetachGroupPolicyCommand({ GroupName: 'g', PolicyArn: arn }));
      await rejectsWith(
        del(),
        'DeleteConflict',
        "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
      );
      await env.iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v1' }));
      assert.equal((await del()).$metadata.httpStatusCode, 200);
      await rejectsWith(env.iam.send(new GetPolicyCommand({ PolicyArn: arn })), 'NoSuchEntity', `Policy ${arn} was not found.`);
      await rejectsWith(env.iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v2' })), 'NoSuchEntity', `Policy ${arn} version v2 does not exist or is not attachable.`);
    });

    test('the name can be used again after deletion', async () => {
      const arn = (await env.iam.send(new CreatePolicyCommand({ PolicyName: 'reuse', PolicyDocument: allowDoc() }))).Policy!.Arn!;
      await env.iam.send(new DeletePolicyCommand({ PolicyArn: arn }));
      const again = (await env.iam.send(new CreatePolicyCommand({ PolicyName: 'reuse', PolicyDocument: allowDoc() }))).Policy!;
      assert.equal(again.Arn, arn);
    });

    test('returns NoSuchEntity for an unknown policy', async () => {
      const arn = 'arn:aws:iam::000000000000:policy/none';
      await rejectsWith(env.iam.send(new DeletePolicyCommand({ PolicyArn: arn })), 'NoSuchEntity', `Policy ${arn} was not found.`, 404);
    });
  });
});
