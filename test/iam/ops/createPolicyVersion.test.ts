import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreatePolicyCommand, CreatePolicyVersionCommand, DeletePolicyVersionCommand, GetPolicyCommand, ListPolicyVersionsCommand } from '@aws-sdk/client-iam';
import { allowDoc, rejectsWith, startIam, type IamTestEnv } from './iamFixtures.js';

describe('CreatePolicyVersion', () => {
  let env: IamTestEnv;
  before(async () => {
    env = await startIam();
  });
  after(() => env.dispose());

  const newPolicy = async (name: string) => (await env.iam.send(new CreatePolicyCommand({ PolicyName: name, PolicyDocument: allowDoc() }))).Policy!.Arn!;

  describe('serialization', () => {
    test('returns the version id, whether it is the default, and no document', async () => {
      const arn = await newPolicy('shape');
      const v = (await env.iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: allowDoc('s3:*'), SetAsDefault: true }))).PolicyVersion!;
      assert.equal(v.VersionId, 'v2');
      assert.equal(v.IsDefaultVersion, true);
      assert.equal(v.Document, undefined);
      assert.ok(v.CreateDate instanceof Date);
    });
  });

  describe('validation', () => {
    test('returns MalformedPolicyDocument for an invalid document', async () => {
      const arn = await newPolicy('invalid-doc');
      await rejectsWith(env.iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: '{}' })), 'MalformedPolicyDocument', 'Syntax errors in policy.');
    });
  });

  describe('behaviour', () => {
    test('SetAsDefault makes the new version the default; without it the default stays', async () => {
      const arn = await newPolicy('defaults');
      await env.iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: allowDoc('s3:*') }));
      assert.equal((await env.iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy!.DefaultVersionId, 'v1');
      await env.iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: allowDoc('s3:*'), SetAsDefault: true }));
      assert.equal((await env.iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy!.DefaultVersionId, 'v3');
    });

    test('returns LimitExceeded at five versions; ids keep counting after a deletion', async () => {
      const arn = await newPolicy('limit');
      for (let i = 2; i <= 5; i++) await env.iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: allowDoc() }));
      await rejectsWith(
        env.iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: allowDoc() })),
        'LimitExceeded',
        'A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.',
        409,
      );
      await env.iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v3' }));
      const v = (await env.iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: allowDoc() }))).PolicyVersion!;
      assert.equal(v.VersionId, 'v6');
      assert.deepEqual((await env.iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn }))).Versions!.map((x) => x.VersionId), ['v6', 'v5', 'v4', 'v2', 'v1']);
    });

    test('returns NoSuchEntity for an unknown policy', async () => {
      const arn = 'arn:aws:iam::000000000000:policy/none';
      await rejectsWith(env.iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: allowDoc() })), 'NoSuchEntity', `Policy ${arn} was not found.`);
    });
  });
});
