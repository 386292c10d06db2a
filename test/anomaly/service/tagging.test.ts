import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CloudWatchLogsClient, ListTagsForResourceCommand, TagResourceCommand, UntagResourceCommand } from '@aws-sdk/client-cloudwatch-logs';
import { IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { DisableKeyCommand } from '@aws-sdk/client-kms';
import { clientConfig, devAccount, devCreds } from '../../helpers/server.js';
import { userWithKey } from '../../iam/ops/iamFixtures.js';
import { createDetector, createGroupAndStream, createKey, detectorKeyPolicy, groupArn, REGION, sdkError, startAnomalyEnv, type AnomalyEnv } from './helpers.js';

/**
 * TagResource, UntagResource and ListTagsForResource on anomaly detector ARNs (the log group side is tested in
 * test/logs/ops/). AWS tags detectors at creation (`tags`) and through the ARN-based tagging operations.
 */
describe('tagging anomaly detectors', () => {
  let env: AnomalyEnv;
  let detector: string;
  before(async () => {
    env = await startAnomalyEnv();
    await createGroupAndStream(env.logs, '/tags/web', 's');
    detector = await createDetector(env, { logGroupArnList: [groupArn('/tags/web')], tags: { team: 'core' } });
  });
  after(() => env.dispose());

  const tagsOf = async (resourceArn: string) => (await env.logs.send(new ListTagsForResourceCommand({ resourceArn }))).tags;
  const unknown = `arn:aws:logs:${REGION}:${devAccount}:anomaly-detector:00000000-0000-4000-8000-000000000000`;
  const notFound = { name: 'ResourceNotFoundException', message: 'The specified anomaly detector does not exist.', status: 400 };

  describe('ListTagsForResource', () => {
    test('lists the tags a detector was created with', async () => {
      assert.deepEqual(await tagsOf(detector), { team: 'core' });
    });

    test('returns ResourceNotFoundException for an unknown detector, or one named with another region or account', async () => {
      const id = detector.split(':').pop()!;
      for (const resourceArn of [unknown, `arn:aws:logs:eu-west-1:${devAccount}:anomaly-detector:${id}`, `arn:aws:logs:${REGION}:123456789012:anomaly-detector:${id}`]) {
        assert.deepEqual(await sdkError(env.logs.send(new ListTagsForResourceCommand({ resourceArn }))), notFound, resourceArn);
      }
    });
  });

  describe('TagResource', () => {
    test('adds tags to a detector and replaces the value of existing keys', async () => {
      const arn = await createDetector(env, { logGroupArnList: [groupArn('/tags/web')], tags: { env: 'dev', team: 'core' } });
      const out = await env.logs.send(new TagResourceCommand({ resourceArn: arn, tags: { env: 'prod', owner: 'ops' } }));
      assert.deepEqual(Object.keys(out).filter((k) => k !== '$metadata'), []);
      assert.deepEqual(await tagsOf(arn), { env: 'prod', team: 'core', owner: 'ops' });
    });

    test('refuses reserved aws: keys and more than 50 tags on a detector', async () => {
      const arn = await createDetector(env, { logGroupArnList: [groupArn('/tags/web')] });
      assert.deepEqual(await sdkError(env.logs.send(new TagResourceCommand({ resourceArn: arn, tags: { 'aws:x': '1' } }))), {
        name: 'InvalidParameterException',
        message: 'Tag keys beginning with aws: are reserved.',
        status: 400,
      });
      const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v']));
      await env.logs.send(new TagResourceCommand({ resourceArn: arn, tags: fifty }));
      assert.deepEqual(await sdkError(env.logs.send(new TagResourceCommand({ resourceArn: arn, tags: { extra: 'v' } }))), {
        name: 'TooManyTagsException',
        message: 'A resource can have no more than 50 tags.',
        status: 400,
      });
      assert.equal(Object.keys((await tagsOf(arn))!).length, 50);
    });

    test('returns ResourceNotFoundException for an unknown detector', async () => {
      assert.deepEqual(await sdkError(env.logs.send(new TagResourceCommand({ resourceArn: unknown, tags: { a: '1' } }))), notFound);
    });

    test("tags a detector whose key is disabled: tags are settings, not the detector's data", async () => {
      const key = await createKey(env.kms, { policy: detectorKeyPolicy('both') });
      const arn = await createDetector(env, { logGroupArnList: [groupArn('/tags/web')], kmsKeyId: key });
      await env.kms.send(new DisableKeyCommand({ KeyId: key }));
      await env.logs.send(new TagResourceCommand({ resourceArn: arn, tags: { a: '1' } }));
      assert.deepEqual(await tagsOf(arn), { a: '1' });
    });

    test('keeps tags across a scheduler run, which rewrites the detector', async () => {
      const arn = await createDetector(env, { logGroupArnList: [groupArn('/tags/web')] });
      await env.logs.send(new TagResourceCommand({ resourceArn: arn, tags: { kept: 'yes' } }));
      await env.runScheduler();
      assert.deepEqual(await tagsOf(arn), { kept: 'yes' });
    });
  });

  describe('UntagResource', () => {
    test('removes the named keys from a detector and ignores keys it does not have', async () => {
      const arn = await createDetector(env, { logGroupArnList: [groupArn('/tags/web')], tags: { a: '1', b: '2' } });
      const out = await env.logs.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['a', 'missing'] }));
      assert.deepEqual(Object.keys(out).filter((k) => k !== '$metadata'), []);
      assert.deepEqual(await tagsOf(arn), { b: '2' });
    });

    test('returns ResourceNotFoundException for an unknown detector', async () => {
      assert.deepEqual(await sdkError(env.logs.send(new UntagResourceCommand({ resourceArn: unknown, tagKeys: ['a'] }))), notFound);
    });
  });
});

describe('authorization of detector tagging', () => {
  let env: AnomalyEnv;
  before(async () => {
    env = await startAnomalyEnv();
  });
  after(() => env.dispose());

  test('a user without logs:TagResource on the detector ARN is refused, with AWS wording; a policy on that ARN allows it', async () => {
    await createGroupAndStream(env.logs, '/tags/authz', 's');
    const detector = await createDetector(env, { logGroupArnList: [groupArn('/tags/authz')] });
    const iam = new IAMClient(clientConfig(env.srv.url, devCreds, REGION));
    const creds = await userWithKey(iam, 'tagger');
    const logs = new CloudWatchLogsClient(clientConfig(env.srv.url, creds, REGION));
    const denied = await sdkError(logs.send(new TagResourceCommand({ resourceArn: detector, tags: { a: '1' } })));
    assert.deepEqual(denied, {
      name: 'AccessDeniedException',
      message: `User: arn:aws:iam::${devAccount}:user/tagger is not authorized to perform: logs:TagResource on resource: ${detector} because no identity-based policy allows the logs:TagResource action`,
      status: 400,
    });
    const doc = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['logs:TagResource', 'logs:ListTagsForResource'], Resource: detector }] });
    await iam.send(new PutUserPolicyCommand({ UserName: 'tagger', PolicyName: 'tag-detector', PolicyDocument: doc }));
    await logs.send(new TagResourceCommand({ resourceArn: detector, tags: { a: '1' } }));
    assert.deepEqual((await logs.send(new ListTagsForResourceCommand({ resourceArn: detector }))).tags, { a: '1' });
  });
});
