import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { GetCallerIdentityCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts';
import { OffsetClock } from '../../../src/common/clock.js';
import { rejectsWith, startIam, userWithKey, type IamTestEnv } from '../ops/iamFixtures.js';

const DAY = 24 * 3600 * 1000;

describe('STS session purge', () => {
  let env: IamTestEnv;
  const clock = new OffsetClock();
  before(async () => {
    env = await startIam({ clock });
  });
  after(() => env.dispose());

  test('expired sessions are kept a week, so callers learn the token expired, then purged', async () => {
    const alice = await userWithKey(env.iam, 'alice');
    const c = (await env.sts(alice).send(new GetSessionTokenCommand({ DurationSeconds: 900 }))).Credentials!;
    const creds = { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
    const purge = env.srv.server.app.background.find((t) => t.name === 'sts-session-purge')!;
    assert.ok(purge, 'the purge task is scheduled');

    clock.advance(6 * DAY);
    await purge.runOnce();
    await rejectsWith(env.sts(creds).send(new GetCallerIdentityCommand({})), 'ExpiredToken', 'The security token included in the request is expired');

    clock.advance(2 * DAY);
    await purge.runOnce();
    assert.equal(await env.srv.server.app.store.iam.getSession(c.AccessKeyId!), undefined);
  });
});
