import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AssociateKmsKeyCommand, ListLogAnomalyDetectorsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DisableKeyCommand, EnableKeyCommand } from '@aws-sdk/client-kms';
import { decodeState } from '../../../src/anomaly/serialize.js';
import { parseDetectorArn } from '../../../src/anomaly/service/arns.js';
import { logsKeyPolicy } from '../../logs/helpers.js';
import {
  allAnomalies,
  createDetector,
  createKey,
  detectorKeyPolicy,
  detectorWithIncident,
  FIVE_MIN,
  groupArn,
  INCIDENT,
  injectIncident,
  MINUTE,
  put,
  startAnomalyEnv,
  steadyGroup,
  type AnomalyEnv,
} from './helpers.js';

describe('the anomaly detection scheduler', () => {
  let env: AnomalyEnv;
  before(async () => {
    env = await startAnomalyEnv();
  });
  after(() => env.dispose());

  const status = async (arn: string) =>
    (await env.logs.send(new ListLogAnomalyDetectorsCommand({}))).anomalyDetectors!.find((d) => d.anomalyDetectorArn === arn)!.anomalyDetectorStatus;
  /** Moves past the current window and runs the scheduler. */
  const nextWindow = async () => {
    env.clock.advance(FIVE_MIN);
    await env.runScheduler();
  };

  test('survives a restart and never judges a window twice', async () => {
    const group = '/sched/restart';
    const { arn, anomalies } = await detectorWithIncident(env, group);
    assert.equal(anomalies.length, 1);
    const histogram = anomalies[0]!.histogram;
    await env.restart();
    await env.runScheduler();
    await env.runScheduler();
    const [again] = await allAnomalies(env.logs, arn);
    assert.deepEqual(again!.histogram, histogram);
    assert.equal(again!.active, true);

    await nextWindow(); // a window without the errors: the anomaly stops being active
    const [quiet] = await allAnomalies(env.logs, arn);
    assert.deepEqual(quiet!.histogram, histogram);
    assert.equal(quiet!.active, false);

    await injectIncident(env, group);
    await nextWindow(); // it recurs: one more run in its histogram
    const [recurred] = await allAnomalies(env.logs, arn);
    assert.equal(Object.keys(recurred!.histogram!).length, 2);
    assert.equal(recurred!.active, true);
  });

  test('judges an event that arrives after its window with the next window, unless it is too late', async () => {
    const group = '/sched/late';
    await steadyGroup(env, group);
    const arn = await createDetector(env, { logGroupArnList: [groupArn(group)] });
    await env.runScheduler();
    await nextWindow();
    const judgedUntil = Math.floor(env.clock.now() / FIVE_MIN) * FIVE_MIN;
    const late = judgedUntil - MINUTE; // in the window judged last
    await put(env.logs, group, 's', [
      { timestamp: judgedUntil - 30 * MINUTE, message: 'FATAL clock drift detected on node-3' },
      { timestamp: late, message: 'ERROR database connection refused to db-1.internal:5432' },
    ]);
    await nextWindow();
    const found = await allAnomalies(env.logs, arn);
    assert.deepEqual(found.map((a) => a.patternString), [INCIDENT]);
    assert.equal(found[0]!.firstSeen, late);
    await nextWindow();
    assert.equal((await allAnomalies(env.logs, arn)).length, 1);
  });

  test('looks only at the events its filter pattern matches', async () => {
    const group = '/sched/filter';
    await steadyGroup(env, group);
    const infoOnly = await createDetector(env, { logGroupArnList: [groupArn(group)], filterPattern: 'INFO' });
    const fatalToo = await createDetector(env, { logGroupArnList: [groupArn(group)], filterPattern: '?INFO ?FATAL' });
    await env.runScheduler();
    await injectIncident(env, group, ['ERROR database connection refused to db-1.internal:5432', 'FATAL worker pool exhausted, shutting down']);
    await nextWindow();
    assert.deepEqual(await allAnomalies(env.logs, infoOnly), []);
    assert.deepEqual((await allAnomalies(env.logs, fatalToo)).map((a) => a.patternString), ['FATAL worker pool exhausted, shutting down']);
  });

  test("pauses while the detector's key is disabled, then judges the windows it missed", async () => {
    const group = '/sched/paused';
    const key = await createKey(env.kms, { policy: detectorKeyPolicy('both') });
    await steadyGroup(env, group);
    const arn = await createDetector(env, { logGroupArnList: [groupArn(group)], kmsKeyId: key });
    await env.runScheduler();
    assert.equal(await status(arn), 'ANALYZING');
    await env.kms.send(new DisableKeyCommand({ KeyId: key }));
    await injectIncident(env, group);
    const incidentWindowEnd = Math.floor(env.clock.now() / FIVE_MIN) * FIVE_MIN + FIVE_MIN;
    await nextWindow();
    await nextWindow();
    assert.equal(await status(arn), 'PAUSED');

    await env.kms.send(new EnableKeyCommand({ KeyId: key }));
    await env.runScheduler();
    assert.equal(await status(arn), 'ANALYZING');
    const found = await allAnomalies(env.logs, arn);
    assert.deepEqual(found.map((a) => a.patternString), [INCIDENT]);
    assert.deepEqual(found[0]!.histogram, { [String(incidentWindowEnd)]: 5 });
  });

  test("pauses while the log group's own key is disabled", async () => {
    const group = '/sched/group-key';
    await steadyGroup(env, group);
    const arn = await createDetector(env, { logGroupArnList: [groupArn(group)] });
    await env.runScheduler();
    const groupKey = await createKey(env.kms, { policy: logsKeyPolicy() });
    await env.logs.send(new AssociateKmsKeyCommand({ logGroupName: group, kmsKeyId: groupKey }));
    await injectIncident(env, group);
    await env.kms.send(new DisableKeyCommand({ KeyId: groupKey }));
    await nextWindow();
    assert.equal(await status(arn), 'PAUSED');
    await env.kms.send(new EnableKeyCommand({ KeyId: groupKey }));
    await env.runScheduler();
    assert.equal(await status(arn), 'ANALYZING');
    assert.deepEqual((await allAnomalies(env.logs, arn)).map((a) => a.patternString), [INCIDENT]);
  });

  test('stores what a detector learnt and found only as ciphertext', async () => {
    const key = await createKey(env.kms, { policy: detectorKeyPolicy('both') });
    const customer = await detectorWithIncident(env, '/sched/sealed-kms', { kmsKeyId: key });
    const service = await detectorWithIncident(env, '/sched/sealed-service');
    for (const [arn, keyArn] of [[customer.arn, key], [service.arn, undefined]] as const) {
      const ref = parseDetectorArn(arn)!;
      const { state } = (await env.srv.server.app.store.anomaly.getSealed(ref.accountId, ref.region, ref.detectorId))!;
      assert.equal(state.keyArn, keyArn);
      assert.equal(state.data.includes('database connection refused'), false);
      assert.equal(state.data.includes('LSAE'), false, 'no engine state header in clear');
      assert.throws(() => decodeState(state.data));
      assert.equal(state.wrappedKey.length > 32, true);
    }
  });
});
