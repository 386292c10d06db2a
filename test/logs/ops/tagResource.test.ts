import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateLogGroupCommand, ListTagsForResourceCommand, TagResourceCommand } from '@aws-sdk/client-cloudwatch-logs';
import { devAccount } from '../../helpers/server.js';
import { REGION, sdkError, startLogsEnv, type LogsEnv } from '../helpers.js';

const arn = (name: string, account = devAccount, region = REGION) => `arn:aws:logs:${region}:${account}:log-group:${name}`;

describe('TagResource', () => {
  let env: LogsEnv;
  before(async () => {
    env = await startLogsEnv();
    await env.logs.send(new CreateLogGroupCommand({ logGroupName: 'tag', tags: { env: 'dev' } }));
  });
  after(() => env.dispose());

  const tagsOf = async (name: string) => (await env.logs.send(new ListTagsForResourceCommand({ resourceArn: arn(name) }))).tags;

  describe('serialization', () => {
    test('answers an empty body', async () => {
      const out = await env.logs.send(new TagResourceCommand({ resourceArn: arn('tag'), tags: { a: '1' } }));
      assert.deepEqual(Object.keys(out).filter((k) => k !== '$metadata'), []);
    });
  });

  describe('validation', () => {
    test('returns ResourceNotFoundException for a group that does not exist here', async () => {
      for (const resourceArn of [arn('none'), arn('tag', '123456789012'), arn('tag', devAccount, 'eu-west-1')]) {
        const e = await sdkError(env.logs.send(new TagResourceCommand({ resourceArn, tags: { a: '1' } })));
        assert.deepEqual(e, { name: 'ResourceNotFoundException', message: 'The specified log group does not exist.', status: 400 });
      }
    });

    test('refuses a resource that is not an ARN', async () => {
      const e = await sdkError(env.logs.send(new TagResourceCommand({ resourceArn: 'tag', tags: { a: '1' } })));
      assert.deepEqual(e, { name: 'InvalidParameterException', message: 'Invalid resource ARN: tag', status: 400 });
    });

    test('refuses more than 50 tags on a resource', async () => {
      await env.logs.send(new CreateLogGroupCommand({ logGroupName: 'tag/many' }));
      const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v']));
      await env.logs.send(new TagResourceCommand({ resourceArn: arn('tag/many'), tags: fifty }));
      await env.logs.send(new TagResourceCommand({ resourceArn: arn('tag/many'), tags: { k0: 'changed' } }));
      const e = await sdkError(env.logs.send(new TagResourceCommand({ resourceArn: arn('tag/many'), tags: { extra: 'v' } })));
      assert.deepEqual(e, { name: 'TooManyTagsException', message: 'A resource can have no more than 50 tags.', status: 400 });
      assert.equal(Object.keys((await tagsOf('tag/many'))!).length, 50);
    });
  });

  describe('behaviour', () => {
    test('adds tags and replaces the value of existing keys', async () => {
      await env.logs.send(new TagResourceCommand({ resourceArn: arn('tag'), tags: { env: 'prod', team: 'core' } }));
      assert.deepEqual(await tagsOf('tag'), { env: 'prod', a: '1', team: 'core' });
    });
  });
});
