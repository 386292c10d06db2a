import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CreateLogGroupCommand,
  DeleteLogAnomalyDetectorCommand,
  GetLogAnomalyDetectorCommand,
  ListLogAnomalyDetectorsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { DisableKeyCommand } from '@aws-sdk/client-kms';
import { createDetector, createKey, detectorKeyPolicy, groupArn, sdkError, startAnomalyEnv, type AnomalyEnv } from '../../anomaly/service/helpers.js';

const NOT_FOUND = { name: 'ResourceNotFoundException', message: 'The specified anomaly detector does not exist.', status: 400 };

describe('DeleteLogAnomalyDetector', () => {
  let env: AnomalyEnv;
  let n = 0;
  before(async () => {
    env = await startAnomalyEnv();
  });
  after(() => env.dispose());

  const newGroup = async () => {
    const name = `/delete/g${++n}`;
    await env.logs.send(new CreateLogGroupCommand({ logGroupName: name }));
    return groupArn(name);
  };
  const del = (anomalyDetectorArn: string) => env.logs.send(new DeleteLogAnomalyDetectorCommand({ anomalyDetectorArn }));

  describe('serialization', () => {
    test('answers an empty body', async () => {
      const arn = await createDetector(env, { logGroupArnList: [await newGroup()] });
      const out = await del(arn);
      assert.deepEqual(Object.keys(out).filter((k) => k !== '$metadata'), []);
    });
  });

  describe('validation', () => {
    test('returns ResourceNotFoundException for a detector already deleted', async () => {
      const arn = await createDetector(env, { logGroupArnList: [await newGroup()] });
      await del(arn);
      assert.deepEqual(await sdkError(del(arn)), NOT_FOUND);
    });
  });

  describe('behaviour', () => {
    test('removes the detector from Get and List, and leaves the others', async () => {
      const group = await newGroup();
      const gone = await createDetector(env, { logGroupArnList: [group] });
      const kept = await createDetector(env, { logGroupArnList: [group] });
      await del(gone);
      assert.deepEqual(await sdkError(env.logs.send(new GetLogAnomalyDetectorCommand({ anomalyDetectorArn: gone }))), NOT_FOUND);
      const listed = (await env.logs.send(new ListLogAnomalyDetectorsCommand({ filterLogGroupArn: group }))).anomalyDetectors!;
      assert.deepEqual(listed.map((d) => d.anomalyDetectorArn), [kept]);
    });

    test('deletes a detector whose key is disabled (the way to move it to another key)', async () => {
      const key = await createKey(env.kms, { policy: detectorKeyPolicy('both') });
      const arn = await createDetector(env, { logGroupArnList: [await newGroup()], kmsKeyId: key });
      await env.kms.send(new DisableKeyCommand({ KeyId: key }));
      await del(arn);
      assert.deepEqual(await sdkError(env.logs.send(new GetLogAnomalyDetectorCommand({ anomalyDetectorArn: arn }))), NOT_FOUND);
    });
  });
});
