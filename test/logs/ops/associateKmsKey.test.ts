import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AssociateKmsKeyCommand, DescribeLogGroupsCommand, GetLogEventsCommand, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { CancelKeyDeletionCommand, DisableKeyCommand, EnableKeyCommand, PutKeyPolicyCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { devAccount, devCreds } from '../../helpers/server.js';
import { createGroupAndStream, createKey, logsKeyPolicy, put, REGION, sdkError, startLogsEnv, type LogsEnv } from '../helpers.js';

const groupArn = (name: string) => `arn:aws:logs:${REGION}:${devAccount}:log-group:${name}`;
const DATA_KEY_MAX_AGE_MS = 60_000;

describe('AssociateKmsKey', () => {
  let env: LogsEnv;
  before(async () => {
    env = await startLogsEnv();
  });
  after(() => env.dispose());

  const keyOf = async (name: string) => (await env.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }))).logGroups![0]!.kmsKeyId;
  const read = (group: string, startTime?: number, logs: CloudWatchLogsClient = env.logs) =>
    logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: 's', startFromHead: true, startTime }));
  const unavailable = (key: string, group: string, cause: string) =>
    `The KMS key ${key} that encrypts data of LogGroup '${groupArn(group)}' cannot be used: ${cause}`;

  describe('serialization', () => {
    test('answers an empty body and DescribeLogGroups shows the key', async () => {
      await createGroupAndStream(env.logs, 'assoc/ser', 's');
      const key = await createKey(env.kms, { policy: logsKeyPolicy() });
      const out = await env.logs.send(new AssociateKmsKeyCommand({ logGroupName: 'assoc/ser', kmsKeyId: key }));
      assert.deepEqual(Object.keys(out).filter((k) => k !== '$metadata'), []);
      assert.equal(await keyOf('assoc/ser'), key);
    });
  });

  describe('validation', () => {
    test('returns ResourceNotFoundException for an unknown group', async () => {
      const key = await createKey(env.kms, { policy: logsKeyPolicy() });
      const e = await sdkError(env.logs.send(new AssociateKmsKeyCommand({ logGroupName: 'assoc/none', kmsKeyId: key })));
      assert.deepEqual(e, { name: 'ResourceNotFoundException', message: 'The specified log group does not exist.', status: 400 });
    });

    test('says an ARN is needed when given a key id', async () => {
      await createGroupAndStream(env.logs, 'assoc/id', 's');
      const key = await createKey(env.kms, { policy: logsKeyPolicy() });
      const keyId = key.slice(key.lastIndexOf('/') + 1);
      const e = await sdkError(env.logs.send(new AssociateKmsKeyCommand({ logGroupName: 'assoc/id', kmsKeyId: keyId })));
      assert.equal(e.name, 'InvalidParameterException');
      assert.equal(e.message, `Invalid kmsKeyId '${keyId}': CloudWatch Logs needs the ARN of a KMS key (arn:aws:kms:REGION:ACCOUNT_ID:key/KEY_ID), not a key ID or an alias.`);
    });

    test('takes the group as resourceIdentifier, but not together with logGroupName, and not another account\'s query results', async () => {
      await createGroupAndStream(env.logs, 'assoc/res', 's');
      const key = await createKey(env.kms, { policy: logsKeyPolicy() });
      await env.logs.send(new AssociateKmsKeyCommand({ resourceIdentifier: groupArn('assoc/res'), kmsKeyId: key }));
      assert.equal(await keyOf('assoc/res'), key);
      const both = await sdkError(env.logs.send(new AssociateKmsKeyCommand({ logGroupName: 'assoc/res', resourceIdentifier: groupArn('assoc/res'), kmsKeyId: key })));
      assert.deepEqual(both, { name: 'InvalidParameterException', message: 'LogGroup name and resource identifier are mutually exclusive parameters.', status: 400 });
      const neither = await sdkError(env.logs.send(new AssociateKmsKeyCommand({ kmsKeyId: key })));
      assert.deepEqual(neither, { name: 'InvalidParameterException', message: 'Either LogGroup name or resource identifier must be specified.', status: 400 });
      const queries = `arn:aws:logs:${REGION}:111122223333:query-result:*`;
      const q = await sdkError(env.logs.send(new AssociateKmsKeyCommand({ resourceIdentifier: queries, kmsKeyId: key })));
      assert.deepEqual(q, { name: 'InvalidParameterException', message: `Unsupported resource identifier: ${queries}`, status: 400 });
    });
  });

  describe('behaviour', () => {
    test('is refused while the key policy lacks CloudWatch Logs, and works once the policy is fixed', async () => {
      await createGroupAndStream(env.logs, 'assoc/policy', 's');
      const key = await createKey(env.kms);
      const e = await sdkError(env.logs.send(new AssociateKmsKeyCommand({ logGroupName: 'assoc/policy', kmsKeyId: key })));
      assert.deepEqual(e, {
        name: 'AccessDeniedException',
        message: `The specified KMS key does not exist or is not allowed to be used with LogGroup '${groupArn('assoc/policy')}'`,
        status: 400,
      });
      assert.equal(await keyOf('assoc/policy'), undefined);
      await env.kms.send(new PutKeyPolicyCommand({ KeyId: key, PolicyName: 'default', Policy: logsKeyPolicy() }));
      await env.logs.send(new AssociateKmsKeyCommand({ logGroupName: 'assoc/policy', kmsKeyId: key }));
      assert.equal(await keyOf('assoc/policy'), key);
    });

    test('a new association encrypts new data under the new key while old data keeps its key', async () => {
      await createGroupAndStream(env.logs, 'assoc/switch', 's');
      const keyA = await createKey(env.kms, { policy: logsKeyPolicy() });
      const keyB = await createKey(env.kms, { policy: logsKeyPolicy() });
      const t = env.clock.now();
      await env.logs.send(new AssociateKmsKeyCommand({ logGroupName: 'assoc/switch', kmsKeyId: keyA }));
      await put(env.logs, 'assoc/switch', 's', [{ timestamp: t - 1000, message: 'under A' }]);
      await env.logs.send(new AssociateKmsKeyCommand({ logGroupName: 'assoc/switch', kmsKeyId: keyB }));
      assert.equal(await keyOf('assoc/switch'), keyB);
      await put(env.logs, 'assoc/switch', 's', [{ timestamp: t, message: 'under B' }]);
      assert.deepEqual((await read('assoc/switch')).events!.map((e) => e.message), ['under A', 'under B']);

      await env.kms.send(new DisableKeyCommand({ KeyId: keyA }));
      const e = await sdkError(read('assoc/switch'));
      assert.deepEqual(e, { name: 'AccessDeniedException', message: unavailable(keyA, 'assoc/switch', `DisabledException: ${keyA} is disabled.`), status: 400 });
      assert.deepEqual((await read('assoc/switch', t)).events!.map((m) => m.message), ['under B'], 'data under B stays readable');
      await env.kms.send(new EnableKeyCommand({ KeyId: keyA }));
      assert.equal((await read('assoc/switch')).events!.length, 2);
    });

    test('reads fail while the key is disabled or its policy drops CloudWatch Logs, and work again after', async () => {
      await createGroupAndStream(env.logs, 'assoc/disable', 's');
      const key = await createKey(env.kms, { policy: logsKeyPolicy() });
      await env.logs.send(new AssociateKmsKeyCommand({ logGroupName: 'assoc/disable', kmsKeyId: key }));
      await put(env.logs, 'assoc/disable', 's', [{ timestamp: env.clock.now(), message: 'secret' }]);

      await env.kms.send(new DisableKeyCommand({ KeyId: key }));
      const disabled = await sdkError(read('assoc/disable'));
      assert.deepEqual(disabled, { name: 'AccessDeniedException', message: unavailable(key, 'assoc/disable', `DisabledException: ${key} is disabled.`), status: 400 });
      await env.kms.send(new EnableKeyCommand({ KeyId: key }));
      assert.deepEqual((await read('assoc/disable')).events!.map((e) => e.message), ['secret']);

      const rootOnly = JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${devAccount}:root` }, Action: 'kms:*', Resource: '*' }],
      });
      await env.kms.send(new PutKeyPolicyCommand({ KeyId: key, PolicyName: 'default', Policy: rootOnly }));
      const denied = await sdkError(read('assoc/disable'));
      assert.equal(denied.name, 'AccessDeniedException');
      assert.ok(denied.message.startsWith(unavailable(key, 'assoc/disable', 'AccessDeniedException: User: logs.us-east-1.amazonaws.com is not authorized to perform: kms:Decrypt')), denied.message);
      await env.kms.send(new PutKeyPolicyCommand({ KeyId: key, PolicyName: 'default', Policy: logsKeyPolicy() }));
      assert.equal((await read('assoc/disable')).events!.length, 1);
    });

    test('writes fail once the disabled key is needed for a new data key', async () => {
      await createGroupAndStream(env.logs, 'assoc/write', 's');
      const key = await createKey(env.kms, { policy: logsKeyPolicy() });
      await env.logs.send(new AssociateKmsKeyCommand({ logGroupName: 'assoc/write', kmsKeyId: key }));
      await put(env.logs, 'assoc/write', 's', [{ timestamp: env.clock.now(), message: 'before' }]);
      await env.kms.send(new DisableKeyCommand({ KeyId: key }));
      env.clock.advance(DATA_KEY_MAX_AGE_MS + 1);
      const { logs, kms } = env.clients(devCreds);
      const e = await sdkError(put(logs, 'assoc/write', 's', [{ timestamp: env.clock.now(), message: 'after' }]));
      assert.deepEqual(e, { name: 'AccessDeniedException', message: unavailable(key, 'assoc/write', `DisabledException: ${key} is disabled.`), status: 400 });
      await kms.send(new EnableKeyCommand({ KeyId: key }));
      await put(logs, 'assoc/write', 's', [{ timestamp: env.clock.now(), message: 'after' }]);
      assert.deepEqual((await read('assoc/write', undefined, logs)).events!.map((m) => m.message), ['before', 'after']);
    });

    test('reads fail while the key is pending deletion, and the data is lost for good once it is deleted', async () => {
      await createGroupAndStream(env.logs, 'assoc/delete', 's');
      const key = await createKey(env.kms, { policy: logsKeyPolicy() });
      await env.logs.send(new AssociateKmsKeyCommand({ logGroupName: 'assoc/delete', kmsKeyId: key }));
      await put(env.logs, 'assoc/delete', 's', [{ timestamp: env.clock.now(), message: 'doomed' }]);

      await env.kms.send(new ScheduleKeyDeletionCommand({ KeyId: key, PendingWindowInDays: 7 }));
      const pending = await sdkError(read('assoc/delete'));
      assert.deepEqual(pending, {
        name: 'AccessDeniedException',
        message: unavailable(key, 'assoc/delete', `KMSInvalidStateException: ${key} is pending deletion.`),
        status: 400,
      });
      await env.kms.send(new CancelKeyDeletionCommand({ KeyId: key }));
      await env.kms.send(new EnableKeyCommand({ KeyId: key }));
      assert.equal((await read('assoc/delete')).events!.length, 1);

      await env.kms.send(new ScheduleKeyDeletionCommand({ KeyId: key, PendingWindowInDays: 7 }));
      env.clock.advance(8 * 24 * 3_600_000);
      await env.runTask('kms-scheduler');
      const { logs } = env.clients(devCreds);
      const gone = await sdkError(read('assoc/delete', undefined, logs));
      assert.deepEqual(gone, { name: 'AccessDeniedException', message: unavailable(key, 'assoc/delete', `NotFoundException: Key '${key}' does not exist`), status: 400 });
    });
  });
});
