/**
 * Policy documents and requests that an order of pairs, a repeated JSON member or a missing identity policy must not
 * turn into access: encryption-context pairs whose keys differ only by case (key policies and grant constraints),
 * duplicate JSON keys in key, identity and trust policies, and the key policy lockout check. Through the SDK v3.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand, UpdateAssumeRolePolicyCommand } from '@aws-sdk/client-iam';
import { CreateGrantCommand, CreateKeyCommand, DecryptCommand, EncryptCommand, GetKeyPolicyCommand, KMSClient, PutKeyPolicyCommand } from '@aws-sdk/client-kms';
import { clientConfig, devAccount, devCreds, startTestServer, type Creds, type TestServer } from '../helpers/server.js';

const A = devAccount;
const userArn = (name: string) => `arn:aws:iam::${A}:user/${name}`;
const utf8 = (s: string) => new TextEncoder().encode(s);
const rootStatement = { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: 'kms:*', Resource: '*' };
const doc = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });

async function failure(call: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await call;
  } catch (e) {
    const err = e as Error & { Code?: string };
    return { code: err.Code ?? err.name, message: err.message };
  }
  assert.fail('the call succeeded; a refusal was expected');
}

describe('Authorization that no order of pairs, duplicate key or missing identity policy can game', () => {
  let srv: TestServer;
  let rootIam: IAMClient;
  let rootKms: KMSClient;
  const made: { destroy(): void }[] = [];
  const kmsAs: Record<string, KMSClient> = {};

  const kmsFor = (c: Creds) => {
    const k = new KMSClient(clientConfig(srv.url, c));
    made.push(k);
    return k;
  };

  async function user(name: string, policy?: string): Promise<KMSClient> {
    await rootIam.send(new CreateUserCommand({ UserName: name }));
    if (policy) await rootIam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'p', PolicyDocument: policy }));
    const k = (await rootIam.send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey!;
    return kmsFor({ accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey! });
  }

  before(async () => {
    srv = await startTestServer();
    rootIam = new IAMClient(clientConfig(srv.url, devCreds));
    rootKms = kmsFor(devCreds);
    made.push(rootIam);
    for (const name of ['reader', 'finance', 'granted', 'admin', 'admin-with-iam']) {
      const policy = name === 'admin-with-iam' ? doc({ Effect: 'Allow', Action: 'kms:PutKeyPolicy', Resource: '*' }) : undefined;
      kmsAs[name] = await user(name, policy);
    }
  });

  after(async () => {
    for (const c of made) c.destroy();
    await srv.dispose();
  });

  describe('encryption-context pairs whose keys differ only by case', () => {
    const deniedMessage = (key: string) =>
      `User: ${userArn('reader')} is not authorized to perform: kms:Decrypt on resource: ${key} with an explicit deny in a resource-based policy`;

    test('a key policy Deny on kms:EncryptionContext:dept applies whichever order the Dept and dept pairs come in', async () => {
      const policy = doc(
        rootStatement,
        { Sid: 'use', Effect: 'Allow', Principal: { AWS: userArn('reader') }, Action: ['kms:Encrypt', 'kms:Decrypt'], Resource: '*' },
        { Sid: 'no hr', Effect: 'Deny', Principal: { AWS: userArn('reader') }, Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:EncryptionContext:dept': 'hr' } } },
      );
      const key = (await rootKms.send(new CreateKeyCommand({ Policy: policy }))).KeyMetadata!.Arn!;
      const blob = (await rootKms.send(new EncryptCommand({ KeyId: key, Plaintext: utf8('secret'), EncryptionContext: { Dept: 'hr', dept: 'fin' } }))).CiphertextBlob!;
      for (const EncryptionContext of [{ Dept: 'hr', dept: 'fin' }, { dept: 'fin', Dept: 'hr' }]) {
        assert.deepEqual(await failure(kmsAs.reader!.send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext }))), {
          code: 'AccessDeniedException',
          message: deniedMessage(key),
        });
      }
      // Without the hr pair the same caller decrypts.
      const other = (await rootKms.send(new EncryptCommand({ KeyId: key, Plaintext: utf8('fine'), EncryptionContext: { dept: 'fin' } }))).CiphertextBlob!;
      assert.deepEqual((await kmsAs.reader!.send(new DecryptCommand({ CiphertextBlob: other, EncryptionContext: { dept: 'fin' } }))).Plaintext, utf8('fine'));
    });

    test('a key policy Allow on kms:EncryptionContext:dept = fin is not satisfied while a Dept pair says hr, in either order', async () => {
      const policy = doc(rootStatement, {
        Sid: 'fin only',
        Effect: 'Allow',
        Principal: { AWS: userArn('finance') },
        Action: 'kms:Decrypt',
        Resource: '*',
        Condition: { StringEquals: { 'kms:EncryptionContext:dept': 'fin' } },
      });
      const key = (await rootKms.send(new CreateKeyCommand({ Policy: policy }))).KeyMetadata!.Arn!;
      const blob = (await rootKms.send(new EncryptCommand({ KeyId: key, Plaintext: utf8('secret'), EncryptionContext: { Dept: 'hr', dept: 'fin' } }))).CiphertextBlob!;
      for (const EncryptionContext of [{ Dept: 'hr', dept: 'fin' }, { dept: 'fin', Dept: 'hr' }]) {
        assert.equal((await failure(kmsAs.finance!.send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext })))).code, 'AccessDeniedException');
      }
      const fin = (await rootKms.send(new EncryptCommand({ KeyId: key, Plaintext: utf8('fin'), EncryptionContext: { dept: 'fin', Dept: 'fin' } }))).CiphertextBlob!;
      const out = await kmsAs.finance!.send(new DecryptCommand({ CiphertextBlob: fin, EncryptionContext: { Dept: 'fin', dept: 'fin' } }));
      assert.deepEqual(out.Plaintext, utf8('fin'));
    });

    test('a grant constrained to EncryptionContextEquals {dept: fin} refuses an extra DEPT pair in either order, for Encrypt and Decrypt', async () => {
      const key = (await rootKms.send(new CreateKeyCommand({}))).KeyMetadata!.Arn!;
      await rootKms.send(
        new CreateGrantCommand({ KeyId: key, GranteePrincipal: userArn('granted'), Operations: ['Encrypt', 'Decrypt'], Constraints: { EncryptionContextEquals: { dept: 'fin' } } }),
      );
      const blob = (await rootKms.send(new EncryptCommand({ KeyId: key, Plaintext: utf8('x'), EncryptionContext: { DEPT: 'zzz', dept: 'fin' } }))).CiphertextBlob!;
      const refusal = `User: ${userArn('granted')} is not authorized to perform: kms:Encrypt on resource: ${key} because no identity-based policy allows the kms:Encrypt action`;
      for (const EncryptionContext of [{ DEPT: 'zzz', dept: 'fin' }, { dept: 'fin', DEPT: 'zzz' }]) {
        assert.deepEqual(await failure(kmsAs.granted!.send(new EncryptCommand({ KeyId: key, Plaintext: utf8('x'), EncryptionContext }))), {
          code: 'AccessDeniedException',
          message: refusal,
        });
        assert.equal((await failure(kmsAs.granted!.send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext })))).code, 'AccessDeniedException');
      }
      // The exact context works, its key in any case (KMS: grant constraint keys are not case sensitive, values are).
      await kmsAs.granted!.send(new EncryptCommand({ KeyId: key, Plaintext: utf8('x'), EncryptionContext: { dept: 'fin' } }));
      await kmsAs.granted!.send(new EncryptCommand({ KeyId: key, Plaintext: utf8('x'), EncryptionContext: { Dept: 'fin' } }));
      assert.equal((await failure(kmsAs.granted!.send(new EncryptCommand({ KeyId: key, Plaintext: utf8('x'), EncryptionContext: { dept: 'FIN' } })))).code, 'AccessDeniedException');
    });
  });

  describe('policies that name a JSON member twice', () => {
    // The first Effect is what a reviewer reads; JSON.parse would keep the second.
    const twice = `{"Version":"2012-10-17","Statement":[{"Sid":"x","Effect":"Deny","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${A}:root"},"Action":"kms:*","Resource":"*"}]}`;

    test('a key policy is refused with MalformedPolicyDocumentException, by CreateKey and PutKeyPolicy', async () => {
      const refused = { code: 'MalformedPolicyDocumentException', message: 'Syntax errors in policy.' };
      assert.deepEqual(await failure(rootKms.send(new CreateKeyCommand({ Policy: twice }))), refused);
      const key = (await rootKms.send(new CreateKeyCommand({}))).KeyMetadata!.Arn!;
      assert.deepEqual(await failure(rootKms.send(new PutKeyPolicyCommand({ KeyId: key, PolicyName: 'default', Policy: twice }))), refused);
      assert.match((await rootKms.send(new GetKeyPolicyCommand({ KeyId: key }))).Policy!, /key-default-1/);
    });

    test('an identity policy is refused with MalformedPolicyDocument', async () => {
      const identity = '{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"kms:*","Resource":"*","Effect":"Allow"}}';
      assert.deepEqual(await failure(rootIam.send(new PutUserPolicyCommand({ UserName: 'reader', PolicyName: 'twice', PolicyDocument: identity }))), {
        code: 'MalformedPolicyDocument',
        message: 'Syntax errors in policy.',
      });
    });

    test('a trust policy is refused with MalformedPolicyDocument, by CreateRole and UpdateAssumeRolePolicy', async () => {
      const trust = (twiceInCondition: boolean) =>
        twiceInCondition
          ? `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"${A}"},"Action":"sts:AssumeRole","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"},"Bool":{"aws:SecureTransport":"true"}}}]}`
          : `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Effect":"Allow","Principal":{"AWS":"${A}"},"Action":"sts:AssumeRole"}]}`;
      const refused = { code: 'MalformedPolicyDocument', message: 'This policy contains invalid Json' };
      assert.deepEqual(await failure(rootIam.send(new CreateRoleCommand({ RoleName: 'twice', AssumeRolePolicyDocument: trust(false) }))), refused);
      const fine = doc({ Effect: 'Allow', Principal: { AWS: A }, Action: 'sts:AssumeRole' });
      await rootIam.send(new CreateRoleCommand({ RoleName: 'once', AssumeRolePolicyDocument: fine }));
      assert.deepEqual(await failure(rootIam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'once', PolicyDocument: trust(true) }))), refused);
    });
  });

  describe('the key policy lockout check', () => {
    const adminPolicy = (admin: string) =>
      doc(rootStatement, { Sid: 'admin', Effect: 'Allow', Principal: { AWS: userArn(admin) }, Action: ['kms:PutKeyPolicy', 'kms:GetKeyPolicy'], Resource: '*' });
    const onlyDelegation = doc(rootStatement);

    test('refuses a policy keeping only the account delegation when the caller has no identity policy allowing PutKeyPolicy', async () => {
      const key = (await rootKms.send(new CreateKeyCommand({ Policy: adminPolicy('admin') }))).KeyMetadata!.Arn!;
      assert.deepEqual(await failure(kmsAs.admin!.send(new PutKeyPolicyCommand({ KeyId: key, PolicyName: 'default', Policy: onlyDelegation }))), {
        code: 'MalformedPolicyDocumentException',
        message: 'The new key policy will not allow you to update the key policy in the future.',
      });
      // Nothing changed: the admin still manages the key.
      await kmsAs.admin!.send(new PutKeyPolicyCommand({ KeyId: key, PolicyName: 'default', Policy: adminPolicy('admin') }));
    });

    test('accepts it when an identity policy of the caller allows PutKeyPolicy, and with BypassPolicyLockoutSafetyCheck', async () => {
      const key = (await rootKms.send(new CreateKeyCommand({ Policy: adminPolicy('admin-with-iam') }))).KeyMetadata!.Arn!;
      await kmsAs['admin-with-iam']!.send(new PutKeyPolicyCommand({ KeyId: key, PolicyName: 'default', Policy: onlyDelegation }));
      const other = (await rootKms.send(new CreateKeyCommand({ Policy: adminPolicy('admin') }))).KeyMetadata!.Arn!;
      await kmsAs.admin!.send(new PutKeyPolicyCommand({ KeyId: other, PolicyName: 'default', Policy: onlyDelegation, BypassPolicyLockoutSafetyCheck: true }));
    });
  });
});
