import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DescribeKeyCommand, GetKeyPolicyCommand, PutKeyPolicyCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { CreateRoleCommand, DeleteAccessKeyCommand, DeleteUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { clientConfig, devAccount } from '../../helpers/server.js';
import { iamUser, rejects } from '../helpers.js';
import { policyAllowing, startKms, type KmsFixture } from './lifecycleFixtures.js';

const ALL = ['kms:*'];

describe('PutKeyPolicy', () => {
  let f: KmsFixture;
  before(async () => {
    f = await startKms();
  });
  after(() => f.dispose());

  const policyOf = async (keyId: string) => (await f.kms.send(new GetKeyPolicyCommand({ KeyId: keyId }))).Policy;

  describe('serialization', () => {
    test('answers with an empty body and GetKeyPolicy returns the policy exactly as sent', async () => {
      const key = await f.createKey();
      const policy = `{\n  "Version": "2012-10-17",\n  "Statement": [{"Sid": "Root", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::${devAccount}:root"}, "Action": "kms:*", "Resource": "*"}]\n}`;
      const out = await f.kms.send(new PutKeyPolicyCommand({ KeyId: key.Arn, PolicyName: 'default', Policy: policy }));
      assert.equal(out.$metadata.httpStatusCode, 200);
      assert.equal(await policyOf(key.KeyId!), policy);
    });
  });

  describe('validation', () => {
    test('returns NotFoundException for a policy name other than default', async () => {
      const key = await f.createKey();
      await rejects(
        f.kms.send(new PutKeyPolicyCommand({ KeyId: key.KeyId, PolicyName: 'custom', Policy: policyAllowing(devAccount, ALL) })),
        'NotFoundException',
        'No such policy exists',
      );
    });

    test('returns LimitExceededException for a policy over 32 KB', async () => {
      const key = await f.createKey();
      const policy = policyAllowing(devAccount, ALL).replace('{', `{${' '.repeat(32_768)}`);
      await rejects(f.kms.send(new PutKeyPolicyCommand({ KeyId: key.KeyId, Policy: policy })), 'LimitExceededException', 'The key policy exceeds the maximum size of 32768 bytes.');
    });

    test('returns MalformedPolicyDocumentException for a document that is not JSON', async () => {
      const key = await f.createKey();
      await rejects(f.kms.send(new PutKeyPolicyCommand({ KeyId: key.KeyId, Policy: '{"Version":' })), 'MalformedPolicyDocumentException', 'Syntax errors in policy.');
    });

    test('returns MalformedPolicyDocumentException for a principal that does not exist', async () => {
      const key = await f.createKey();
      const policy = JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${devAccount}:root` }, Action: 'kms:*', Resource: '*' },
          { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${devAccount}:user/nobody` }, Action: 'kms:Decrypt', Resource: '*' },
        ],
      });
      await rejects(
        f.kms.send(new PutKeyPolicyCommand({ KeyId: key.KeyId, Policy: policy })),
        'MalformedPolicyDocumentException',
        'Policy contains a statement with one or more invalid principals.',
      );
    });

    test('returns MalformedPolicyDocumentException when the new policy would lock the caller out', async () => {
      const key = await f.createKey();
      const before = await policyOf(key.KeyId!);
      await rejects(
        f.kms.send(new PutKeyPolicyCommand({ KeyId: key.KeyId, Policy: policyAllowing(devAccount, ['kms:DescribeKey']) })),
        'MalformedPolicyDocumentException',
        'The new key policy will not allow you to update the key policy in the future.',
      );
      assert.equal(await policyOf(key.KeyId!), before, 'the policy is unchanged');
    });

    test("returns NotFoundException for another account's key named by its ARN", async () => {
      const other = await f.otherAccount();
      const theirs = await f.createKey({}, f.client({ creds: other }));
      await rejects(
        f.kms.send(new PutKeyPolicyCommand({ KeyId: theirs.Arn, Policy: policyAllowing(devAccount, ALL) })),
        'NotFoundException',
        `Key '${theirs.Arn}' does not exist`,
      );
    });
  });

  describe('behaviour', () => {
    test('BypassPolicyLockoutSafetyCheck lets the caller lock itself out, and the new policy applies at once', async () => {
      const key = await f.createKey();
      await f.kms.send(new PutKeyPolicyCommand({ KeyId: key.KeyId, Policy: policyAllowing(devAccount, ['kms:DescribeKey']), BypassPolicyLockoutSafetyCheck: true }));
      assert.equal((await f.kms.send(new DescribeKeyCommand({ KeyId: key.KeyId }))).KeyMetadata!.KeyId, key.KeyId);
      await rejects(
        f.kms.send(new PutKeyPolicyCommand({ KeyId: key.KeyId, Policy: policyAllowing(devAccount, ALL) })),
        'AccessDeniedException',
        `User: arn:aws:iam::${devAccount}:root is not authorized to perform: kms:PutKeyPolicy on resource: ${key.Arn} because no resource-based policy allows the kms:PutKeyPolicy action`,
      );
    });

    test('a policy granting only kms:PutKeyPolicy passes the lockout check', async () => {
      const key = await f.createKey();
      await f.kms.send(new PutKeyPolicyCommand({ KeyId: key.KeyId, Policy: policyAllowing(devAccount, ['kms:PutKeyPolicy']) }));
      await f.kms.send(new PutKeyPolicyCommand({ KeyId: key.KeyId, Policy: policyAllowing(devAccount, ALL) }));
    });

    test('accepts an IAM user and role that exist, and refuses the user once IAM has deleted it', async () => {
      const user = await iamUser(f.srv, 'policy-principal');
      const iam = new IAMClient(clientConfig(f.srv.url));
      const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${devAccount}:root` }, Action: 'sts:AssumeRole' }] };
      const role = (await iam.send(new CreateRoleCommand({ RoleName: 'policy-principal-role', AssumeRolePolicyDocument: JSON.stringify(trust) }))).Role!;
      const policy = JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${devAccount}:root` }, Action: 'kms:*', Resource: '*' },
          { Effect: 'Allow', Principal: { AWS: [user.arn, role.Arn!] }, Action: 'kms:Decrypt', Resource: '*' },
        ],
      });
      const key = await f.createKey();
      await f.kms.send(new PutKeyPolicyCommand({ KeyId: key.KeyId, Policy: policy }));
      assert.equal(await policyOf(key.KeyId!), policy);

      await iam.send(new DeleteAccessKeyCommand({ UserName: 'policy-principal', AccessKeyId: user.creds.accessKeyId }));
      await iam.send(new DeleteUserCommand({ UserName: 'policy-principal' }));
      iam.destroy();
      await rejects(
        f.kms.send(new PutKeyPolicyCommand({ KeyId: key.KeyId, Policy: policy })),
        'MalformedPolicyDocumentException',
        'Policy contains a statement with one or more invalid principals.',
      );
    });

    test('works on a key pending deletion', async () => {
      const key = await f.createKey();
      await f.kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
      const policy = policyAllowing(devAccount, ALL);
      await f.kms.send(new PutKeyPolicyCommand({ KeyId: key.KeyId, Policy: policy }));
      assert.equal(await policyOf(key.KeyId!), policy);
    });
  });
});
