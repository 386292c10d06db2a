import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ListAnomaliesCommand, UpdateAnomalyCommand, type ListAnomaliesRequest } from '@aws-sdk/client-cloudwatch-logs';
import { DisableKeyCommand, EnableKeyCommand } from '@aws-sdk/client-kms';
import { devAccount } from '../../helpers/server.js';
import {
  createKey,
  detectorKeyPolicy,
  detectorWithIncident,
  groupArn,
  INCIDENT,
  REGION,
  sdkError,
  startAnomalyEnv,
  type AnomalyEnv,
} from '../../anomaly/service/helpers.js';

/** Three new patterns at once: an error, a fatal error and a warning. */
const THREE_KINDS = [
  'ERROR database connection refused to db-1.internal:5432',
  'ERROR database connection refused to db-2.internal:5432',
  'FATAL worker pool exhausted, shutting down',
  'WARN disk almost full on volume data',
];

describe('ListAnomalies', () => {
  let env: AnomalyEnv;
  let three: { arn: string; ids: string[] };
  let key: string;
  let single: string;
  before(async () => {
    env = await startAnomalyEnv();
    key = await createKey(env.kms, { policy: detectorKeyPolicy('both') });
    const a = await detectorWithIncident(env, '/anomalies/three', { kmsKeyId: key }, THREE_KINDS);
    three = { arn: a.arn, ids: a.anomalies.map((x) => x.anomalyId!).sort() };
    single = (await detectorWithIncident(env, '/anomalies/single')).arn;
  });
  after(() => env.dispose());

  const list = (input: ListAnomaliesRequest) => env.logs.send(new ListAnomaliesCommand(input));

  describe('serialization', () => {
    test('answers every field of the model for an anomaly', async () => {
      const out = await list({ anomalyDetectorArn: single });
      assert.equal(out.nextToken, undefined);
      assert.equal(out.anomalies!.length, 1);
      const a = out.anomalies![0]!;
      assert.equal(a.anomalyId!.length, 36);
      assert.match(a.patternId!, /^[0-9a-f]{32}$/);
      assert.equal(a.anomalyDetectorArn, single);
      assert.equal(a.patternString, INCIDENT);
      assert.ok(new RegExp(a.patternRegex!).test('ERROR database connection refused to db-9.internal:5432'), a.patternRegex);
      assert.equal(a.priority, 'HIGH');
      assert.equal(a.description, 'New pattern: 5 events matched a pattern not seen before.');
      assert.equal(a.active, true);
      assert.equal(a.state, 'Active');
      assert.equal(a.suppressed, false);
      // AWS returns the suppression fields on every anomaly: 0 and false when it is not suppressed.
      assert.equal(a.suppressedDate, 0);
      assert.equal(a.suppressedUntil, 0);
      assert.equal(a.isPatternLevelSuppression, false);
      assert.deepEqual(a.logGroupArnList, [groupArn('/anomalies/single')]);
      assert.ok(a.lastSeen! >= a.firstSeen!);
      // one run found it: the window's end (epoch ms, as the histogram's key) and the events in it
      const runs = Object.entries(a.histogram!);
      assert.equal(runs.length, 1);
      assert.equal(runs[0]![1], 5);
      assert.ok(Number(runs[0]![0]) > a.lastSeen!);
      assert.equal(a.logSamples!.length, 5);
      assert.ok(a.logSamples!.every((s) => s.message!.startsWith('ERROR database connection refused') && s.timestamp! >= a.firstSeen!));
      assert.deepEqual(
        a.patternTokens!.map((t) => t.tokenString),
        ['ERROR', 'database', 'connection', 'refused', 'to', '<*>'],
      );
      const dynamic = a.patternTokens!.filter((t) => t.isDynamic);
      assert.deepEqual(dynamic.map((t) => [t.tokenString, t.dynamicTokenPosition]), [['<*>', 1]]);
      assert.ok(dynamic.every((t) => typeof t.inferredTokenName === 'string'));
      // Static tokens carry position 0 and no enumerations, as in the AWS CLI's list-anomalies example.
      assert.ok(a.patternTokens!.filter((t) => !t.isDynamic).every((t) => t.dynamicTokenPosition === 0 && Object.keys(t.enumerations ?? { x: 1 }).length === 0));
    });
  });

  describe('validation', () => {
    test('returns ResourceNotFoundException for an unknown detector', async () => {
      const unknown = `arn:aws:logs:${REGION}:${devAccount}:anomaly-detector:00000000-0000-4000-8000-000000000000`;
      assert.deepEqual(await sdkError(list({ anomalyDetectorArn: unknown })), {
        name: 'ResourceNotFoundException',
        message: 'The specified anomaly detector does not exist.',
        status: 400,
      });
    });

    test('refuses a nextToken it did not make', async () => {
      assert.deepEqual(await sdkError(list({ anomalyDetectorArn: single, nextToken: 'bogus' })), {
        name: 'InvalidParameterException',
        message: 'The specified nextToken is invalid.',
        status: 400,
      });
    });
  });

  describe('behaviour', () => {
    test('reports each new pattern once, with a priority from its severity', async () => {
      const out = (await list({ anomalyDetectorArn: three.arn })).anomalies!;
      const byPattern = Object.fromEntries(out.map((a) => [a.patternString, a.priority]));
      assert.deepEqual(byPattern, {
        [INCIDENT]: 'HIGH',
        'FATAL worker pool exhausted, shutting down': 'HIGH',
        'WARN disk almost full on volume data': 'MEDIUM',
      });
    });

    test('pages through the anomalies, in anomaly id order', async () => {
      const seen: string[] = [];
      let nextToken: string | undefined;
      let pages = 0;
      do {
        const page = await list({ anomalyDetectorArn: three.arn, limit: 2, nextToken });
        seen.push(...page.anomalies!.map((a) => a.anomalyId!));
        nextToken = page.nextToken;
        pages++;
      } while (nextToken);
      assert.equal(pages, 2);
      assert.deepEqual(seen, three.ids);
    });

    test('lists the anomalies of every detector of the caller without an ARN', async () => {
      const all = (await list({})).anomalies!;
      assert.deepEqual(new Set(all.map((a) => a.anomalyDetectorArn)), new Set([three.arn, single]));
      assert.equal(all.length, 4);
      const first = await list({ limit: 3 });
      const rest = await list({ limit: 3, nextToken: first.nextToken });
      assert.deepEqual([...first.anomalies!, ...rest.anomalies!].map((a) => a.anomalyId), all.map((a) => a.anomalyId));
    });

    test('lists only the suppressed, or only the unsuppressed, anomalies', async () => {
      const first = three.ids[0]!;
      await env.logs.send(new UpdateAnomalyCommand({ anomalyDetectorArn: three.arn, anomalyId: first, suppressionType: 'INFINITE' }));
      try {
        const suppressed = (await list({ anomalyDetectorArn: three.arn, suppressionState: 'SUPPRESSED' })).anomalies!;
        assert.deepEqual(suppressed.map((a) => a.anomalyId), [first]);
        const unsuppressed = (await list({ anomalyDetectorArn: three.arn, suppressionState: 'UNSUPPRESSED' })).anomalies!;
        assert.deepEqual(unsuppressed.map((a) => a.anomalyId), three.ids.slice(1));
      } finally {
        await env.logs.send(new UpdateAnomalyCommand({ anomalyDetectorArn: three.arn, anomalyId: first }));
      }
    });

    test("fails with AccessDeniedException while a detector's key is disabled, with or without its ARN", async () => {
      await env.kms.send(new DisableKeyCommand({ KeyId: key }));
      try {
        const expected = {
          name: 'AccessDeniedException',
          message: `The KMS key ${key} that encrypts the data of anomaly detector '${three.arn}' cannot be used: DisabledException: ${key} is disabled.`,
          status: 400,
        };
        assert.deepEqual(await sdkError(list({ anomalyDetectorArn: three.arn })), expected);
        assert.deepEqual(await sdkError(list({})), expected);
        assert.equal((await list({ anomalyDetectorArn: single })).anomalies!.length, 1);
      } finally {
        await env.kms.send(new EnableKeyCommand({ KeyId: key }));
      }
    });
  });
});
