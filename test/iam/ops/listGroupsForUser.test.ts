import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AddUserToGroupCommand, CreateGroupCommand, CreateUserCommand, ListGroupsForUserCommand } from '@aws-sdk/client-iam';
import { rejectsWith, startIam, type IamTestEnv } from './iamFixtures.js';

describe('ListGroupsForUser', () => {
  let env: IamTestEnv;
  before(async () => {
    env = await startIam();
    await env.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    for (const g of ['zeta', 'alpha', 'mid']) {
      await env.iam.send(new CreateGroupCommand({ GroupName: g }));
      await env.iam.send(new AddUserToGroupCommand({ GroupName: g, UserName: 'alice' }));
    }
    await env.iam.send(new CreateUserCommand({ UserName: 'loner' }));
  });
  after(() => env.dispose());

  describe('serialization', () => {
    test('lists the user’s groups by name; none is an empty list', async () => {
      assert.deepEqual((await env.iam.send(new ListGroupsForUserCommand({ UserName: 'alice' }))).Groups!.map((g) => g.GroupName), ['alpha', 'mid', 'zeta']);
      const none = await env.iam.send(new ListGroupsForUserCommand({ UserName: 'loner' }));
      assert.deepEqual(none.Groups, []);
      assert.equal(none.IsTruncated, false);
    });
  });

  describe('behaviour', () => {
    test('pages with MaxItems and Marker', async () => {
      const first = await env.iam.send(new ListGroupsForUserCommand({ UserName: 'alice', MaxItems: 1 }));
      assert.deepEqual(first.Groups!.map((g) => g.GroupName), ['alpha']);
      const rest = await env.iam.send(new ListGroupsForUserCommand({ UserName: 'alice', Marker: first.Marker }));
      assert.deepEqual(rest.Groups!.map((g) => g.GroupName), ['mid', 'zeta']);
    });

    test('returns NoSuchEntity for an unknown user', async () => {
      await rejectsWith(env.iam.send(new ListGroupsForUserCommand({ UserName: 'nobody' })), 'NoSuchEntity', 'The user with name nobody cannot be found.');
    });
  });
});
