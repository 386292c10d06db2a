import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateLogGroupCommand, ListTagsForResourceCommand, UntagResourceCommand } from '@aws-sdk/client-cloudwatch-logs';
import { devAccount } from '../../helpers/server.js';
import { REGION, sdkError, startLogsEnv, type LogsEnv } from '../helpers.js';

const arn = (name: string) => `arn:aws:logs:${REGION}:${devAccount}:log-group:${name}`;

describe('UntagResource', () => {
  let env: LogsEnv;
  before(async () => {
    env = await startLogsEnv();
    await env.logs.send(new CreateLogGroupCommand({ logGroupName: 'untag', tags: { a: '1', b: '2', c: '3' } }));
  });
  after(() => env.dispose());

  describe('serialization', () => {
    test('answers an empty body', async () => {
      const out = await env.logs.send(new UntagResourceCommand({ resourceArn: arn('untag'), tagKeys: ['zzz'] }));
      assert.deepEqual(Object.keys(out).filter((k) => k !== '$metadata'), []);
    });
  });

  describe('validation', () => {
    test('returns ResourceNotFoundException for an unknown group', async () => {
      const e = await sdkError(env.logs.send(new UntagResourceCommand({ resourceArn: arn('none'), tagKeys: ['a'] })));
      assert.deepEqual(e, { name: 'ResourceNotFoundException', message: 'The specified log group does not exist.', status: 400 });
    });
  });

  describe('behaviour', () => {
    test('removes the named keys and ignores keys the group does not have', async () => {
      await env.logs.send(new UntagResourceCommand({ resourceArn: arn('untag'), tagKeys: ['a', 'c', 'missing'] }));
      const out = await env.logs.send(new ListTagsForResourceCommand({ resourceArn: arn('untag') }));
      assert.deepEqual(out.tags, { b: '2' });
    });
  });
});
