import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateLogGroupCommand, DeleteLogGroupCommand, ListTagsForResourceCommand } from '@aws-sdk/client-cloudwatch-logs';
import { devAccount } from '../../helpers/server.js';
import { REGION, sdkError, startLogsEnv, type LogsEnv } from '../helpers.js';

const arn = (name: string) => `arn:aws:logs:${REGION}:${devAccount}:log-group:${name}`;

describe('ListTagsForResource', () => {
  let env: LogsEnv;
  before(async () => {
    env = await startLogsEnv();
    await env.logs.send(new CreateLogGroupCommand({ logGroupName: 'list', tags: { env: 'dev' } }));
    await env.logs.send(new CreateLogGroupCommand({ logGroupName: 'list/bare' }));
  });
  after(() => env.dispose());

  describe('serialization', () => {
    test('returns the tags as a map, empty for a group without tags', async () => {
      assert.deepEqual((await env.logs.send(new ListTagsForResourceCommand({ resourceArn: arn('list') }))).tags, { env: 'dev' });
      assert.deepEqual((await env.logs.send(new ListTagsForResourceCommand({ resourceArn: arn('list/bare') }))).tags, {});
    });
  });

  describe('validation', () => {
    test('returns ResourceNotFoundException for an unknown group', async () => {
      const e = await sdkError(env.logs.send(new ListTagsForResourceCommand({ resourceArn: arn('none') })));
      assert.deepEqual(e, { name: 'ResourceNotFoundException', message: 'The specified log group does not exist.', status: 400 });
    });
  });

  describe('behaviour', () => {
    test('a group deleted and created again under the same name starts without the old tags', async () => {
      await env.logs.send(new DeleteLogGroupCommand({ logGroupName: 'list' }));
      await env.logs.send(new CreateLogGroupCommand({ logGroupName: 'list' }));
      assert.deepEqual((await env.logs.send(new ListTagsForResourceCommand({ resourceArn: arn('list') }))).tags, {});
    });
  });
});
