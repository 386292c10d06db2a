import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateLogGroupCommand, ListTagsForResourceCommand, TagLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { devAccount } from '../../helpers/server.js';
import { REGION, sdkError, startLogsEnv, type LogsEnv } from '../helpers.js';

describe('TagLogGroup', () => {
  let env: LogsEnv;
  before(async () => {
    env = await startLogsEnv();
    await env.logs.send(new CreateLogGroupCommand({ logGroupName: 'tlg', tags: { env: 'dev' } }));
  });
  after(() => env.dispose());

  describe('serialization', () => {
    test('answers an empty body', async () => {
      const out = await env.logs.send(new TagLogGroupCommand({ logGroupName: 'tlg', tags: { a: '1' } }));
      assert.deepEqual(Object.keys(out).filter((k) => k !== '$metadata'), []);
    });
  });

  describe('validation', () => {
    test('returns ResourceNotFoundException for an unknown group', async () => {
      const e = await sdkError(env.logs.send(new TagLogGroupCommand({ logGroupName: 'none', tags: { a: '1' } })));
      assert.deepEqual(e, { name: 'ResourceNotFoundException', message: 'The specified log group does not exist.', status: 400 });
    });
  });

  describe('behaviour', () => {
    test('merges tags, visible through the ARN-based API too', async () => {
      await env.logs.send(new TagLogGroupCommand({ logGroupName: 'tlg', tags: { env: 'prod', b: '2' } }));
      const out = await env.logs.send(new ListTagsForResourceCommand({ resourceArn: `arn:aws:logs:${REGION}:${devAccount}:log-group:tlg` }));
      assert.deepEqual(out.tags, { env: 'prod', a: '1', b: '2' });
    });
  });
});
