import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateLogGroupCommand, ListTagsLogGroupCommand, TagResourceCommand } from '@aws-sdk/client-cloudwatch-logs';
import { devAccount } from '../../helpers/server.js';
import { REGION, sdkError, startLogsEnv, type LogsEnv } from '../helpers.js';

describe('ListTagsLogGroup', () => {
  let env: LogsEnv;
  before(async () => {
    env = await startLogsEnv();
    await env.logs.send(new CreateLogGroupCommand({ logGroupName: 'ltlg', tags: { env: 'dev' } }));
  });
  after(() => env.dispose());

  describe('serialization', () => {
    test('returns the tags as a map', async () => {
      assert.deepEqual((await env.logs.send(new ListTagsLogGroupCommand({ logGroupName: 'ltlg' }))).tags, { env: 'dev' });
    });
  });

  describe('validation', () => {
    test('returns ResourceNotFoundException for an unknown group', async () => {
      const e = await sdkError(env.logs.send(new ListTagsLogGroupCommand({ logGroupName: 'none' })));
      assert.deepEqual(e, { name: 'ResourceNotFoundException', message: 'The specified log group does not exist.', status: 400 });
    });
  });

  describe('behaviour', () => {
    test('shows tags added through TagResource', async () => {
      await env.logs.send(new TagResourceCommand({ resourceArn: `arn:aws:logs:${REGION}:${devAccount}:log-group:ltlg`, tags: { x: 'y' } }));
      assert.deepEqual((await env.logs.send(new ListTagsLogGroupCommand({ logGroupName: 'ltlg' }))).tags, { env: 'dev', x: 'y' });
    });
  });
});
