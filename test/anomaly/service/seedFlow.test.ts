import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  DeleteLogAnomalyDetectorCommand,
  GetLogAnomalyDetectorCommand,
  ListAnomaliesCommand,
  ListLogAnomalyDetectorsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { DisableKeyCommand, EnableKeyCommand } from '@aws-sdk/client-kms';
import {
  allAnomalies,
  createDetector,
  createKey,
  DETECTOR_ARN_RE,
  detectorKeyPolicy,
  FIVE_MIN,
  groupArn,
  injectIncident,
  sdkError,
  startAnomalyEnv,
  steadyGroup,
  type AnomalyEnv,
} from './helpers.js';

/**
 * The seed flow through the SDK v3 clients: a key whose policy carries both ArnLike statements for
 * `anomaly-detector:*`, a detector created with it, anomalies listed after an injected incident, the key disabled
 * (reads fail, evaluation pauses), re-enabled (reads work, evaluation resumes), the detector deleted and created
 * again with another key.
 */
describe('anomaly detection with a customer key, end to end', () => {
  let env: AnomalyEnv;
  before(async () => {
    env = await startAnomalyEnv();
  });
  after(() => env.dispose());

  const status = async (arn: string) =>
    (await env.logs.send(new ListLogAnomalyDetectorsCommand({}))).anomalyDetectors!.find((d) => d.anomalyDetectorArn === arn)!.anomalyDetectorStatus;

  test('create, find an incident, disable and enable the key, delete, create again with another key', async () => {
    const group = '/seed/web';
    const key = await createKey(env.kms, { policy: detectorKeyPolicy('both') });
    await steadyGroup(env, group);
    const arn = await createDetector(env, { logGroupArnList: [groupArn(group)], detectorName: 'web', kmsKeyId: key });
    assert.match(arn, DETECTOR_ARN_RE);

    await env.runScheduler(); // trains on the three hours of history
    const trained = await env.logs.send(new GetLogAnomalyDetectorCommand({ anomalyDetectorArn: arn }));
    assert.equal(trained.anomalyDetectorStatus, 'ANALYZING');
    assert.equal(trained.kmsKeyId, key);
    assert.deepEqual(await allAnomalies(env.logs, arn), []);

    await injectIncident(env, group);
    env.clock.advance(FIVE_MIN + 1000);
    await env.runScheduler();
    const found = await allAnomalies(env.logs, arn);
    assert.equal(found.length, 1, JSON.stringify(found.map((a) => a.description)));
    const a = found[0]!;
    assert.equal(a.patternString, 'ERROR database connection refused to <*>');
    assert.equal(a.priority, 'HIGH');
    assert.equal(a.state, 'Active');
    assert.equal(a.active, true);
    assert.equal(a.description, 'New pattern: 5 events matched a pattern not seen before.');
    assert.equal(a.anomalyDetectorArn, arn);
    assert.deepEqual(a.logGroupArnList, [groupArn(group)]);

    const unavailable = `The KMS key ${key} that encrypts the data of anomaly detector '${arn}' cannot be used: DisabledException: ${key} is disabled.`;
    await env.kms.send(new DisableKeyCommand({ KeyId: key }));
    assert.deepEqual(await sdkError(env.logs.send(new ListAnomaliesCommand({ anomalyDetectorArn: arn }))), {
      name: 'AccessDeniedException',
      message: unavailable,
      status: 400,
    });
    assert.deepEqual(await sdkError(env.logs.send(new GetLogAnomalyDetectorCommand({ anomalyDetectorArn: arn }))), {
      name: 'AccessDeniedException',
      message: unavailable,
      status: 400,
    });
    env.clock.advance(FIVE_MIN);
    await env.runScheduler();
    assert.equal(await status(arn), 'PAUSED');

    await env.kms.send(new EnableKeyCommand({ KeyId: key }));
    assert.deepEqual((await allAnomalies(env.logs, arn)).map((x) => x.anomalyId), [a.anomalyId]);
    await env.runScheduler();
    assert.equal(await status(arn), 'ANALYZING');
    assert.equal((await env.logs.send(new GetLogAnomalyDetectorCommand({ anomalyDetectorArn: arn }))).anomalyDetectorStatus, 'ANALYZING');

    await env.logs.send(new DeleteLogAnomalyDetectorCommand({ anomalyDetectorArn: arn }));
    assert.deepEqual(await sdkError(env.logs.send(new GetLogAnomalyDetectorCommand({ anomalyDetectorArn: arn }))), {
      name: 'ResourceNotFoundException',
      message: 'The specified anomaly detector does not exist.',
      status: 400,
    });

    const other = await createKey(env.kms, { policy: detectorKeyPolicy('crypto-ec') });
    const again = await createDetector(env, { logGroupArnList: [groupArn(group)], detectorName: 'web', kmsKeyId: other });
    assert.notEqual(again, arn);
    await env.runScheduler();
    const got = await env.logs.send(new GetLogAnomalyDetectorCommand({ anomalyDetectorArn: again }));
    assert.equal(got.kmsKeyId, other);
    assert.equal(got.anomalyDetectorStatus, 'ANALYZING');
    assert.deepEqual(await allAnomalies(env.logs, again), []);
  });
});
