import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import {
  CreateGrantCommand,
  DecryptCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EncryptCommand,
  ListGrantsCommand,
  ScheduleKeyDeletionCommand,
} from '@aws-sdk/client-kms';
import { servicePrincipal } from '../../../src/auth/identity.js';
import type { RequestContext } from '../../../src/common/operation.js';
import { grantOps } from '../../../src/kms/grantOps.js';
import { awsCli, awsCliSkipReason } from '../../helpers/awsCli.js';
import { devCreds, startTestServer, type TestServer } from '../../helpers/server.js';
import { createKey, devAccountOf, newAccount, notAuthorized, rejectsWith, type Account } from './grantFixtures.js';

describe('CreateGrant', () => {
  let srv: TestServer;
  let dev: Account;
  let other: Account;
  let third: Account;
  let key: { keyId: string; arn: string };

  before(async () => {
    srv = await startTestServer();
    dev = devAccountOf(srv);
    other = await newAccount(srv);
    third = await newAccount(srv);
    key = await createKey(dev.kms);
  });
  after(() => srv.dispose());

  const grant = (kms: Account['kms'], input: Partial<ConstructorParameters<typeof CreateGrantCommand>[0]>) =>
    kms.send(new CreateGrantCommand({ KeyId: key.arn, GranteePrincipal: other.arn, Operations: ['DescribeKey'], ...input }));

  describe('serialization', () => {
    test('returns a GrantId of 64 hex digits and a GrantToken', async () => {
      const out = await grant(dev.kms, { KeyId: key.keyId });
      assert.match(out.GrantId!, /^[0-9a-f]{64}$/);
      assert.match(out.GrantToken!, /^[A-Za-z0-9_-]{20,}$/);
    });

    test('aws kms create-grant prints GrantId and GrantToken, and list-grants shows the grant (AWS CLI v2)', async (t) => {
      const skip = awsCliSkipReason();
      if (skip) return t.skip(skip);
      const k = await createKey(dev.kms);
      const created = await awsCli(srv.url, devCreds, ['kms', 'create-grant', '--key-id', k.keyId, '--grantee-principal', other.arn, '--operations', 'Decrypt', 'Encrypt', '--output', 'json']);
      assert.equal(created.code, 0, created.stderr);
      const { GrantId, GrantToken } = JSON.parse(created.stdout);
      assert.match(GrantId, /^[0-9a-f]{64}$/);
      assert.ok(GrantToken);
      const listed = await awsCli(srv.url, devCreds, ['kms', 'list-grants', '--key-id', k.arn, '--output', 'json']);
      assert.equal(listed.code, 0, listed.stderr);
      const grants = JSON.parse(listed.stdout).Grants;
      assert.equal(grants.length, 1);
      assert.equal(grants[0].GrantId, GrantId);
      assert.deepEqual(grants[0].Operations, ['Decrypt', 'Encrypt']);
      assert.equal(grants[0].IssuingAccount, `arn:aws:iam::${dev.accountId}:root`);
    });
  });

  describe('validation', () => {
    test('returns NotFoundException for an unknown key', async () => {
      const id = randomUUID();
      await rejectsWith(grant(dev.kms, { KeyId: id }), 'NotFoundException', `Key 'arn:aws:kms:us-east-1:${dev.accountId}:key/${id}' does not exist`);
    });

    test('refuses an alias as KeyId with InvalidArnException', async () => {
      await rejectsWith(grant(dev.kms, { KeyId: 'alias/anything' }), 'InvalidArnException', 'Key Aliases are not supported for this operation.');
    });

    test('refuses a grant whose only operation is CreateGrant', async () => {
      await rejectsWith(grant(dev.kms, { Operations: ['CreateGrant'] }), 'ValidationException', 'Grants must not contain only the CreateGrant operation.');
    });

    test('refuses Sign in a grant for a symmetric encryption key', async () => {
      await rejectsWith(
        grant(dev.kms, { Operations: ['Decrypt', 'Sign', 'Verify'] }),
        'ValidationException',
        `Grant operations [Sign, Verify] are not valid for ${key.arn}.`,
      );
    });

    test('refuses GenerateDataKey and encryption context constraints for an asymmetric signing key', async () => {
      const signing = await createKey(dev.kms, { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
      await rejectsWith(
        grant(dev.kms, { KeyId: signing.arn, Operations: ['Sign', 'GenerateDataKey'] }),
        'ValidationException',
        `Grant operations [GenerateDataKey] are not valid for ${signing.arn}.`,
      );
      await rejectsWith(
        grant(dev.kms, { KeyId: signing.arn, Operations: ['Sign'], Constraints: { EncryptionContextSubset: { a: 'b' } } }),
        'ValidationException',
        `Encryption context grant constraints are supported only on grant operations that take an encryption context; ${signing.arn} does not.`,
      );
      const out = await grant(dev.kms, { KeyId: signing.arn, Operations: ['Sign', 'Verify', 'GetPublicKey'] });
      assert.ok(out.GrantId);
    });

    test('refuses EncryptionContextEquals together with EncryptionContextSubset', async () => {
      await rejectsWith(
        grant(dev.kms, { Operations: ['Decrypt'], Constraints: { EncryptionContextEquals: { a: 'b' }, EncryptionContextSubset: { a: 'b' } } }),
        'ValidationException',
        'More than one constraint supplied',
      );
    });

    test('refuses a grantee that is not a principal, and an IAM user that does not exist', async () => {
      await rejectsWith(grant(dev.kms, { GranteePrincipal: 'not-a-principal' }), 'InvalidArnException', 'ARN does not refer to a valid principal: not-a-principal');
      const user = `arn:aws:iam::${dev.accountId}:user/nobody`;
      await rejectsWith(grant(dev.kms, { GranteePrincipal: user }), 'InvalidArnException', `ARN does not refer to a valid principal: ${user}`);
      await rejectsWith(grant(dev.kms, { RetiringPrincipal: 'arn:aws:iam::1:root' }), 'InvalidArnException', 'ARN does not refer to a valid principal: arn:aws:iam::1:root');
    });

    test('requires GranteePrincipal', async () => {
      await rejectsWith(
        dev.kms.send(new CreateGrantCommand({ KeyId: key.arn, Operations: ['Decrypt'] })),
        'ValidationException',
        "1 validation error detected: Value null at 'granteePrincipal' failed to satisfy constraint: Member must not be null",
      );
    });

    test('refuses a malformed grant token and accepts a real one', async () => {
      await rejectsWith(grant(dev.kms, { GrantTokens: ['not a token'] }), 'InvalidGrantTokenException', 'Invalid grant token.');
      const first = await grant(dev.kms, {});
      const out = await grant(dev.kms, { GrantTokens: [first.GrantToken!] });
      assert.ok(out.GrantId);
    });

    test('refuses a disabled key, a key pending import and a key pending deletion', async () => {
      const disabled = await createKey(dev.kms);
      await dev.kms.send(new DisableKeyCommand({ KeyId: disabled.keyId }));
      await rejectsWith(grant(dev.kms, { KeyId: disabled.arn }), 'DisabledException', `${disabled.arn} is disabled.`);
      const external = await createKey(dev.kms, { Origin: 'EXTERNAL' });
      await rejectsWith(grant(dev.kms, { KeyId: external.arn }), 'KMSInvalidStateException', `${external.arn} is pending import.`);
      const doomed = await createKey(dev.kms);
      await dev.kms.send(new ScheduleKeyDeletionCommand({ KeyId: doomed.keyId, PendingWindowInDays: 7 }));
      await rejectsWith(grant(dev.kms, { KeyId: doomed.arn }), 'KMSInvalidStateException', `${doomed.arn} is pending deletion.`);
    });
  });

  describe('behaviour', () => {
    test('the same name and properties return the same grant with a new token; other properties make a new grant', async () => {
      const k = await createKey(dev.kms);
      const input = { KeyId: k.arn, Name: 'retry-safe', Operations: ['Decrypt', 'Encrypt'] as const, Constraints: { EncryptionContextSubset: { a: '1', b: '2' } } };
      const a = await grant(dev.kms, { ...input, Operations: ['Decrypt', 'Encrypt'] });
      const b = await grant(dev.kms, { ...input, Operations: ['Encrypt', 'Decrypt'], Constraints: { EncryptionContextSubset: { b: '2', a: '1' } } });
      assert.equal(b.GrantId, a.GrantId);
      assert.notEqual(b.GrantToken, a.GrantToken);
      const c = await grant(dev.kms, { ...input, Operations: ['Decrypt'] });
      assert.notEqual(c.GrantId, a.GrantId);
      const listed = await dev.kms.send(new ListGrantsCommand({ KeyId: k.keyId }));
      assert.deepEqual(listed.Grants!.map((g) => g.GrantId).sort(), [a.GrantId, c.GrantId].sort());
    });

    test('lets another account describe the key by its ARN, which it could not before', async () => {
      const k = await createKey(dev.kms);
      await rejectsWith(other.kms.send(new DescribeKeyCommand({ KeyId: k.arn })), 'AccessDeniedException', notAuthorized(other.arn, 'kms:DescribeKey', k.arn));
      await grant(dev.kms, { KeyId: k.arn, Operations: ['DescribeKey'] });
      const out = await other.kms.send(new DescribeKeyCommand({ KeyId: k.arn }));
      assert.equal(out.KeyMetadata!.Arn, k.arn);
    });

    test("lets another account's root encrypt and decrypt with the key", async () => {
      const k = await createKey(dev.kms);
      await grant(dev.kms, { KeyId: k.arn, Operations: ['Encrypt', 'Decrypt'] });
      const enc = await other.kms.send(new EncryptCommand({ KeyId: k.arn, Plaintext: Buffer.from('secret') }));
      assert.equal(enc.KeyId, k.arn);
      const dec = await other.kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob }));
      assert.equal(Buffer.from(dec.Plaintext!).toString(), 'secret');
      await rejectsWith(third.kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob })), 'AccessDeniedException', notAuthorized(third.arn, 'kms:Decrypt', k.arn));
    });

    test('EncryptionContextSubset allows requests that include its pairs only (keys in any case, values exactly)', async () => {
      const k = await createKey(dev.kms);
      await grant(dev.kms, { KeyId: k.arn, Operations: ['Encrypt'], Constraints: { EncryptionContextSubset: { Department: 'IT' } } });
      const encrypt = (ec?: Record<string, string>) => other.kms.send(new EncryptCommand({ KeyId: k.arn, Plaintext: Buffer.from('x'), EncryptionContext: ec }));
      await encrypt({ Department: 'IT' });
      await encrypt({ Department: 'IT', Purpose: 'Test' });
      // GrantConstraints: "the key in each key-value pair is not case sensitive, but the value is case sensitive".
      await encrypt({ DEPARTMENT: 'IT' });
      const denied = notAuthorized(other.arn, 'kms:Encrypt', k.arn);
      await rejectsWith(encrypt({ Department: 'it' }), 'AccessDeniedException', denied);
      await rejectsWith(encrypt(undefined), 'AccessDeniedException', denied);
    });

    test('EncryptionContextEquals allows requests with exactly its pairs', async () => {
      const k = await createKey(dev.kms);
      await grant(dev.kms, { KeyId: k.arn, Operations: ['Encrypt', 'DescribeKey'], Constraints: { EncryptionContextEquals: { Department: 'IT' } } });
      await other.kms.send(new EncryptCommand({ KeyId: k.arn, Plaintext: Buffer.from('x'), EncryptionContext: { Department: 'IT' } }));
      await other.kms.send(new EncryptCommand({ KeyId: k.arn, Plaintext: Buffer.from('x'), EncryptionContext: { department: 'IT' } }));
      await rejectsWith(
        other.kms.send(new EncryptCommand({ KeyId: k.arn, Plaintext: Buffer.from('x'), EncryptionContext: { Department: 'IT', Purpose: 'Test' } })),
        'AccessDeniedException',
        notAuthorized(other.arn, 'kms:Encrypt', k.arn),
      );
      // The constraint does not apply to DescribeKey.
      await other.kms.send(new DescribeKeyCommand({ KeyId: k.arn }));
    });

    test('a grant that allows CreateGrant lets its grantee create narrower grants only', async () => {
      const k = await createKey(dev.kms);
      await grant(dev.kms, { KeyId: k.arn, Operations: ['CreateGrant', 'Decrypt', 'Encrypt'], Constraints: { EncryptionContextSubset: { team: 'a' } } });
      const child = (input: Partial<ConstructorParameters<typeof CreateGrantCommand>[0]>) => grant(other.kms, { KeyId: k.arn, GranteePrincipal: third.arn, ...input });
      await child({ Operations: ['Decrypt'], Constraints: { EncryptionContextEquals: { team: 'a', app: 'x' } } });
      await child({ Operations: ['Encrypt', 'CreateGrant'], Constraints: { EncryptionContextSubset: { team: 'a', app: 'x' } } });
      const denied = notAuthorized(other.arn, 'kms:CreateGrant', k.arn);
      await rejectsWith(child({ Operations: ['DescribeKey'], Constraints: { EncryptionContextSubset: { team: 'a' } } }), 'AccessDeniedException', denied);
      await rejectsWith(child({ Operations: ['Decrypt'] }), 'AccessDeniedException', denied);
      await rejectsWith(child({ Operations: ['Decrypt'], Constraints: { EncryptionContextSubset: { team: 'b' } } }), 'AccessDeniedException', denied);
    });

    test('the key policy sees kms:GrantOperations, kms:GranteePrincipal and kms:GrantIsForAWSResource', async () => {
      const policy = {
        Version: '2012-10-17',
        Statement: [
          { Sid: 'Admin', Effect: 'Allow', Principal: { AWS: dev.arn }, Action: 'kms:*', Resource: '*' },
          {
            Sid: 'Delegate',
            Effect: 'Allow',
            Principal: { AWS: other.arn },
            Action: 'kms:CreateGrant',
            Resource: '*',
            Condition: {
              'ForAllValues:StringEquals': { 'kms:GrantOperations': ['Decrypt', 'DescribeKey'] },
              StringEquals: { 'kms:GranteePrincipal': third.arn },
              Bool: { 'kms:GrantIsForAWSResource': 'false' },
            },
          },
        ],
      };
      const k = await createKey(dev.kms, { Policy: JSON.stringify(policy) });
      await grant(other.kms, { KeyId: k.arn, GranteePrincipal: third.arn, Operations: ['Decrypt'] });
      const denied = notAuthorized(other.arn, 'kms:CreateGrant', k.arn);
      await rejectsWith(grant(other.kms, { KeyId: k.arn, GranteePrincipal: third.arn, Operations: ['Encrypt'] }), 'AccessDeniedException', denied);
      await rejectsWith(grant(other.kms, { KeyId: k.arn, GranteePrincipal: other.arn, Operations: ['Decrypt'] }), 'AccessDeniedException', denied);
    });

    test('a grant requested by a logseal service (CloudWatch Logs) is for an AWS resource', async () => {
      const logs = 'logs.us-east-1.amazonaws.com';
      const policy = {
        Version: '2012-10-17',
        Statement: [
          { Sid: 'Admin', Effect: 'Allow', Principal: { AWS: dev.arn }, Action: 'kms:*', Resource: '*' },
          { Sid: 'Logs', Effect: 'Allow', Principal: { Service: logs }, Action: 'kms:CreateGrant', Resource: '*', Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } } },
        ],
      };
      const k = await createKey(dev.kms, { Policy: JSON.stringify(policy) });
      const ctx: RequestContext = {
        requestId: randomUUID(),
        principal: servicePrincipal('logs', 'us-east-1', dev.accountId),
        region: 'us-east-1',
        sourceIp: '127.0.0.1',
        userAgent: 'logseal-logs',
        time: Date.now(),
        secureTransport: false,
      };
      const out = (await grantOps.CreateGrant!.run(srv.server.app.kms, { KeyId: k.arn, GranteePrincipal: logs, Operations: ['Encrypt', 'Decrypt'] }, ctx)) as { GrantId: string };
      const listed = await dev.kms.send(new ListGrantsCommand({ KeyId: k.arn }));
      assert.deepEqual(listed.Grants!.map((g) => [g.GrantId, g.GranteePrincipal]), [[out.GrantId, logs]]);
    });
  });
});
