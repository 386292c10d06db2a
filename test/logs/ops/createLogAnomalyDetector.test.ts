import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateLogAnomalyDetectorCommand, CreateLogGroupCommand, GetLogAnomalyDetectorCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DisableKeyCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { devAccount } from '../../helpers/server.js';
import {
  createDetector,
  createKey,
  DETECTOR_ARN_RE,
  detectorKeyPolicy,
  groupArn,
  REGION,
  sdkError,
  startAnomalyEnv,
  type AnomalyEnv,
} from '../../anomaly/service/helpers.js';

/** The detector ARN an error message names (a refused detector's ARN is never returned), checked for its form. */
function namedDetector(message: string): string {
  const m = /(arn:aws:logs:[^']+:anomaly-detector:[0-9a-f-]{36})/.exec(message);
  assert.ok(m, message);
  assert.match(m[1]!, DETECTOR_ARN_RE);
  return m[1]!;
}

describe('CreateLogAnomalyDetector', () => {
  let env: AnomalyEnv;
  let n = 0;
  before(async () => {
    env = await startAnomalyEnv();
  });
  after(() => env.dispose());

  /** A new empty log group; returns its ARN. */
  const newGroup = async () => {
    const name = `/create/g${++n}`;
    await env.logs.send(new CreateLogGroupCommand({ logGroupName: name }));
    return groupArn(name);
  };
  const create = (input: Partial<Parameters<typeof createDetector>[1]> & { logGroupArnList: string[] }) =>
    env.logs.send(new CreateLogAnomalyDetectorCommand(input));

  describe('serialization', () => {
    test("answers the new detector's ARN, and the detector has AWS's defaults", async () => {
      const group = await newGroup();
      const before = env.clock.now();
      const out = await create({ logGroupArnList: [group] });
      assert.deepEqual(Object.keys(out).filter((k) => k !== '$metadata'), ['anomalyDetectorArn']);
      assert.match(out.anomalyDetectorArn!, DETECTOR_ARN_RE);
      const got = await env.logs.send(new GetLogAnomalyDetectorCommand({ anomalyDetectorArn: out.anomalyDetectorArn }));
      assert.equal(got.evaluationFrequency, 'FIVE_MIN');
      assert.equal(got.anomalyVisibilityTime, 21);
      assert.deepEqual(got.logGroupArnList, [group]);
      assert.equal(got.detectorName, undefined);
      assert.equal(got.kmsKeyId, undefined);
      assert.ok(got.creationTimeStamp! >= before && got.creationTimeStamp! <= env.clock.now());
      assert.equal(got.lastModifiedTimeStamp, got.creationTimeStamp);
    });

    test('keeps what was given: name, frequency, filter pattern and visibility', async () => {
      const group = await newGroup();
      const arn = await createDetector(env, {
        logGroupArnList: [group],
        detectorName: 'errors',
        evaluationFrequency: 'TEN_MIN',
        filterPattern: '?ERROR ?WARN',
        anomalyVisibilityTime: 7,
        tags: { team: 'ops' },
      });
      const got = await env.logs.send(new GetLogAnomalyDetectorCommand({ anomalyDetectorArn: arn }));
      assert.equal(got.detectorName, 'errors');
      assert.equal(got.evaluationFrequency, 'TEN_MIN');
      assert.equal(got.filterPattern, '?ERROR ?WARN');
      assert.equal(got.anomalyVisibilityTime, 7);
      assert.deepEqual(got.logGroupArnList, [group]);
    });
  });

  describe('validation', () => {
    test('returns ResourceNotFoundException for a log group that does not exist', async () => {
      const e = await sdkError(create({ logGroupArnList: [groupArn('/create/none')] }));
      assert.deepEqual(e, { name: 'ResourceNotFoundException', message: 'The specified log group does not exist.', status: 400 });
    });

    test("returns ResourceNotFoundException for another account's or region's log group", async () => {
      const group = await newGroup();
      const otherAccount = group.replace(`:${devAccount}:`, ':111122223333:');
      const otherRegion = group.replace(`:${REGION}:`, ':eu-west-1:');
      for (const arn of [otherAccount, otherRegion]) {
        assert.deepEqual(await sdkError(create({ logGroupArnList: [arn] })), {
          name: 'ResourceNotFoundException',
          message: 'The specified log group does not exist.',
          status: 400,
        });
      }
    });

    test('takes exactly one log group ARN', async () => {
      const a = await newGroup();
      const b = await newGroup();
      assert.deepEqual(await sdkError(create({ logGroupArnList: [a, b] })), {
        name: 'InvalidParameterException',
        message: 'logGroupArnList must contain exactly one log group ARN; it contains 2.',
        status: 400,
      });
      assert.deepEqual(await sdkError(create({ logGroupArnList: [] })), {
        name: 'InvalidParameterException',
        message: 'logGroupArnList must contain exactly one log group ARN; it contains 0.',
        status: 400,
      });
    });

    test('refuses a log group name where an ARN is needed', async () => {
      assert.deepEqual(await sdkError(create({ logGroupArnList: ['/create/g1'] })), {
        name: 'InvalidParameterException',
        message: 'Invalid log group ARN: /create/g1',
        status: 400,
      });
    });

    test('refuses a visibility time outside 7-90 days (model validation)', async () => {
      const group = await newGroup();
      const e = await sdkError(create({ logGroupArnList: [group], anomalyVisibilityTime: 6 }));
      assert.equal(e.name, 'InvalidParameterException');
      assert.match(e.message, /anomalyVisibilityTime/);
    });

    test('refuses a malformed filter pattern with the filter syntax error', async () => {
      const group = await newGroup();
      const e = await sdkError(create({ logGroupArnList: [group], filterPattern: '{ $.status = ' }));
      assert.equal(e.name, 'InvalidParameterException');
      assert.equal(e.message, "If a filter pattern starts with '{' it must end with '}'");
    });

    test('refuses tags in the reserved aws: namespace', async () => {
      const group = await newGroup();
      assert.deepEqual(await sdkError(create({ logGroupArnList: [group], tags: { 'aws:team': 'x' } })), {
        name: 'InvalidParameterException',
        message: 'Tag keys beginning with aws: are reserved.',
        status: 400,
      });
    });
  });

  describe('behaviour', () => {
    test('is refused with AccessDeniedException naming key and detector when the key policy lacks CloudWatch Logs', async () => {
      const group = await newGroup();
      for (const policy of [undefined, detectorKeyPolicy('log-groups-only')]) {
        const key = await createKey(env.kms, { policy });
        const e = await sdkError(create({ logGroupArnList: [group], kmsKeyId: key }));
        const arn = namedDetector(e.message);
        assert.deepEqual(e, {
          name: 'AccessDeniedException',
          message: `The specified KMS key ${key} does not exist or is not allowed to be used with anomaly detector '${arn}'`,
          status: 400,
        });
      }
    });

    test('works with a key policy carrying either documented detector statement, or both', async () => {
      const group = await newGroup();
      for (const which of ['both', 'crypto-ec', 'logs-arn'] as const) {
        const key = await createKey(env.kms, { policy: detectorKeyPolicy(which) });
        const arn = await createDetector(env, { logGroupArnList: [group], kmsKeyId: key });
        assert.equal((await env.logs.send(new GetLogAnomalyDetectorCommand({ anomalyDetectorArn: arn }))).kmsKeyId, key, which);
      }
    });

    test("does not work with another region's CloudWatch Logs in the key policy", async () => {
      const group = await newGroup();
      const key = await createKey(env.kms, { policy: detectorKeyPolicy('both', devAccount, 'eu-west-1') });
      const e = await sdkError(create({ logGroupArnList: [group], kmsKeyId: key }));
      assert.equal(e.name, 'AccessDeniedException');
      assert.equal(e.message, `The specified KMS key ${key} does not exist or is not allowed to be used with anomaly detector '${namedDetector(e.message)}'`);
    });

    test('refuses an asymmetric key with InvalidParameterException naming key and detector', async () => {
      const group = await newGroup();
      // A policy letting the service describe the key: its spec is checked first.
      const described = await createKey(env.kms, { policy: detectorKeyPolicy('unconditional'), keySpec: 'RSA_2048', keyUsage: 'ENCRYPT_DECRYPT' });
      const e1 = await sdkError(create({ logGroupArnList: [group], kmsKeyId: described }));
      assert.deepEqual(e1, {
        name: 'InvalidParameterException',
        message: `CloudWatch Logs supports only symmetric encryption KMS keys; ${described} has key spec RSA_2048 and key usage ENCRYPT_DECRYPT and cannot be used with anomaly detector '${namedDetector(e1.message)}'.`,
        status: 400,
      });
      // A policy allowing use only with the detector's encryption context: DescribeKey is denied, KMS refuses the data key.
      const used = await createKey(env.kms, { policy: detectorKeyPolicy('both'), keySpec: 'RSA_2048', keyUsage: 'ENCRYPT_DECRYPT' });
      const e2 = await sdkError(create({ logGroupArnList: [group], kmsKeyId: used }));
      assert.deepEqual(e2, {
        name: 'InvalidParameterException',
        message: `The specified KMS key ${used} cannot be used with anomaly detector '${namedDetector(e2.message)}': You cannot generate a data key with an asymmetric CMK`,
        status: 400,
      });
    });

    test('refuses a disabled key, a key pending deletion and a key that does not exist', async () => {
      const group = await newGroup();
      const disabled = await createKey(env.kms, { policy: detectorKeyPolicy('both') });
      await env.kms.send(new DisableKeyCommand({ KeyId: disabled }));
      const e1 = await sdkError(create({ logGroupArnList: [group], kmsKeyId: disabled }));
      assert.deepEqual(e1, {
        name: 'InvalidParameterException',
        message: `The specified KMS key ${disabled} cannot be used with anomaly detector '${namedDetector(e1.message)}': ${disabled} is disabled.`,
        status: 400,
      });

      const pending = await createKey(env.kms, { policy: detectorKeyPolicy('both') });
      await env.kms.send(new ScheduleKeyDeletionCommand({ KeyId: pending, PendingWindowInDays: 7 }));
      const e2 = await sdkError(create({ logGroupArnList: [group], kmsKeyId: pending }));
      assert.deepEqual(e2, {
        name: 'InvalidParameterException',
        message: `The specified KMS key ${pending} cannot be used with anomaly detector '${namedDetector(e2.message)}': ${pending} is pending deletion.`,
        status: 400,
      });

      const missing = `arn:aws:kms:${REGION}:${devAccount}:key/00000000-0000-4000-8000-000000000000`;
      const e3 = await sdkError(create({ logGroupArnList: [group], kmsKeyId: missing }));
      assert.deepEqual(e3, {
        name: 'InvalidParameterException',
        message: `The specified KMS key ${missing} could not be found; it cannot be used with anomaly detector '${namedDetector(e3.message)}'.`,
        status: 400,
      });
    });

    test('gives every detector its own ARN, several per group', async () => {
      const group = await newGroup();
      const a = await createDetector(env, { logGroupArnList: [group] });
      const b = await createDetector(env, { logGroupArnList: [group] });
      assert.notEqual(a, b);
    });
  });
});
