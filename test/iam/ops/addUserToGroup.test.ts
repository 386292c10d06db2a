import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AddUserToGroupCommand, CreateGroupCommand, CreateUserCommand, GetGroupCommand } from '@aws-sdk/client-iam';
import { rejectsWith, startIam, type IamTestEnv } from './iamFixtures.js';

describe('AddUserToGroup', () => {
  let env: IamTestEnv;
  before(async () => {
    env = await startIam();
    await env.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await env.iam.send(new CreateGroupCommand({ GroupName: 'team' }));
  });
  after(() => env.dispose());

  describe('behaviour', () => {
    test('adds the user, and adding it again changes nothing', async () => {
      await env.iam.send(new AddUserToGroupCommand({ GroupName: 'team', UserName: 'alice' }));
      await env.iam.send(new AddUserToGroupCommand({ GroupName: 'team', UserName: 'alice' }));
      assert.deepEqual((await env.iam.send(new GetGroupCommand({ GroupName: 'team' }))).Users!.map((u) => u.UserName), ['alice']);
    });

    test('returns NoSuchEntity naming the user, then the group, that does not exist', async () => {
      await rejectsWith(env.iam.send(new AddUserToGroupCommand({ GroupName: 'nonexistent-group', UserName: 'nonexistent-user' })), 'NoSuchEntity', 'The user with name nonexistent-user cannot be found.');
      await rejectsWith(env.iam.send(new AddUserToGroupCommand({ GroupName: 'nonexistent-group', UserName: 'alice' })), 'NoSuchEntity', 'The group with name nonexistent-group cannot be found.');
    });

    test('returns LimitExceeded for an eleventh group', async () => {
      await env.iam.send(new CreateUserCommand({ UserName: 'joiner' }));
      for (let i = 0; i < 11; i++) await env.iam.send(new CreateGroupCommand({ GroupName: `g${i}` }));
      for (let i = 0; i < 10; i++) await env.iam.send(new AddUserToGroupCommand({ GroupName: `g${i}`, UserName: 'joiner' }));
      await rejectsWith(env.iam.send(new AddUserToGroupCommand({ GroupName: 'g10', UserName: 'joiner' })), 'LimitExceeded', 'Cannot exceed quota for GroupsPerUser: 10', 409);
    });
  });
});
