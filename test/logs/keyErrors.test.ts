/**
 * Errors about a log group's key name the cause (AWS's code and the start of its message kept), and writes agree with
 * reads on the key's state: once KMS no longer lets CloudWatch Logs use the key, PutLogEvents is refused within the
 * data-key reuse bound (DATA_KEY_MAX_AGE_MS, stated in the README).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DisableKeyCommand, PutKeyPolicyCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { DATA_KEY_MAX_AGE_MS } from '../../src/logs/dataKeys.js';
import { devAccount, devCreds } from '../helpers/server.js';
import { createGroupAndStream, createKey, logsKeyPolicy, put, REGION, sdkError, startLogsEnv, type LogsEnv } from './helpers.js';

describe('errors that name the cause of a refused key', () => {
  let env: LogsEnv;
  before(async () => {
    env = await startLogsEnv();
  });
  after(() => env.dispose());

  test('an asymmetric key the policy hides from DescribeKey: names the key and says CloudWatch Logs needs a symmetric key', async () => {
    const policy = JSON.parse(logsKeyPolicy());
    policy.Statement[1].Action = ['kms:Encrypt*', 'kms:Decrypt*', 'kms:GenerateDataKey*'];
    const rsa = await createKey(env.kms, { policy: JSON.stringify(policy), keySpec: 'RSA_2048', keyUsage: 'ENCRYPT_DECRYPT' });
    const e = await sdkError(env.logs.send(new CreateLogGroupCommand({ logGroupName: 'cause/rsa', kmsKeyId: rsa })));
    assert.deepEqual(e, {
      name: 'InvalidParameterException',
      message: `The specified KMS key cannot be used: You cannot generate a data key with an asymmetric CMK. ${rsa} is not a symmetric encryption key; CloudWatch Logs needs one (key spec SYMMETRIC_DEFAULT, key usage ENCRYPT_DECRYPT).`,
      status: 400,
    });
  });

  test('a key ARN of another region: says the key is of that region', async () => {
    const other = env.clients(devCreds, 'eu-west-1');
    const key = await createKey(other.kms, { policy: logsKeyPolicy(devAccount, 'eu-west-1') });
    const e = await sdkError(env.logs.send(new CreateLogGroupCommand({ logGroupName: 'cause/region', kmsKeyId: key })));
    assert.deepEqual(e, {
      name: 'InvalidParameterException',
      message: `The specified KMS Key Id could not be found. ${key} is a key of eu-west-1; CloudWatch Logs in ${REGION} can use only keys of ${REGION}.`,
      status: 400,
    });
  });

  test('a key of this region that does not exist keeps AWS\'s message alone', async () => {
    const missing = `arn:aws:kms:${REGION}:${devAccount}:key/11111111-2222-3333-4444-555555555555`;
    const e = await sdkError(env.logs.send(new CreateLogGroupCommand({ logGroupName: 'cause/missing', kmsKeyId: missing })));
    assert.equal(e.message, 'The specified KMS Key Id could not be found.');
  });
});

describe('PutLogEvents agrees with reads on the key state', () => {
  let env: LogsEnv;
  before(async () => {
    env = await startLogsEnv();
  });
  after(() => env.dispose());

  const cases: [string, (keyArn: string) => Promise<unknown>][] = [
    ['DisableKey', (k) => env.kms.send(new DisableKeyCommand({ KeyId: k }))],
    ['ScheduleKeyDeletion', (k) => env.kms.send(new ScheduleKeyDeletionCommand({ KeyId: k, PendingWindowInDays: 7 }))],
    [
      'removing the CloudWatch Logs statement',
      (k) => {
        const policy = JSON.parse(logsKeyPolicy());
        policy.Statement.pop();
        return env.kms.send(new PutKeyPolicyCommand({ KeyId: k, PolicyName: 'default', Policy: JSON.stringify(policy) }));
      },
    ],
  ];
  cases.forEach(([what, change], i) => {
    test(`refuses PutLogEvents within ${DATA_KEY_MAX_AGE_MS} ms after ${what}`, async () => {
      const key = await createKey(env.kms, { policy: logsKeyPolicy() });
      const group = `bound/${i}`;
      await createGroupAndStream(env.logs, group, 's', key);
      await put(env.logs, group, 's', [{ timestamp: env.clock.now(), message: 'before' }]);
      await change(key);
      env.clock.advance(DATA_KEY_MAX_AGE_MS);
      const e = await sdkError(put(env.logs, group, 's', [{ timestamp: env.clock.now(), message: 'after' }]));
      assert.equal(e.name, 'AccessDeniedException', e.message);
      assert.ok(e.message.includes(key) || e.message.includes(group), e.message);
    });
  });
});
