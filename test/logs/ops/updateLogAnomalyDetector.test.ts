import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CreateLogGroupCommand,
  GetLogAnomalyDetectorCommand,
  UpdateLogAnomalyDetectorCommand,
  type UpdateLogAnomalyDetectorRequest,
} from '@aws-sdk/client-cloudwatch-logs';
import { DisableKeyCommand, EnableKeyCommand } from '@aws-sdk/client-kms';
import {
  allAnomalies,
  createDetector,
  createKey,
  detectorKeyPolicy,
  FIVE_MIN,
  groupArn,
  injectIncident,
  MINUTE,
  sdkError,
  startAnomalyEnv,
  steadyGroup,
  type AnomalyEnv,
} from '../../anomaly/service/helpers.js';

describe('UpdateLogAnomalyDetector', () => {
  let env: AnomalyEnv;
  let n = 0;
  before(async () => {
    env = await startAnomalyEnv();
  });
  after(() => env.dispose());

  const newGroup = async () => {
    const name = `/update/g${++n}`;
    await env.logs.send(new CreateLogGroupCommand({ logGroupName: name }));
    return groupArn(name);
  };
  const update = (input: UpdateLogAnomalyDetectorRequest) => env.logs.send(new UpdateLogAnomalyDetectorCommand(input));
  const get = (anomalyDetectorArn: string) => env.logs.send(new GetLogAnomalyDetectorCommand({ anomalyDetectorArn }));

  describe('serialization', () => {
    test('answers an empty body', async () => {
      const arn = await createDetector(env, { logGroupArnList: [await newGroup()] });
      const out = await update({ anomalyDetectorArn: arn, enabled: true });
      assert.deepEqual(Object.keys(out).filter((k) => k !== '$metadata'), []);
    });
  });

  describe('validation', () => {
    test('returns ResourceNotFoundException for an unknown detector', async () => {
      const arn = await createDetector(env, { logGroupArnList: [await newGroup()] });
      const unknown = arn.replace(/[0-9a-f]{12}$/, '000000000000');
      assert.deepEqual(await sdkError(update({ anomalyDetectorArn: unknown, enabled: true })), {
        name: 'ResourceNotFoundException',
        message: 'The specified anomaly detector does not exist.',
        status: 400,
      });
    });

    test('refuses a malformed filter pattern', async () => {
      const arn = await createDetector(env, { logGroupArnList: [await newGroup()] });
      const e = await sdkError(update({ anomalyDetectorArn: arn, enabled: true, filterPattern: '{ $.a = 1' }));
      assert.deepEqual(e, { name: 'InvalidParameterException', message: "If a filter pattern starts with '{' it must end with '}'", status: 400 });
    });
  });

  describe('behaviour', () => {
    test('changes frequency, filter pattern and visibility, and the modification time', async () => {
      const arn = await createDetector(env, { logGroupArnList: [await newGroup()], filterPattern: 'ERROR' });
      const created = (await get(arn)).creationTimeStamp!;
      env.clock.advance(MINUTE);
      await update({ anomalyDetectorArn: arn, enabled: true, evaluationFrequency: 'ONE_HOUR', anomalyVisibilityTime: 90, filterPattern: '?ERROR ?WARN' });
      const got = await get(arn);
      assert.equal(got.evaluationFrequency, 'ONE_HOUR');
      assert.equal(got.anomalyVisibilityTime, 90);
      assert.equal(got.filterPattern, '?ERROR ?WARN');
      assert.equal(got.creationTimeStamp, created);
      assert.ok(got.lastModifiedTimeStamp! >= created + MINUTE);
      await update({ anomalyDetectorArn: arn, enabled: true, filterPattern: '' });
      assert.equal((await get(arn)).filterPattern, undefined);
    });

    test('pauses (PAUSED, nothing judged meanwhile) and restarts a detector', async () => {
      const group = '/update/paused';
      await steadyGroup(env, group);
      const arn = await createDetector(env, { logGroupArnList: [groupArn(group)] });
      await env.runScheduler();
      await update({ anomalyDetectorArn: arn, enabled: false });
      assert.equal((await get(arn)).anomalyDetectorStatus, 'PAUSED');
      await injectIncident(env, group);
      env.clock.advance(FIVE_MIN + 1000);
      await env.runScheduler();
      await update({ anomalyDetectorArn: arn, enabled: true });
      assert.equal((await get(arn)).anomalyDetectorStatus, 'ANALYZING');
      env.clock.advance(FIVE_MIN);
      await env.runScheduler();
      assert.deepEqual(await allAnomalies(env.logs, arn), []);
    });

    test('needs the key to change the engine (frequency, visibility), not to pause or change the filter', async () => {
      const key = await createKey(env.kms, { policy: detectorKeyPolicy('both') });
      const arn = await createDetector(env, { logGroupArnList: [await newGroup()], kmsKeyId: key });
      await env.kms.send(new DisableKeyCommand({ KeyId: key }));
      try {
        assert.deepEqual(await sdkError(update({ anomalyDetectorArn: arn, enabled: true, evaluationFrequency: 'TEN_MIN' })), {
          name: 'AccessDeniedException',
          message: `The KMS key ${key} that encrypts the data of anomaly detector '${arn}' cannot be used: DisabledException: ${key} is disabled.`,
          status: 400,
        });
        await update({ anomalyDetectorArn: arn, enabled: false, filterPattern: 'ERROR' });
      } finally {
        await env.kms.send(new EnableKeyCommand({ KeyId: key }));
      }
      const got = await get(arn);
      assert.equal(got.evaluationFrequency, 'FIVE_MIN');
      assert.equal(got.filterPattern, 'ERROR');
      assert.equal(got.anomalyDetectorStatus, 'PAUSED');
      assert.equal(got.kmsKeyId, key);
    });
  });
});
