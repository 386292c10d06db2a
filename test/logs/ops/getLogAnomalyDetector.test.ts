import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateLogGroupCommand, GetLogAnomalyDetectorCommand } from '@aws-sdk/client-cloudwatch-logs';
import { PutKeyPolicyCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { devAccount } from '../../helpers/server.js';
import { createDetector, createKey, detectorKeyPolicy, groupArn, REGION, sdkError, startAnomalyEnv, type AnomalyEnv } from '../../anomaly/service/helpers.js';

const NOT_FOUND = { name: 'ResourceNotFoundException', message: 'The specified anomaly detector does not exist.', status: 400 };

describe('GetLogAnomalyDetector', () => {
  let env: AnomalyEnv;
  let n = 0;
  before(async () => {
    env = await startAnomalyEnv();
  });
  after(() => env.dispose());

  const newGroup = async () => {
    const name = `/get/g${++n}`;
    await env.logs.send(new CreateLogGroupCommand({ logGroupName: name }));
    return groupArn(name);
  };
  const get = (anomalyDetectorArn: string) => env.logs.send(new GetLogAnomalyDetectorCommand({ anomalyDetectorArn }));

  describe('serialization', () => {
    test('answers every field of the model', async () => {
      const group = await newGroup();
      const key = await createKey(env.kms, { policy: detectorKeyPolicy('both') });
      const created = env.clock.now();
      const arn = await createDetector(env, {
        logGroupArnList: [group],
        detectorName: 'api',
        evaluationFrequency: 'ONE_HOUR',
        filterPattern: 'ERROR',
        anomalyVisibilityTime: 30,
        kmsKeyId: key,
      });
      const { $metadata: _, ...got } = await get(arn);
      assert.ok(got.creationTimeStamp! >= created && got.creationTimeStamp! <= env.clock.now());
      assert.deepEqual(got, {
        detectorName: 'api',
        logGroupArnList: [group],
        evaluationFrequency: 'ONE_HOUR',
        filterPattern: 'ERROR',
        // an empty group gives no history: the detector trains until it has some
        anomalyDetectorStatus: 'TRAINING',
        kmsKeyId: key,
        creationTimeStamp: got.creationTimeStamp,
        lastModifiedTimeStamp: got.creationTimeStamp,
        anomalyVisibilityTime: 30,
      });
    });
  });

  describe('validation', () => {
    test('returns ResourceNotFoundException for an unknown or malformed detector ARN', async () => {
      const unknown = `arn:aws:logs:${REGION}:${devAccount}:anomaly-detector:00000000-0000-4000-8000-000000000000`;
      assert.deepEqual(await sdkError(get(unknown)), NOT_FOUND);
      assert.deepEqual(await sdkError(get(`arn:aws:logs:${REGION}:${devAccount}:anomaly-detector:nonexistent`)), NOT_FOUND);
      assert.deepEqual(await sdkError(get(groupArn('/get/g1'))), NOT_FOUND);
    });

    test("returns ResourceNotFoundException for the caller's detector named with another region or account", async () => {
      const arn = await createDetector(env, { logGroupArnList: [await newGroup()] });
      assert.deepEqual(await sdkError(get(arn.replace(`:${REGION}:`, ':eu-west-1:'))), NOT_FOUND);
      assert.deepEqual(await sdkError(get(arn.replace(`:${devAccount}:`, ':111122223333:'))), NOT_FOUND);
    });
  });

  describe('behaviour', () => {
    test("fails with AccessDeniedException once the key policy no longer lets CloudWatch Logs use the key", async () => {
      const key = await createKey(env.kms, { policy: detectorKeyPolicy('both') });
      const arn = await createDetector(env, { logGroupArnList: [await newGroup()], kmsKeyId: key });
      await env.kms.send(new PutKeyPolicyCommand({ KeyId: key, PolicyName: 'default', Policy: detectorKeyPolicy('log-groups-only') }));
      const e = await sdkError(get(arn));
      assert.equal(e.name, 'AccessDeniedException');
      assert.ok(
        e.message.startsWith(
          `The KMS key ${key} that encrypts the data of anomaly detector '${arn}' cannot be used: AccessDeniedException: User: logs.${REGION}.amazonaws.com is not authorized to perform: kms:Decrypt`,
        ),
        e.message,
      );
      await env.kms.send(new PutKeyPolicyCommand({ KeyId: key, PolicyName: 'default', Policy: detectorKeyPolicy('crypto-ec') }));
      assert.equal((await get(arn)).kmsKeyId, key);
    });

    test('fails with AccessDeniedException while the key is pending deletion', async () => {
      const key = await createKey(env.kms, { policy: detectorKeyPolicy('both') });
      const arn = await createDetector(env, { logGroupArnList: [await newGroup()], kmsKeyId: key });
      await env.kms.send(new ScheduleKeyDeletionCommand({ KeyId: key, PendingWindowInDays: 7 }));
      assert.deepEqual(await sdkError(get(arn)), {
        name: 'AccessDeniedException',
        message: `The KMS key ${key} that encrypts the data of anomaly detector '${arn}' cannot be used: KMSInvalidStateException: ${key} is pending deletion.`,
        status: 400,
      });
    });

    test('reads a detector under the service-owned key without any key', async () => {
      const arn = await createDetector(env, { logGroupArnList: [await newGroup()] });
      assert.equal((await get(arn)).kmsKeyId, undefined);
    });
  });
});
