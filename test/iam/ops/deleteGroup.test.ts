import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreateUserCommand,
  DeleteGroupCommand,
  DeleteGroupPolicyCommand,
  DetachGroupPolicyCommand,
  GetGroupCommand,
  PutGroupPolicyCommand,
  RemoveUserFromGroupCommand,
} from '@aws-sdk/client-iam';
import { allowDoc, rejectsWith, startIam, type IamTestEnv } from './iamFixtures.js';

describe('DeleteGroup', () => {
  let env: IamTestEnv;
  before(async () => {
    env = await startIam();
  });
  after(() => env.dispose());

  describe('behaviour', () => {
    test('returns DeleteConflict while members or policies remain, then deletes the group', async () => {
      await env.iam.send(new CreateGroupCommand({ GroupName: 'busy' }));
      await env.iam.send(new CreateUserCommand({ UserName: 'member' }));
      await env.iam.send(new AddUserToGroupCommand({ GroupName: 'busy', UserName: 'member' }));
      const arn = (await env.iam.send(new CreatePolicyCommand({ PolicyName: 'gp', PolicyDocument: allowDoc() }))).Policy!.Arn!;
      await env.iam.send(new AttachGroupPolicyCommand({ GroupName: 'busy', PolicyArn: arn }));
      await env.iam.send(new PutGroupPolicyCommand({ GroupName: 'busy', PolicyName: 'inline', PolicyDocument: allowDoc() }));

      const del = () => env.iam.send(new DeleteGroupCommand({ GroupName: 'busy' }));
      await rejectsWith(del(), 'DeleteConflict', 'Cannot delete entity, must remove users from group first.', 409);
      await env.iam.send(new RemoveUserFromGroupCommand({ GroupName: 'busy', UserName: 'member' }));
      await rejectsWith(del(), 'DeleteConflict', 'Cannot delete entity, must detach all policies first.', 409);
      await env.iam.send(new DetachGroupPolicyCommand({ GroupName: 'busy', PolicyArn: arn }));
      await rejectsWith(del(), 'DeleteConflict', 'Cannot delete entity, must delete policies first.', 409);
      await env.iam.send(new DeleteGroupPolicyCommand({ GroupName: 'busy', PolicyName: 'inline' }));
      assert.equal((await del()).$metadata.httpStatusCode, 200);
      await rejectsWith(env.iam.send(new GetGroupCommand({ GroupName: 'busy' })), 'NoSuchEntity', 'The group with name busy cannot be found.');
    });

    test('returns NoSuchEntity for an unknown group', async () => {
      await rejectsWith(env.iam.send(new DeleteGroupCommand({ GroupName: 'unknown-group' })), 'NoSuchEntity', 'The group with name unknown-group cannot be found.', 404);
    });
  });
});
