import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { UpdateAnomalyCommand, type Anomaly, type UpdateAnomalyRequest } from '@aws-sdk/client-cloudwatch-logs';
import { PatternMiner } from '../../../src/anomaly/index.js';
import {
  allAnomalies,
  detectorWithIncident,
  FIVE_MIN,
  HOUR,
  injectIncident,
  sdkError,
  startAnomalyEnv,
  type AnomalyEnv,
} from '../../anomaly/service/helpers.js';

describe('UpdateAnomaly', () => {
  let env: AnomalyEnv;
  let n = 0;
  before(async () => {
    env = await startAnomalyEnv();
  });
  after(() => env.dispose());

  /** A fresh detector with one open anomaly (five errors of a new pattern). */
  const withAnomaly = async (): Promise<{ arn: string; group: string; anomaly: Anomaly }> => {
    const group = `/update-anomaly/g${++n}`;
    const { arn, anomalies } = await detectorWithIncident(env, group);
    assert.equal(anomalies.length, 1);
    return { arn, group, anomaly: anomalies[0]! };
  };
  const update = (input: UpdateAnomalyRequest) => env.logs.send(new UpdateAnomalyCommand(input));
  const current = async (arn: string, anomalyId: string | undefined) => (await allAnomalies(env.logs, arn)).find((a) => a.anomalyId === anomalyId)!;

  describe('serialization', () => {
    test('answers an empty body', async () => {
      const { arn, anomaly } = await withAnomaly();
      const out = await update({ anomalyDetectorArn: arn, anomalyId: anomaly.anomalyId, suppressionType: 'INFINITE' });
      assert.deepEqual(Object.keys(out).filter((k) => k !== '$metadata'), []);
    });
  });

  describe('validation', () => {
    let arn: string;
    let anomaly: Anomaly;
    before(async () => {
      ({ arn, anomaly } = await withAnomaly());
    });

    test('takes an anomalyId or a patternId, not both and not neither', async () => {
      assert.deepEqual(await sdkError(update({ anomalyDetectorArn: arn, anomalyId: anomaly.anomalyId, patternId: anomaly.patternId })), {
        name: 'InvalidParameterException',
        message: 'anomalyId and patternId are mutually exclusive parameters.',
        status: 400,
      });
      assert.deepEqual(await sdkError(update({ anomalyDetectorArn: arn, suppressionType: 'INFINITE' })), {
        name: 'InvalidParameterException',
        message: 'Either anomalyId or patternId must be specified.',
        status: 400,
      });
    });

    test('needs a suppressionPeriod with a value above zero for a LIMITED suppression', async () => {
      const limited = { anomalyDetectorArn: arn, anomalyId: anomaly.anomalyId, suppressionType: 'LIMITED' } as const;
      const needs = { name: 'InvalidParameterException', message: 'A LIMITED suppression needs a suppressionPeriod with a value and a suppressionUnit.', status: 400 };
      assert.deepEqual(await sdkError(update(limited)), needs);
      assert.deepEqual(await sdkError(update({ ...limited, suppressionPeriod: { value: 5 } })), needs);
      assert.deepEqual(await sdkError(update({ ...limited, suppressionPeriod: { value: 0, suppressionUnit: 'MINUTES' } })), {
        name: 'InvalidParameterException',
        message: 'The suppressionPeriod value must be greater than 0; it is 0.',
        status: 400,
      });
    });

    test('returns ResourceNotFoundException for an unknown anomaly or pattern', async () => {
      assert.deepEqual(await sdkError(update({ anomalyDetectorArn: arn, anomalyId: '00000000-0000-5000-8000-000000000000' })), {
        name: 'ResourceNotFoundException',
        message: 'The specified anomaly does not exist.',
        status: 400,
      });
      assert.deepEqual(await sdkError(update({ anomalyDetectorArn: arn, patternId: '0'.repeat(32) })), {
        name: 'ResourceNotFoundException',
        message: 'The specified pattern does not exist.',
        status: 400,
      });
    });

    test('returns ResourceNotFoundException for an unknown detector', async () => {
      const e = await sdkError(update({ anomalyDetectorArn: arn.replace(/[0-9a-f]{12}$/, '000000000000'), anomalyId: anomaly.anomalyId }));
      assert.deepEqual(e, { name: 'ResourceNotFoundException', message: 'The specified anomaly detector does not exist.', status: 400 });
    });
  });

  describe('behaviour', () => {
    test('suppresses an anomaly for a period, after which the suppression ends by itself', async () => {
      const { arn, anomaly } = await withAnomaly();
      const at = env.clock.now();
      await update({ anomalyDetectorArn: arn, anomalyId: anomaly.anomalyId, suppressionType: 'LIMITED', suppressionPeriod: { value: 1, suppressionUnit: 'HOURS' } });
      const s = await current(arn, anomaly.anomalyId);
      assert.equal(s.state, 'Suppressed');
      assert.equal(s.suppressed, true);
      assert.equal(s.isPatternLevelSuppression, false);
      assert.ok(s.suppressedDate! >= at && s.suppressedDate! <= env.clock.now());
      assert.equal(s.suppressedUntil, s.suppressedDate! + HOUR);
      env.clock.advance(HOUR);
      const lifted = await current(arn, anomaly.anomalyId);
      assert.equal(lifted.suppressed, false);
      assert.equal(lifted.state, 'Active');
    });

    test('suppresses indefinitely (suppressedUntil 0), and unsuppresses without a suppression type', async () => {
      const { arn, anomaly } = await withAnomaly();
      await update({ anomalyDetectorArn: arn, anomalyId: anomaly.anomalyId, suppressionType: 'INFINITE', suppressionPeriod: { value: 1, suppressionUnit: 'SECONDS' } });
      const s = await current(arn, anomaly.anomalyId);
      assert.equal(s.state, 'Suppressed');
      assert.equal(s.suppressedUntil, 0);
      env.clock.advance(10 * 24 * HOUR); // within the visibility time (21 days), after which it would be baseline
      assert.equal((await current(arn, anomaly.anomalyId)).state, 'Suppressed');
      await update({ anomalyDetectorArn: arn, anomalyId: anomaly.anomalyId });
      const u = await current(arn, anomaly.anomalyId);
      assert.equal(u.suppressed, false);
      assert.equal(u.suppressedUntil, 0);
      assert.equal(u.suppressedDate, 0);
    });

    test('suppresses a whole pattern, the anomalies found later included', async () => {
      const { arn, group, anomaly } = await withAnomaly();
      await update({ anomalyDetectorArn: arn, patternId: anomaly.patternId, suppressionType: 'INFINITE' });
      const s = await current(arn, anomaly.anomalyId);
      assert.equal(s.state, 'Suppressed');
      assert.equal(s.isPatternLevelSuppression, true);

      // The group's steady pattern (an id is the MD5 of its first event, masked, as the miner makes it): suppressed
      // before it has any anomaly, then a tenfold spike of it.
      const steady = new PatternMiner().add('INFO GET /health status=200 latency=10ms').patternId;
      await update({ anomalyDetectorArn: arn, patternId: steady, suppressionType: 'INFINITE' });
      await injectIncident(env, group, Array.from({ length: 60 }, (_, i) => `INFO GET /health status=200 latency=${10 + (i % 7)}ms`));
      env.clock.advance(FIVE_MIN);
      await env.runScheduler();
      const spike = (await allAnomalies(env.logs, arn)).find((a) => a.patternId === steady);
      assert.ok(spike, 'the spike is reported');
      assert.match(spike.description!, /^Count spike: 60 events in 5 min, baseline /);
      assert.equal(spike.state, 'Suppressed');
      assert.equal(spike.isPatternLevelSuppression, true);

      await update({ anomalyDetectorArn: arn, patternId: steady });
      assert.equal((await current(arn, spike.anomalyId)).state, 'Active');
      assert.equal((await current(arn, anomaly.anomalyId)).state, 'Suppressed');
    });

    test('accepts an anomaly as baseline: it is no longer reported while it recurs', async () => {
      const { arn, group, anomaly } = await withAnomaly();
      await update({ anomalyDetectorArn: arn, anomalyId: anomaly.anomalyId, baseline: true });
      const b = await current(arn, anomaly.anomalyId);
      assert.equal(b.state, 'Baseline');
      assert.equal(b.active, false);
      await injectIncident(env, group);
      env.clock.advance(FIVE_MIN);
      await env.runScheduler();
      const after = await current(arn, anomaly.anomalyId);
      assert.deepEqual(after.histogram, b.histogram);
      assert.equal(after.state, 'Baseline');
    });
  });
});
