import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateGroupCommand, ListGroupsCommand } from '@aws-sdk/client-iam';
import { startIam, type IamTestEnv } from './iamFixtures.js';

describe('ListGroups', () => {
  let env: IamTestEnv;
  before(async () => {
    env = await startIam();
    await env.iam.send(new CreateGroupCommand({ GroupName: 'ops', Path: '/infra/' }));
    await env.iam.send(new CreateGroupCommand({ GroupName: 'dev' }));
  });
  after(() => env.dispose());

  describe('behaviour', () => {
    test('lists groups by name, filtered by PathPrefix', async () => {
      assert.deepEqual((await env.iam.send(new ListGroupsCommand({}))).Groups!.map((g) => g.GroupName), ['dev', 'ops']);
      assert.deepEqual((await env.iam.send(new ListGroupsCommand({ PathPrefix: '/infra/' }))).Groups!.map((g) => g.GroupName), ['ops']);
    });
  });
});
