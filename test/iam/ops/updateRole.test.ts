import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateRoleCommand, GetRoleCommand, UpdateRoleCommand } from '@aws-sdk/client-iam';
import { rejectsWith, startIam, trustDoc, type IamTestEnv } from './iamFixtures.js';

describe('UpdateRole', () => {
  let env: IamTestEnv;
  before(async () => {
    env = await startIam();
    await env.iam.send(new CreateRoleCommand({ RoleName: 'app', AssumeRolePolicyDocument: trustDoc({ Service: 'ec2.amazonaws.com' }), Description: 'initial description' }));
  });
  after(() => env.dispose());

  describe('behaviour', () => {
    test('changes the description and the maximum session duration, leaving what is not given', async () => {
      await env.iam.send(new UpdateRoleCommand({ RoleName: 'app', Description: 'updated description', MaxSessionDuration: 7200 }));
      await env.iam.send(new UpdateRoleCommand({ RoleName: 'app' }));
      const r = (await env.iam.send(new GetRoleCommand({ RoleName: 'app' }))).Role!;
      assert.equal(r.Description, 'updated description');
      assert.equal(r.MaxSessionDuration, 7200);
    });

    test('returns NoSuchEntity for an unknown role', async () => {
      await rejectsWith(env.iam.send(new UpdateRoleCommand({ RoleName: 'test-nonexistent-role' })), 'NoSuchEntity', 'The role with name test-nonexistent-role cannot be found.');
    });
  });
});
