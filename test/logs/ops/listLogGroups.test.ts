import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateLogGroupCommand, ListLogGroupsCommand, type ListLogGroupsCommandInput } from '@aws-sdk/client-cloudwatch-logs';
import { devAccount } from '../../helpers/server.js';
import { REGION, sdkError, startLogsEnv, type LogsEnv } from '../helpers.js';

describe('ListLogGroups', () => {
  let env: LogsEnv;
  const names = ['/aws/lambda/a', '/aws/lambda/b', 'app/discovery', 'app/web', 'batch/jobs'];

  before(async () => {
    env = await startLogsEnv();
    for (const n of names) {
      await env.logs.send(
        new CreateLogGroupCommand({ logGroupName: n, tags: n.startsWith('app') ? { team: n.slice(4) } : undefined, logGroupClass: n === 'batch/jobs' ? 'INFREQUENT_ACCESS' : undefined }),
      );
    }
  });
  after(() => env.dispose());

  const list = async (input: ListLogGroupsCommandInput) => (await env.logs.send(new ListLogGroupsCommand(input))).logGroups!.map((g) => g.logGroupName);

  test('lists every group by name with its ARN and class', async () => {
    const out = await env.logs.send(new ListLogGroupsCommand({}));
    assert.deepEqual(out.logGroups![0], { logGroupName: '/aws/lambda/a', logGroupArn: `arn:aws:logs:${REGION}:${devAccount}:log-group:/aws/lambda/a`, logGroupClass: 'STANDARD' });
    assert.deepEqual(out.logGroups!.map((g) => g.logGroupName), names);
    assert.equal(out.nextToken, undefined);
  });

  test('logGroupNamePattern: ^ for a prefix, a substring otherwise, | between alternatives, case-sensitive', async () => {
    assert.deepEqual(await list({ logGroupNamePattern: '^/aws/lambda|discovery' }), ['/aws/lambda/a', '/aws/lambda/b', 'app/discovery']);
    assert.deepEqual(await list({ logGroupNamePattern: 'web' }), ['app/web']);
    assert.deepEqual(await list({ logGroupNamePattern: 'WEB' }), []);
  });

  test('filters by class and by tags', async () => {
    assert.deepEqual(await list({ logGroupClass: 'INFREQUENT_ACCESS' }), ['batch/jobs']);
    assert.deepEqual(await list({ logGroupTags: [{ key: 'team' }] }), ['app/discovery', 'app/web']);
    assert.deepEqual(await list({ logGroupTags: [{ key: 'team', values: ['web'] }] }), ['app/web']);
  });

  test('pages with limit and nextToken without gaps or repeats', async () => {
    const seen: string[] = [];
    let nextToken: string | undefined;
    do {
      const out = await env.logs.send(new ListLogGroupsCommand({ limit: 2, nextToken }));
      assert.ok(out.logGroups!.length <= 2);
      seen.push(...out.logGroups!.map((g) => g.logGroupName!));
      nextToken = out.nextToken;
    } while (nextToken);
    assert.deepEqual(seen, names);
  });

  test('lists nothing for another account or for data sources and field indexes logseal does not have', async () => {
    assert.deepEqual(await list({ accountIdentifiers: ['999999999999'] }), []);
    assert.deepEqual(await list({ fieldIndexNames: ['requestId'] }), []);
  });

  test('returns InvalidParameterException for a pattern outside the model and for a token it did not issue', async () => {
    const bad = await sdkError(env.logs.send(new ListLogGroupsCommand({ logGroupNamePattern: 'ab' })));
    assert.equal(bad.name, 'InvalidParameterException');
    assert.match(bad.message, /Value 'ab' at 'logGroupNamePattern' failed to satisfy constraint: Member must have length greater than or equal to 3/);
    const token = await sdkError(env.logs.send(new ListLogGroupsCommand({ nextToken: 'bm9wZQ' })));
    assert.deepEqual(token, { name: 'InvalidParameterException', message: 'The specified nextToken is invalid.', status: 400 });
  });
});
