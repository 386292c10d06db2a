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
    await createGroupAndStream(env.logs, 'utf8', 's');
    await put(env.logs, 'utf8', 's', [{ timestamp: env.clock.now(), message: 'héllo 日本' }]);
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

    test('leaves out retentionInDays and kmsKeyId for a group without them, and counts storedBytes in UTF-8', async () => {
      const [g] = (await env.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: 'utf8' }))).logGroups!;
      assert.equal(g!.storedBytes, 13);
      assert.equal('retentionInDays' in g!, false);
      assert.equal('kmsKeyId' in g!, false);
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

    test('refuses logGroupIdentifiers together with a prefix, a pattern or a class', async () => {
      const message = 'logGroupIdentifiers cannot be combined with logGroupNamePrefix, logGroupNamePattern or logGroupClass.';
      for (const other of [{ logGroupNamePrefix: 'db' }, { logGroupNamePattern: 'db' }, { logGroupClass: 'STANDARD' as const }]) {
        const e = await sdkError(env.logs.send(new DescribeLogGroupsCommand({ logGroupIdentifiers: ['db/main'], ...other })));
        assert.deepEqual(e, { name: 'InvalidParameterException', message, status: 400 });
      }
    });

    test('refuses a limit above 50 with the model validation message', async () => {
      const e = await sdkError(env.logs.send(new DescribeLogGroupsCommand({ limit: 51 })));
      assert.deepEqual(e, {
        name: 'InvalidParameterException',
        message: "1 validation error detected: Value '51' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 50",
        status: 400,
      });
    });

    test('refuses a malformed token', async () => {
      const e = await sdkError(env.logs.send(new DescribeLogGroupsCommand({ nextToken: 'bogus!' })));
      assert.deepEqual(e, { name: 'InvalidParameterException', message: 'The specified nextToken is invalid.', status: 400 });
    });
  });

  describe('behaviour', () => {
    test('lists groups ASCII-sorted by name', async () => {
      assert.deepEqual(await names({}), ['DataLogs', 'app/api', 'app/cold', 'app/web', 'db/main', 'enc', 'utf8', 'x/DataLogs/y']);
    });

    test('filters by prefix, case-sensitive substring pattern, class and identifiers', async () => {
      assert.deepEqual(await names({ logGroupNamePrefix: 'app/' }), ['app/api', 'app/cold', 'app/web']);
      assert.deepEqual(await names({ logGroupNamePattern: 'DataLogs' }), ['DataLogs', 'x/DataLogs/y']);
      assert.deepEqual(await names({ logGroupNamePattern: 'datalogs' }), []);
      assert.deepEqual(await names({ logGroupClass: 'INFREQUENT_ACCESS' }), ['app/cold']);
      assert.deepEqual(await names({ logGroupIdentifiers: ['db/main', arn('enc'), 'missing'] }), ['db/main', 'enc']);
      // An ARN of another account or region names none of the caller's groups.
      const foreign = [arn('db/main').replace(devAccount, '123456789012'), arn('enc').replace(REGION, 'eu-west-1')];
      assert.deepEqual(await names({ logGroupIdentifiers: foreign }), []);
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
