import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  AttachRolePolicyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  GetRoleCommand,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { allowDoc, rejectsWith, startIam, trustDoc, type IamTestEnv } from './iamFixtures.js';

describe('DeleteRole', () => {
  let env: IamTestEnv;
  before(async () => {
    env = await startIam();
  });
  after(() => env.dispose());

  describe('behaviour', () => {
    test('returns DeleteConflict while policies remain, then deletes the role', async () => {
      await env.iam.send(new CreateRoleCommand({ RoleName: 'busy', AssumeRolePolicyDocument: trustDoc({ Service: 'ec2.amazonaws.com' }) }));
      const arn = (await env.iam.send(new CreatePolicyCommand({ PolicyName: 'rp', PolicyDocument: allowDoc() }))).Policy!.Arn!;
      await env.iam.send(new AttachRolePolicyCommand({ RoleName: 'busy', PolicyArn: arn }));
      await env.iam.send(new PutRolePolicyCommand({ RoleName: 'busy', PolicyName: 'inline', PolicyDocument: allowDoc() }));
      const del = () => env.iam.send(new DeleteRoleCommand({ RoleName: 'busy' }));
      await rejectsWith(del(), 'DeleteConflict', 'Cannot delete entity, must detach all policies first.', 409);
      await env.iam.send(new DetachRolePolicyCommand({ RoleName: 'busy', PolicyArn: arn }));
      await rejectsWith(del(), 'DeleteConflict', 'Cannot delete entity, must delete policies first.', 409);
      await env.iam.send(new DeleteRolePolicyCommand({ RoleName: 'busy', PolicyName: 'inline' }));
      assert.equal((await del()).$metadata.httpStatusCode, 200);
      await rejectsWith(env.iam.send(new GetRoleCommand({ RoleName: 'busy' })), 'NoSuchEntity', 'The role with name busy cannot be found.');
    });

    test('returns NoSuchEntity for an unknown role', async () => {
      await rejectsWith(env.iam.send(new DeleteRoleCommand({ RoleName: 'test-nonexistent-role' })), 'NoSuchEntity', 'The role with name test-nonexistent-role cannot be found.', 404);
    });
  });
});
