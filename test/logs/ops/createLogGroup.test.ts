import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateLogGroupCommand, DescribeLogGroupsCommand, ListTagsLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DisableKeyCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { devAccount } from '../../helpers/server.js';
import { createKey, logsKeyPolicy, REGION, sdkError, startLogsEnv, type LogsEnv } from '../helpers.js';

const groupArn = (name: string, account = devAccount) => `arn:aws:logs:${REGION}:${account}:log-group:${name}`;

describe('CreateLogGroup', () => {
  let env: LogsEnv;
  before(async () => {
    env = await startLogsEnv();
  });
  after(() => env.dispose());

  const describeGroup = async (name: string) =>
    (await env.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }))).logGroups!.find((g) => g.logGroupName === name);

  describe('serialization', () => {
    test('answers an empty body and the group shows up with both ARN forms and the standard class', async () => {
      const out = await env.logs.send(new CreateLogGroupCommand({ logGroupName: 'create/plain' }));
      assert.deepEqual(Object.keys(out).filter((k) => k !== '$metadata'), []);
      const g = await describeGroup('create/plain');
      assert.equal(g?.arn, `${groupArn('create/plain')}:*`);
      assert.equal(g?.logGroupArn, groupArn('create/plain'));
      assert.equal(g?.logGroupClass, 'STANDARD');
      assert.equal(g?.storedBytes, 0);
      assert.equal(g?.kmsKeyId, undefined);
      assert.equal(g?.retentionInDays, undefined);
      assert.equal(typeof g?.creationTime, 'number');
    });

    test('keeps the log group class and tags given at creation', async () => {
      await env.logs.send(new CreateLogGroupCommand({ logGroupName: 'create/ia', logGroupClass: 'INFREQUENT_ACCESS', tags: { team: 'core', env: 'dev' } }));
      assert.equal((await describeGroup('create/ia'))?.logGroupClass, 'INFREQUENT_ACCESS');
      const tags = await env.logs.send(new ListTagsLogGroupCommand({ logGroupName: 'create/ia' }));
      assert.deepEqual(tags.tags, { team: 'core', env: 'dev' });
    });
  });

  describe('validation', () => {
    test('returns ResourceAlreadyExistsException for an existing name', async () => {
      await env.logs.send(new CreateLogGroupCommand({ logGroupName: 'create/twice' }));
      const e = await sdkError(env.logs.send(new CreateLogGroupCommand({ logGroupName: 'create/twice' })));
      assert.deepEqual(e, { name: 'ResourceAlreadyExistsException', message: 'The specified log group already exists', status: 400 });
    });

    test("refuses names starting with 'aws/'", async () => {
      const e = await sdkError(env.logs.send(new CreateLogGroupCommand({ logGroupName: 'aws/mine' })));
      assert.deepEqual(e, { name: 'InvalidParameterException', message: "Log group names can't start with the string 'aws/'.", status: 400 });
    });

    test('refuses tag keys in the aws: namespace', async () => {
      const e = await sdkError(env.logs.send(new CreateLogGroupCommand({ logGroupName: 'create/awstag', tags: { 'aws:x': 'y' } })));
      assert.deepEqual(e, { name: 'InvalidParameterException', message: 'Tag keys beginning with aws: are reserved.', status: 400 });
      assert.equal(await describeGroup('create/awstag'), undefined);
    });

    test('returns LimitExceededException once the account has as many groups as its quota, and creates nothing', async () => {
      const core = env.srv.server.app.logs;
      const saved = core.maxLogGroups;
      const existing = (await env.logs.send(new DescribeLogGroupsCommand({}))).logGroups!.length;
      core.maxLogGroups = existing + 1;
      try {
        await env.logs.send(new CreateLogGroupCommand({ logGroupName: 'create/quota-last' }));
        const e = await sdkError(env.logs.send(new CreateLogGroupCommand({ logGroupName: 'create/quota-over' })));
        assert.deepEqual(e, { name: 'LimitExceededException', message: 'Resource limit exceeded.', status: 400 });
        assert.equal(await describeGroup('create/quota-over'), undefined);
      } finally {
        core.maxLogGroups = saved;
      }
    });
  });

  describe('behaviour with a customer key', () => {
    test('associates a key whose policy lets CloudWatch Logs of the region use it', async () => {
      const key = await createKey(env.kms, { policy: logsKeyPolicy() });
      await env.logs.send(new CreateLogGroupCommand({ logGroupName: 'create/kms', kmsKeyId: key }));
      assert.equal((await describeGroup('create/kms'))?.kmsKeyId, key);
    });

    test("accepts the documented policy restricting the key to the group's encryption context", async () => {
      const name = 'create/kms-context';
      const key = await createKey(env.kms, { policy: logsKeyPolicy(devAccount, REGION, { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': groupArn(name) } }) });
      await env.logs.send(new CreateLogGroupCommand({ logGroupName: name, kmsKeyId: key }));
      assert.equal((await describeGroup(name))?.kmsKeyId, key);
      const other = await sdkError(env.logs.send(new CreateLogGroupCommand({ logGroupName: 'create/kms-context-other', kmsKeyId: key })));
      assert.equal(other.name, 'AccessDeniedException');
    });

    test('says an ARN is needed when given a key id or an alias', async () => {
      const key = await createKey(env.kms, { policy: logsKeyPolicy() });
      const keyId = key.slice(key.lastIndexOf('/') + 1);
      for (const id of [keyId, 'alias/logs', `arn:aws:kms:${REGION}:${devAccount}:alias/logs`]) {
        const e = await sdkError(env.logs.send(new CreateLogGroupCommand({ logGroupName: 'create/by-id', kmsKeyId: id })));
        assert.deepEqual(e, {
          name: 'InvalidParameterException',
          message: `Invalid kmsKeyId '${id}': CloudWatch Logs needs the ARN of a KMS key (arn:aws:kms:REGION:ACCOUNT_ID:key/KEY_ID), not a key ID or an alias.`,
          status: 400,
        });
      }
      assert.equal(await describeGroup('create/by-id'), undefined);
    });

    test('returns InvalidParameterException for a key that does not exist', async () => {
      const missing = `arn:aws:kms:${REGION}:${devAccount}:key/11111111-2222-3333-4444-555555555555`;
      const e = await sdkError(env.logs.send(new CreateLogGroupCommand({ logGroupName: 'create/missing-key', kmsKeyId: missing })));
      assert.deepEqual(e, { name: 'InvalidParameterException', message: 'The specified KMS Key Id could not be found.', status: 400 });
    });

    test('returns InvalidParameterException for a disabled key or one pending deletion', async () => {
      const disabled = await createKey(env.kms, { policy: logsKeyPolicy() });
      await env.kms.send(new DisableKeyCommand({ KeyId: disabled }));
      const e = await sdkError(env.logs.send(new CreateLogGroupCommand({ logGroupName: 'create/disabled', kmsKeyId: disabled })));
      assert.deepEqual(e, { name: 'InvalidParameterException', message: `The specified KMS key cannot be used: ${disabled} is disabled.`, status: 400 });

      const doomed = await createKey(env.kms, { policy: logsKeyPolicy() });
      await env.kms.send(new ScheduleKeyDeletionCommand({ KeyId: doomed, PendingWindowInDays: 7 }));
      const d = await sdkError(env.logs.send(new CreateLogGroupCommand({ logGroupName: 'create/doomed', kmsKeyId: doomed })));
      assert.deepEqual(d, { name: 'InvalidParameterException', message: `The specified KMS key cannot be used: ${doomed} is pending deletion.`, status: 400 });
    });

    test('refuses an asymmetric key', async () => {
      const rsa = await createKey(env.kms, { policy: logsKeyPolicy(), keySpec: 'RSA_2048', keyUsage: 'ENCRYPT_DECRYPT' });
      const e = await sdkError(env.logs.send(new CreateLogGroupCommand({ logGroupName: 'create/rsa', kmsKeyId: rsa })));
      assert.deepEqual(e, {
        name: 'InvalidParameterException',
        message: `CloudWatch Logs supports only symmetric encryption KMS keys; ${rsa} has key spec RSA_2048 and key usage ENCRYPT_DECRYPT.`,
        status: 400,
      });
    });

    test('returns AccessDeniedException naming the group when the key policy does not allow CloudWatch Logs', async () => {
      const key = await createKey(env.kms);
      const e = await sdkError(env.logs.send(new CreateLogGroupCommand({ logGroupName: 'create/denied', kmsKeyId: key })));
      assert.deepEqual(e, {
        name: 'AccessDeniedException',
        message: `The specified KMS key does not exist or is not allowed to be used with LogGroup '${groupArn('create/denied')}'`,
        status: 400,
      });
      assert.equal(await describeGroup('create/denied'), undefined);
    });

    test("returns AccessDeniedException when the policy names another region's CloudWatch Logs", async () => {
      const key = await createKey(env.kms, { policy: logsKeyPolicy(devAccount, 'eu-west-1') });
      const e = await sdkError(env.logs.send(new CreateLogGroupCommand({ logGroupName: 'create/other-region', kmsKeyId: key })));
      assert.deepEqual(e, {
        name: 'AccessDeniedException',
        message: `The specified KMS key does not exist or is not allowed to be used with LogGroup '${groupArn('create/other-region')}'`,
        status: 400,
      });
    });

    test("uses another account's key when its policy allows CloudWatch Logs", async () => {
      const other = await env.srv.server.app.accounts.createAccount();
      const otherKey = await env.srv.server.app.accounts.createRootAccessKey(other);
      const { kms } = env.clients({ accessKeyId: otherKey.accessKeyId, secretAccessKey: otherKey.secretAccessKey });
      const key = await createKey(kms, { policy: logsKeyPolicy(other) });
      assert.ok(key.includes(`:${other}:key/`));
      await env.logs.send(new CreateLogGroupCommand({ logGroupName: 'create/cross-account', kmsKeyId: key }));
      assert.equal((await describeGroup('create/cross-account'))?.kmsKeyId, key);
    });
  });
});
