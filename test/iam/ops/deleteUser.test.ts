import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  AddUserToGroupCommand,
  AttachUserPolicyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteUserCommand,
  DeleteUserPolicyCommand,
  DetachUserPolicyCommand,
  GetUserCommand,
  PutUserPolicyCommand,
  RemoveUserFromGroupCommand,
} from '@aws-sdk/client-iam';
import { allowDoc, rejectsWith, startIam, userWithKey, type IamTestEnv } from './iamFixtures.js';

describe('DeleteUser', () => {
  let env: IamTestEnv;
  before(async () => {
    env = await startIam();
  });
  after(() => env.dispose());

  describe('behaviour', () => {
    test('deletes a user, which is then not found', async () => {
      await env.iam.send(new CreateUserCommand({ UserName: 'gone' }));
      await env.iam.send(new DeleteUserCommand({ UserName: 'gone' }));
      await rejectsWith(env.iam.send(new GetUserCommand({ UserName: 'gone' })), 'NoSuchEntity', 'The user with name gone cannot be found.', 404);
    });

    test('returns NoSuchEntity for an unknown user', async () => {
      await rejectsWith(env.iam.send(new DeleteUserCommand({ UserName: 'nonexistent-user' })), 'NoSuchEntity', 'The user with name nonexistent-user cannot be found.');
    });

    test('returns DeleteConflict while policies, access keys or groups remain, each with its message', async () => {
      const creds = await userWithKey(env.iam, 'busy');
      const policyArn = (await env.iam.send(new CreatePolicyCommand({ PolicyName: 'busy-p', PolicyDocument: allowDoc() }))).Policy!.Arn!;
      await env.iam.send(new AttachUserPolicyCommand({ UserName: 'busy', PolicyArn: policyArn }));
      await env.iam.send(new PutUserPolicyCommand({ UserName: 'busy', PolicyName: 'inline', PolicyDocument: allowDoc() }));
      await env.iam.send(new CreateGroupCommand({ GroupName: 'busy-g' }));
      await env.iam.send(new AddUserToGroupCommand({ UserName: 'busy', GroupName: 'busy-g' }));

      const del = () => env.iam.send(new DeleteUserCommand({ UserName: 'busy' }));
      await rejectsWith(del(), 'DeleteConflict', 'Cannot delete entity, must detach all policies first.', 409);
      await env.iam.send(new DetachUserPolicyCommand({ UserName: 'busy', PolicyArn: policyArn }));
      await rejectsWith(del(), 'DeleteConflict', 'Cannot delete entity, must delete policies first.', 409);
      await env.iam.send(new DeleteUserPolicyCommand({ UserName: 'busy', PolicyName: 'inline' }));
      await rejectsWith(del(), 'DeleteConflict', 'Cannot delete entity, must delete access keys first.', 409);
      await env.iam.send(new DeleteAccessKeyCommand({ UserName: 'busy', AccessKeyId: creds.accessKeyId }));
      await rejectsWith(del(), 'DeleteConflict', 'Cannot delete entity, must remove users from group first.', 409);
      await env.iam.send(new RemoveUserFromGroupCommand({ UserName: 'busy', GroupName: 'busy-g' }));
      const out = await del();
      assert.equal(out.$metadata.httpStatusCode, 200);
    });

    test('a user re-created with the same name is a new user', async () => {
      const first = (await env.iam.send(new CreateUserCommand({ UserName: 'again' }))).User!;
      await env.iam.send(new DeleteUserCommand({ UserName: 'again' }));
      const second = (await env.iam.send(new CreateUserCommand({ UserName: 'again' }))).User!;
      assert.notEqual(second.UserId, first.UserId);
    });
  });
});
