import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateLogGroupCommand, ListTagsLogGroupCommand, UntagLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { sdkError, startLogsEnv, type LogsEnv } from '../helpers.js';

describe('UntagLogGroup', () => {
  let env: LogsEnv;
  before(async () => {
    env = await startLogsEnv();
    await env.logs.send(new CreateLogGroupCommand({ logGroupName: 'ulg', tags: { a: '1', b: '2' } }));
  });
  after(() => env.dispose());

  describe('serialization', () => {
    test('answers an empty body', async () => {
      const out = await env.logs.send(new UntagLogGroupCommand({ logGroupName: 'ulg', tags: ['zzz'] }));
      assert.deepEqual(Object.keys(out).filter((k) => k !== '$metadata'), []);
    });
  });

  describe('validation', () => {
    test('returns ResourceNotFoundException for an unknown group', async () => {
      const e = await sdkError(env.logs.send(new UntagLogGroupCommand({ logGroupName: 'none', tags: ['a'] })));
      assert.deepEqual(e, { name: 'ResourceNotFoundException', message: 'The specified log group does not exist.', status: 400 });
    });
  });

  describe('behaviour', () => {
    test('removes the named tag keys', async () => {
      await env.logs.send(new UntagLogGroupCommand({ logGroupName: 'ulg', tags: ['a'] }));
      assert.deepEqual((await env.logs.send(new ListTagsLogGroupCommand({ logGroupName: 'ulg' }))).tags, { b: '2' });
    });
  });
});
