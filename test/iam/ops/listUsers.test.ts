import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateUserCommand, ListUsersCommand } from '@aws-sdk/client-iam';
import { startIam, type IamTestEnv } from './iamFixtures.js';

describe('ListUsers', () => {
  let env: IamTestEnv;
  before(async () => {
    env = await startIam();
    for (const [name, path] of [
      ['carol', '/'],
      ['Alice', '/'],
      ['bob', '/eng/'],
      ['dave', '/eng/backend/'],
      ['erin', '/engineering/'],
    ]) {
      await env.iam.send(new CreateUserCommand({ UserName: name, Path: path, Tags: [{ Key: 'k', Value: 'v' }] }));
    }
  });
  after(() => env.dispose());

  describe('serialization', () => {
    test('lists users ordered by name regardless of case, without tags, IsTruncated false', async () => {
      const out = await env.iam.send(new ListUsersCommand({}));
      assert.deepEqual(
        out.Users!.map((u) => u.UserName),
        ['Alice', 'bob', 'carol', 'dave', 'erin'],
      );
      assert.equal(out.IsTruncated, false);
      assert.equal(out.Marker, undefined);
      assert.equal(out.Users![0]!.Tags, undefined);
    });
  });

  describe('behaviour', () => {
    test('PathPrefix keeps users whose path starts with it', async () => {
      const out = await env.iam.send(new ListUsersCommand({ PathPrefix: '/eng/' }));
      assert.deepEqual(
        out.Users!.map((u) => u.UserName),
        ['bob', 'dave'],
      );
      const wider = await env.iam.send(new ListUsersCommand({ PathPrefix: '/eng' }));
      assert.deepEqual(
        wider.Users!.map((u) => u.UserName),
        ['bob', 'dave', 'erin'],
      );
    });

    test('MaxItems pages through with Marker', async () => {
      const names: string[] = [];
      let marker: string | undefined;
      let pages = 0;
      do {
        const out = await env.iam.send(new ListUsersCommand({ MaxItems: 2, Marker: marker }));
        names.push(...out.Users!.map((u) => u.UserName!));
        assert.equal(out.IsTruncated, out.Marker !== undefined);
        marker = out.Marker;
        pages++;
      } while (marker);
      assert.equal(pages, 3);
      assert.deepEqual(names, ['Alice', 'bob', 'carol', 'dave', 'erin']);
    });
  });
});
