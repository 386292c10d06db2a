import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CloudWatchLogsClient, CreateLogGroupCommand, ListLogAnomalyDetectorsCommand, type ListLogAnomalyDetectorsRequest } from '@aws-sdk/client-cloudwatch-logs';
import { clientConfig } from '../../helpers/server.js';
import { createDetector, createKey, detectorKeyPolicy, groupArn, sdkError, startAnomalyEnv, type AnomalyEnv } from '../../anomaly/service/helpers.js';

describe('ListLogAnomalyDetectors', () => {
  let env: AnomalyEnv;
  const groups: string[] = [];
  const detectors: string[] = [];
  let key: string;
  before(async () => {
    env = await startAnomalyEnv();
    for (const name of ['/list/a', '/list/b']) {
      await env.logs.send(new CreateLogGroupCommand({ logGroupName: name }));
      groups.push(groupArn(name));
    }
    key = await createKey(env.kms, { policy: detectorKeyPolicy('both') });
    detectors.push(await createDetector(env, { logGroupArnList: [groups[0]!], detectorName: 'a1', kmsKeyId: key, filterPattern: 'ERROR' }));
    detectors.push(await createDetector(env, { logGroupArnList: [groups[1]!], detectorName: 'b1', evaluationFrequency: 'ONE_MIN' }));
    detectors.push(await createDetector(env, { logGroupArnList: [groups[0]!], detectorName: 'a2', anomalyVisibilityTime: 90 }));
  });
  after(() => env.dispose());

  const list = (input: ListLogAnomalyDetectorsRequest = {}) => env.logs.send(new ListLogAnomalyDetectorsCommand(input));

  describe('serialization', () => {
    test('lists every detector with the fields of the model, in creation order', async () => {
      const out = await list();
      assert.equal(out.nextToken, undefined);
      assert.deepEqual(out.anomalyDetectors!.map((d) => d.anomalyDetectorArn), detectors);
      const a1 = out.anomalyDetectors![0]!;
      assert.deepEqual(
        { ...a1, creationTimeStamp: 0, lastModifiedTimeStamp: 0 },
        {
          anomalyDetectorArn: detectors[0],
          detectorName: 'a1',
          logGroupArnList: [groups[0]],
          evaluationFrequency: 'FIVE_MIN',
          filterPattern: 'ERROR',
          anomalyDetectorStatus: 'TRAINING',
          kmsKeyId: key,
          creationTimeStamp: 0,
          lastModifiedTimeStamp: 0,
          anomalyVisibilityTime: 21,
        },
      );
      assert.equal(typeof a1.creationTimeStamp, 'number');
      assert.equal(out.anomalyDetectors![1]!.kmsKeyId, undefined);
    });
  });

  describe('validation', () => {
    test('refuses a nextToken it did not make', async () => {
      assert.deepEqual(await sdkError(list({ nextToken: 'bogus' })), {
        name: 'InvalidParameterException',
        message: 'The specified nextToken is invalid.',
        status: 400,
      });
    });

    test('refuses a limit outside 1-50 (model validation)', async () => {
      const e = await sdkError(list({ limit: 51 }));
      assert.equal(e.name, 'InvalidParameterException');
      assert.match(e.message, /limit/);
    });
  });

  describe('behaviour', () => {
    test('lists only the detectors of one log group', async () => {
      const out = await list({ filterLogGroupArn: groups[0] });
      assert.deepEqual(out.anomalyDetectors!.map((d) => d.detectorName), ['a1', 'a2']);
      assert.deepEqual((await list({ filterLogGroupArn: groupArn('/list/none') })).anomalyDetectors, []);
    });

    test('pages through the detectors', async () => {
      const first = await list({ limit: 2 });
      assert.deepEqual(first.anomalyDetectors!.map((d) => d.detectorName), ['a1', 'b1']);
      assert.ok(first.nextToken);
      const second = await list({ limit: 2, nextToken: first.nextToken });
      assert.deepEqual(second.anomalyDetectors!.map((d) => d.detectorName), ['a2']);
      assert.equal(second.nextToken, undefined);
    });

    test("does not list another region's detectors", async () => {
      const other = new CloudWatchLogsClient(clientConfig(env.srv.url, undefined, 'eu-west-1', env.clock));
      try {
        assert.deepEqual((await other.send(new ListLogAnomalyDetectorsCommand({}))).anomalyDetectors, []);
      } finally {
        other.destroy();
      }
    });
  });
});
