import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreatePolicyCommand } from '@aws-sdk/client-iam';
import { ACCOUNT, allowDoc, rejectsWith, startIam, type IamTestEnv } from './iamFixtures.js';

describe('CreatePolicy', () => {
  let env: IamTestEnv;
  before(async () => {
    env = await startIam();
  });
  after(() => env.dispose());

  describe('serialization', () => {
    test('returns the policy at v1, attachable, unattached, without its description, with its tags as given', async () => {
      const p = (
        await env.iam.send(
          new CreatePolicyCommand({
            PolicyName: 'reader',
            Path: '/test/path/',
            PolicyDocument: allowDoc('s3:Get*'),
            Description: 'testing',
            Tags: [{ Key: 'a', Value: 'lowercase' }, { Key: 'A', Value: 'uppercase' }],
          }),
        )
      ).Policy!;
      assert.equal(p.Arn, `arn:aws:iam::${ACCOUNT}:policy/test/path/reader`);
      assert.match(p.PolicyId!, /^ANPA[A-Z0-9]{17}$/);
      assert.equal(p.Path, '/test/path/');
      assert.equal(p.DefaultVersionId, 'v1');
      assert.equal(p.AttachmentCount, 0);
      assert.equal(p.PermissionsBoundaryUsageCount, 0);
      assert.equal(p.IsAttachable, true);
      assert.deepEqual(p.CreateDate, p.UpdateDate);
      assert.equal(p.Description, undefined);
      assert.deepEqual(p.Tags, [
        { Key: 'a', Value: 'lowercase' },
        { Key: 'A', Value: 'uppercase' },
      ]);
    });
  });

  describe('validation', () => {
    test('returns MalformedPolicyDocument for a document without version 2012-10-17', async () => {
      const noVersion = JSON.stringify({ Statement: { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::example_bucket' } });
      await rejectsWith(
        env.iam.send(new CreatePolicyCommand({ PolicyName: 'v0', PolicyDocument: noVersion })),
        'MalformedPolicyDocument',
        'Policy document must be version 2012-10-17 or greater.',
        400,
      );
      const old = JSON.stringify({ Version: '2008-10-17', Statement: { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::example_bucket' } });
      await rejectsWith(env.iam.send(new CreatePolicyCommand({ PolicyName: 'v0', PolicyDocument: old })), 'MalformedPolicyDocument', 'Policy document must be version 2012-10-17 or greater.');
    });

    test('reports a syntax error before the version, and the version before other faults', async () => {
      await rejectsWith(env.iam.send(new CreatePolicyCommand({ PolicyName: 'v0', PolicyDocument: 'This is not a json document' })), 'MalformedPolicyDocument', 'Syntax errors in policy.');
      const bothWrong = JSON.stringify({ Statement: { Effect: 'Allow', Action: 'nocolon', Resource: '*' } });
      await rejectsWith(env.iam.send(new CreatePolicyCommand({ PolicyName: 'v0', PolicyDocument: bothWrong })), 'MalformedPolicyDocument', 'Policy document must be version 2012-10-17 or greater.');
      await rejectsWith(
        env.iam.send(new CreatePolicyCommand({ PolicyName: 'v0', PolicyDocument: allowDoc('nocolon') })),
        'MalformedPolicyDocument',
        'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.',
      );
    });

    test('returns LimitExceeded for a document over 6144 characters without whitespace', async () => {
      const huge = allowDoc(Array.from({ length: 400 }, (_, i) => `s3:SomeAction${i}`));
      await rejectsWith(env.iam.send(new CreatePolicyCommand({ PolicyName: 'huge', PolicyDocument: huge })), 'LimitExceeded', 'Cannot exceed quota for PolicySize: 6144', 409);
    });

    test('returns InvalidInput for the same tag key twice (keys are case-sensitive)', async () => {
      await rejectsWith(
        env.iam.send(new CreatePolicyCommand({ PolicyName: 'dup', PolicyDocument: allowDoc(), Tags: [{ Key: 'k', Value: '1' }, { Key: 'k', Value: '2' }] })),
        'InvalidInput',
        'Duplicate tag keys found.',
      );
    });
  });

  describe('behaviour', () => {
    test('returns EntityAlreadyExists for a name in use, even under another path', async () => {
      await env.iam.send(new CreatePolicyCommand({ PolicyName: 'taken', PolicyDocument: allowDoc() }));
      await rejectsWith(
        env.iam.send(new CreatePolicyCommand({ PolicyName: 'taken', Path: '/other/', PolicyDocument: allowDoc() })),
        'EntityAlreadyExists',
        'A policy called taken already exists. Duplicate names are not allowed.',
        409,
      );
    });
  });
});
