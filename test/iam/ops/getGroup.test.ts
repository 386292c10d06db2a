import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AddUserToGroupCommand, CreateGroupCommand, CreateUserCommand, GetGroupCommand } from '@aws-sdk/client-iam';
import { rejectsWith, startIam, type IamTestEnv } from './iamFixtures.js';

describe('GetGroup', () => {
  let env: IamTestEnv;
  before(async () => {
    env = await startIam();
    await env.iam.send(new CreateGroupCommand({ GroupName: 'team' }));
    await env.iam.send(new CreateGroupCommand({ GroupName: 'empty' }));
    for (const u of ['zed', 'amy', 'Max']) {
      await env.iam.send(new CreateUserCommand({ UserName: u }));
      await env.iam.send(new AddUserToGroupCommand({ GroupName: 'team', UserName: u }));
    }
  });
  after(() => env.dispose());

  describe('serialization', () => {
    test('returns the group and its members ordered by name', async () => {
      const out = await env.iam.send(new GetGroupCommand({ GroupName: 'team' }));
      assert.equal(out.Group!.GroupName, 'team');
      assert.deepEqual(out.Users!.map((u) => u.UserName), ['amy', 'Max', 'zed']);
      assert.equal(out.IsTruncated, false);
    });

    test('an empty group has an empty member list', async () => {
      const out = await env.iam.send(new GetGroupCommand({ GroupName: 'empty' }));
      assert.deepEqual(out.Users, []);
    });
  });

  describe('behaviour', () => {
    test('pages members with MaxItems and Marker', async () => {
      const first = await env.iam.send(new GetGroupCommand({ GroupName: 'team', MaxItems: 2 }));
      assert.deepEqual(first.Users!.map((u) => u.UserName), ['amy', 'Max']);
      assert.equal(first.IsTruncated, true);
      const rest = await env.iam.send(new GetGroupCommand({ GroupName: 'team', Marker: first.Marker }));
      assert.deepEqual(rest.Users!.map((u) => u.UserName), ['zed']);
    });

    test('returns NoSuchEntity for an unknown group', async () => {
      await rejectsWith(env.iam.send(new GetGroupCommand({ GroupName: 'non-existent-group' })), 'NoSuchEntity', 'The group with name non-existent-group cannot be found.', 404);
    });
  });
});
