import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateRoleCommand, GetRoleCommand } from '@aws-sdk/client-iam';
import { rejectsWith, startIam, trustDoc, type IamTestEnv } from './iamFixtures.js';

describe('GetRole', () => {
  let env: IamTestEnv;
  before(async () => {
    env = await startIam();
    await env.iam.send(
      new CreateRoleCommand({
        RoleName: 'app',
        AssumeRolePolicyDocument: trustDoc({ Service: 'ec2.amazonaws.com' }),
        Description: 'the app',
        Tags: [{ Key: 'z', Value: '1' }, { Key: 'a', Value: '2' }],
      }),
    );
  });
  after(() => env.dispose());

  describe('serialization', () => {
    test('returns MaxSessionDuration (3600 by default), Description, tags by key and an empty RoleLastUsed', async () => {
      const r = (await env.iam.send(new GetRoleCommand({ RoleName: 'app' }))).Role!;
      assert.equal(r.MaxSessionDuration, 3600);
      assert.equal(r.Description, 'the app');
      assert.deepEqual(r.Tags, [
        { Key: 'a', Value: '2' },
        { Key: 'z', Value: '1' },
      ]);
      assert.deepEqual(r.RoleLastUsed, {});
    });
  });

  describe('behaviour', () => {
    test('returns NoSuchEntity for an unknown role', async () => {
      await rejectsWith(env.iam.send(new GetRoleCommand({ RoleName: 'test-nonexistent-role' })), 'NoSuchEntity', 'The role with name test-nonexistent-role cannot be found.', 404);
    });
  });
});
