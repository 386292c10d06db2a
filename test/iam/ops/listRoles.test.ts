import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateRoleCommand, ListRolesCommand } from '@aws-sdk/client-iam';
import { startIam, trustDoc, type IamTestEnv } from './iamFixtures.js';

describe('ListRoles', () => {
  let env: IamTestEnv;
  before(async () => {
    env = await startIam();
    for (const [name, path] of [
      ['c', '/'],
      ['a', '/svc/'],
      ['b', '/svc/'],
    ]) {
      await env.iam.send(new CreateRoleCommand({ RoleName: name, Path: path, AssumeRolePolicyDocument: trustDoc({ Service: 'ec2.amazonaws.com' }), Tags: [{ Key: 'k', Value: 'v' }] }));
    }
  });
  after(() => env.dispose());

  describe('serialization', () => {
    test('entries carry MaxSessionDuration but no tags and no RoleLastUsed', async () => {
      const r = (await env.iam.send(new ListRolesCommand({}))).Roles![0]!;
      assert.equal(r.MaxSessionDuration, 3600);
      assert.equal(r.Tags, undefined);
      assert.equal(r.RoleLastUsed, undefined);
    });
  });

  describe('behaviour', () => {
    test('lists by name, filters by PathPrefix and pages', async () => {
      assert.deepEqual((await env.iam.send(new ListRolesCommand({}))).Roles!.map((r) => r.RoleName), ['a', 'b', 'c']);
      assert.deepEqual((await env.iam.send(new ListRolesCommand({ PathPrefix: '/svc/' }))).Roles!.map((r) => r.RoleName), ['a', 'b']);
      const first = await env.iam.send(new ListRolesCommand({ MaxItems: 2 }));
      assert.equal(first.IsTruncated, true);
      const rest = await env.iam.send(new ListRolesCommand({ Marker: first.Marker }));
      assert.deepEqual(rest.Roles!.map((r) => r.RoleName), ['c']);
      assert.equal(rest.IsTruncated, false);
    });

    test('an empty PathPrefix match gives an empty list', async () => {
      assert.deepEqual((await env.iam.send(new ListRolesCommand({ PathPrefix: '/none/' }))).Roles, []);
    });
  });
});
