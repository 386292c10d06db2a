import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateLogGroupCommand, DescribeLogGroupsCommand, PutRetentionPolicyCommand, type DescribeLogGroupsCommandInput } from '@aws-sdk/client-cloudwatch-logs';
import { devAccount } from '../../helpers/server.js';
import { createKey, logsKeyPolicy, put, REGION, sdkError, startLogsEnv, createGroupAndStream, type LogsEnv } from '../helpers.js';

const arn = (name: string) => `arn:aws:logs:${REGION}:${devAccount}:log-group:${name}`;

describe('DescribeLogGroups', () => {
  let env: LogsEnv;
  let key: string;
  before(async () => {
    env = await startLogsEnv();
    key = await createKey(env.kms, { policy: logsKeyPolicy() });
    for (const n of ['app/web', 'app/api', 'db/main', 'DataLogs', 'x/DataLogs/y']) await env.logs.send(new CreateLogGroupCommand({ logGroupName: n }));
    await env.logs.send(new CreateLogGroupCommand({ logGroupName: 'app/cold', logGroupClass: 'INFREQUENT_ACCESS' }));
    await env.logs.send(new PutRetentionPolicyCommand({ logGroupName: 'app/api', retentionInDays: 14 }));
    await createGroupAndStream(env.logs, 'enc', 's', key);
    await put(env.logs, 'enc', 's', [{ timestamp: env.clock.now(), message: 'twelve bytes' }]);
  });
  after(() => env.dispose());

  const names = async (input: DescribeLogGroupsCommandInput) => (await env.logs.send(new DescribeLogGroupsCommand(input))).logGroups!.map((g) => g.logGroupName);

  describe('serialization', () => {
    test('shows retention, key, stored bytes, class and both ARNs', async () => {
      const [enc] = (await env.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: 'enc' }))).logGroups!;
      assert.deepEqual(
        { ...enc, creationTime: 0 },
        {
          logGroupName: 'enc',
          creationTime: 0,
          metricFilterCount: 0,
          arn: `${arn('enc')}:*`,
          storedBytes: 12,
          kmsKeyId: key,
          logGroupClass: 'STANDARD',
          logGroupArn: arn('enc'),
          deletionProtectionEnabled: false,
        },
      );
      const [api] = (await env.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: 'app/api' }))).logGroups!;
      assert.equal(api!.retentionInDays, 14);
    });

    test('shows only names, ARNs, class and creation time for a name pattern search', async () => {
      const [g] = (await env.logs.send(new DescribeLogGroupsCommand({ logGroupNamePattern: 'db/main' }))).logGroups!;
      assert.deepEqual(Object.keys(g!).sort(), ['arn', 'creationTime', 'logGroupArn', 'logGroupClass', 'logGroupName', 'metricFilterCount']);
    });
  });

  describe('validation', () => {
    test('refuses a prefix together with a pattern', async () => {
      const e = await sdkError(env.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: 'a', logGroupNamePattern: 'b' })));
      assert.deepEqual(e, { name: 'InvalidParameterException', message: 'LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.', status: 400 });
    });

    test('refuses a malformed token', async () => {
      const e = await sdkError(env.logs.send(new DescribeLogGroupsCommand({ nextToken: 'bogus!' })));
      assert.deepEqual(e, { name: 'InvalidParameterException', message: 'The specified nextToken is invalid.', status: 400 });
    });
  });

  describe('behaviour', () => {
    test('lists groups ASCII-sorted by name', async () => {
      assert.deepEqual(await names({}), ['DataLogs', 'app/api', 'app/cold', 'app/web', 'db/main', 'enc', 'x/DataLogs/y']);
    });

    test('filters by prefix, case-sensitive substring pattern, class and identifiers', async () => {
      assert.deepEqual(await names({ logGroupNamePrefix: 'app/' }), ['app/api', 'app/cold', 'app/web']);
      assert.deepEqual(await names({ logGroupNamePattern: 'DataLogs' }), ['DataLogs', 'x/DataLogs/y']);
      assert.deepEqual(await names({ logGroupNamePattern: 'datalogs' }), []);
      assert.deepEqual(await names({ logGroupClass: 'INFREQUENT_ACCESS' }), ['app/cold']);
      assert.deepEqual(await names({ logGroupIdentifiers: ['db/main', arn('enc'), 'missing'] }), ['db/main', 'enc']);
    });

    test('pages with limit and nextToken', async () => {
      const seen: (string | undefined)[] = [];
      let token: string | undefined;
      do {
        const out = await env.logs.send(new DescribeLogGroupsCommand({ limit: 3, nextToken: token }));
        assert.ok(out.logGroups!.length <= 3);
        seen.push(...out.logGroups!.map((g) => g.logGroupName));
        token = out.nextToken;
      } while (token);
      assert.deepEqual(seen, await names({}));
    });
  });
});
