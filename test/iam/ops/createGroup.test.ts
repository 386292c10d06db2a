import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateGroupCommand } from '@aws-sdk/client-iam';
import { ACCOUNT, rejectsWith, startIam, type IamTestEnv } from './iamFixtures.js';

describe('CreateGroup', () => {
  let env: IamTestEnv;
  before(async () => {
    env = await startIam();
  });
  after(() => env.dispose());

  describe('serialization', () => {
    test('returns the group with its ARN, AGPA id, path and date', async () => {
      const g = (await env.iam.send(new CreateGroupCommand({ GroupName: 'admins', Path: '/some/location/' }))).Group!;
      assert.equal(g.GroupName, 'admins');
      assert.equal(g.Path, '/some/location/');
      assert.equal(g.Arn, `arn:aws:iam::${ACCOUNT}:group/some/location/admins`);
      assert.match(g.GroupId!, /^AGPA[A-Z0-9]{17}$/);
      assert.ok(g.CreateDate instanceof Date);
    });
  });

  describe('behaviour', () => {
    test('returns EntityAlreadyExists for an existing name', async () => {
      await env.iam.send(new CreateGroupCommand({ GroupName: 'devs' }));
      await rejectsWith(env.iam.send(new CreateGroupCommand({ GroupName: 'Devs' })), 'EntityAlreadyExists', 'Group with name Devs already exists.', 409);
    });
  });
});
