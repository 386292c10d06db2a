import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AddUserToGroupCommand, CreateGroupCommand, CreateUserCommand, GetGroupCommand, RemoveUserFromGroupCommand } from '@aws-sdk/client-iam';
import { rejectsWith, startIam, type IamTestEnv } from './iamFixtures.js';

describe('RemoveUserFromGroup', () => {
  let env: IamTestEnv;
  before(async () => {
    env = await startIam();
    await env.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await env.iam.send(new CreateUserCommand({ UserName: 'bob' }));
    await env.iam.send(new CreateGroupCommand({ GroupName: 'team' }));
    await env.iam.send(new AddUserToGroupCommand({ GroupName: 'team', UserName: 'alice' }));
  });
  after(() => env.dispose());

  describe('behaviour', () => {
    test('removes a member; removing a non-member is not an error', async () => {
      await env.iam.send(new RemoveUserFromGroupCommand({ GroupName: 'team', UserName: 'alice' }));
      await env.iam.send(new RemoveUserFromGroupCommand({ GroupName: 'team', UserName: 'bob' }));
      assert.deepEqual((await env.iam.send(new GetGroupCommand({ GroupName: 'team' }))).Users, []);
    });

    test('returns NoSuchEntity naming the unknown user before the unknown group', async () => {
      await rejectsWith(env.iam.send(new RemoveUserFromGroupCommand({ GroupName: 'unknown-group', UserName: 'any-user' })), 'NoSuchEntity', 'The user with name any-user cannot be found.');
      await rejectsWith(env.iam.send(new RemoveUserFromGroupCommand({ GroupName: 'nonexistent-group', UserName: 'bob' })), 'NoSuchEntity', 'The group with name nonexistent-group cannot be found.');
    });
  });
});
