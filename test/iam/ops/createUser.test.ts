import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateUserCommand, GetUserCommand } from '@aws-sdk/client-iam';
import { ACCOUNT, rejectsWith, startIam, type IamTestEnv } from './iamFixtures.js';

describe('CreateUser', () => {
  let env: IamTestEnv;
  before(async () => {
    env = await startIam();
  });
  after(() => env.dispose());

  describe('serialization', () => {
    test('returns the user with its ARN, AIDA id, default path, date and tags', async () => {
      const out = await env.iam.send(new CreateUserCommand({ UserName: 'alice', Tags: [{ Key: 'team', Value: 'blue' }] }));
      const u = out.User!;
      assert.equal(u.UserName, 'alice');
      assert.equal(u.Path, '/');
      assert.equal(u.Arn, `arn:aws:iam::${ACCOUNT}:user/alice`);
      assert.match(u.UserId!, /^AIDA[A-Z0-9]{17}$/);
      assert.ok(u.CreateDate instanceof Date);
      assert.equal(u.CreateDate!.getUTCMilliseconds(), 0);
      assert.deepEqual(u.Tags, [{ Key: 'team', Value: 'blue' }]);
    });

    test('puts the path into the ARN', async () => {
      const u = (await env.iam.send(new CreateUserCommand({ UserName: 'pathed', Path: '/division/team/' }))).User!;
      assert.equal(u.Path, '/division/team/');
      assert.equal(u.Arn, `arn:aws:iam::${ACCOUNT}:user/division/team/pathed`);
    });
  });

  describe('validation', () => {
    test('returns ValidationError for a name with characters IAM does not allow', async () => {
      await assert.rejects(env.iam.send(new CreateUserCommand({ UserName: 'bad name' })), { name: 'ValidationError' });
    });

    test('returns InvalidInput for the same tag key twice, in any case', async () => {
      await rejectsWith(
        env.iam.send(new CreateUserCommand({ UserName: 'dup-tags', Tags: [{ Key: 'Env', Value: 'a' }, { Key: 'env', Value: 'b' }] })),
        'InvalidInput',
        'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
        400,
      );
    });

    test('returns ValidationError for a permissions boundary, which logseal does not implement', async () => {
      await rejectsWith(
        env.iam.send(new CreateUserCommand({ UserName: 'bounded', PermissionsBoundary: `arn:aws:iam::${ACCOUNT}:policy/b` })),
        'ValidationError',
        'Permissions boundaries are not supported by this endpoint.',
      );
    });
  });

  describe('behaviour', () => {
    test('returns EntityAlreadyExists for an existing name, whatever its case', async () => {
      await env.iam.send(new CreateUserCommand({ UserName: 'bob' }));
      await rejectsWith(env.iam.send(new CreateUserCommand({ UserName: 'bob' })), 'EntityAlreadyExists', 'User with name bob already exists.', 409);
      await rejectsWith(env.iam.send(new CreateUserCommand({ UserName: 'BOB' })), 'EntityAlreadyExists', 'User with name BOB already exists.', 409);
    });

    test('the new user can be read back, and survives a restart', async () => {
      await env.iam.send(new CreateUserCommand({ UserName: 'durable' }));
      await env.restart();
      const u = (await env.iam.send(new GetUserCommand({ UserName: 'durable' }))).User!;
      assert.equal(u.Arn, `arn:aws:iam::${ACCOUNT}:user/durable`);
    });
  });
});
