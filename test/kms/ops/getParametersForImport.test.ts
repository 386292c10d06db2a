import assert from 'node:assert/strict';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { GetParametersForImportCommand, ScheduleKeyDeletionCommand, type GetParametersForImportCommandInput } from '@aws-sdk/client-kms';
import { wrappingKeyAad } from '../../../src/kms/ops/importHelpers.js';
import { awsCli, awsCliSkipReason } from '../../helpers/awsCli.js';
import { devCreds, startTestServer, type TestServer } from '../../helpers/server.js';
import { createKey, devAccountOf, newAccount, rejectsWith, type Account } from './grantFixtures.js';

describe('GetParametersForImport', () => {
  let srv: TestServer;
  let dev: Account;

  before(async () => {
    srv = await startTestServer();
    dev = devAccountOf(srv);
  });
  after(() => srv.dispose());

  const params = (input: Partial<GetParametersForImportCommandInput> & { KeyId: string }) =>
    dev.kms.send(new GetParametersForImportCommand({ WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_2048', ...input }));

  describe('serialization', () => {
    test('returns the key ARN, an RSA public key of the requested size, an import token and ParametersValidTo in 24 hours', async () => {
      const k = await createKey(dev.kms, { Origin: 'EXTERNAL' });
      const before = Date.now();
      const out = await params({ KeyId: k.keyId, WrappingKeySpec: 'RSA_3072' });
      assert.equal(out.KeyId, k.arn);
      const pub = createPublicKey({ key: Buffer.from(out.PublicKey!), format: 'der', type: 'spki' });
      assert.equal(pub.asymmetricKeyType, 'rsa');
      assert.equal(pub.asymmetricKeyDetails?.modulusLength, 3072);
      assert.ok(out.ImportToken!.length > 0);
      const validTo = out.ParametersValidTo!.getTime();
      assert.ok(Math.abs(validTo - (before + 24 * 3600_000)) < 60_000, `ParametersValidTo ${out.ParametersValidTo?.toISOString()}`);
    });

    test('aws kms get-parameters-for-import prints the public key, import token and validity (AWS CLI v2)', async (t) => {
      const skip = awsCliSkipReason();
      if (skip) return t.skip(skip);
      const k = await createKey(dev.kms, { Origin: 'EXTERNAL' });
      const args = ['kms', 'get-parameters-for-import', '--key-id', k.keyId, '--wrapping-algorithm', 'RSA_AES_KEY_WRAP_SHA_256', '--wrapping-key-spec', 'RSA_2048'];
      const r = await awsCli(srv.url, devCreds, [...args, '--output', 'json']);
      assert.equal(r.code, 0, r.stderr);
      const out = JSON.parse(r.stdout);
      assert.equal(out.KeyId, k.arn);
      const pub = createPublicKey({ key: Buffer.from(out.PublicKey, 'base64'), format: 'der', type: 'spki' });
      assert.equal(pub.asymmetricKeyDetails?.modulusLength, 2048);
      assert.ok(Buffer.from(out.ImportToken, 'base64').length > 0);
      assert.ok(!Number.isNaN(Date.parse(out.ParametersValidTo)), out.ParametersValidTo);
    });
  });

  describe('validation', () => {
    test('refuses a key whose material KMS generates', async () => {
      const k = await createKey(dev.kms);
      await rejectsWith(params({ KeyId: k.keyId }), 'UnsupportedOperationException', `${k.arn} origin is AWS_KMS which is not valid for this operation.`);
    });

    test('refuses RSAES_PKCS1_V1_5, SM2PKE and the SM2 wrapping key spec', async () => {
      const k = await createKey(dev.kms, { Origin: 'EXTERNAL' });
      await rejectsWith(params({ KeyId: k.keyId, WrappingAlgorithm: 'RSAES_PKCS1_V1_5' }), 'UnsupportedOperationException', 'WrappingAlgorithm RSAES_PKCS1_V1_5 is not supported.');
      await rejectsWith(params({ KeyId: k.keyId, WrappingAlgorithm: 'SM2PKE' }), 'UnsupportedOperationException', 'WrappingAlgorithm SM2PKE is not supported.');
      await rejectsWith(params({ KeyId: k.keyId, WrappingKeySpec: 'SM2' }), 'UnsupportedOperationException', 'WrappingKeySpec SM2 is not supported.');
    });

    test("treats another account's key as not found", async () => {
      const other = await newAccount(srv);
      const k = await createKey(other.kms, { Origin: 'EXTERNAL' });
      await rejectsWith(params({ KeyId: k.arn }), 'NotFoundException', `Key '${k.arn}' does not exist`);
    });

    test('refuses a key pending deletion', async () => {
      const k = await createKey(dev.kms, { Origin: 'EXTERNAL' });
      await dev.kms.send(new ScheduleKeyDeletionCommand({ KeyId: k.keyId, PendingWindowInDays: 7 }));
      await rejectsWith(params({ KeyId: k.keyId }), 'KMSInvalidStateException', `${k.arn} is pending deletion.`);
    });
  });

  describe('behaviour', () => {
    test('keeps the wrapping private key sealed under the keyring, bound to its key and token', async () => {
      const k = await createKey(dev.kms, { Origin: 'EXTERNAL' });
      const out = await params({ KeyId: k.keyId });
      const app = srv.server.app;
      const stored = (await app.store.kms.getImportParameters(dev.accountId, 'us-east-1', k.keyId))!;
      assert.equal(stored.wrappingAlgorithm, 'RSAES_OAEP_SHA_256');
      const der = app.keyring.open(stored.sealedPrivateKey, wrappingKeyAad(stored));
      assert.ok(!stored.sealedPrivateKey.includes(der.subarray(0, 64)), 'the private key is not stored in the clear');
      const pub = createPublicKey(createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })).export({ type: 'spki', format: 'der' });
      assert.deepEqual(new Uint8Array(pub), out.PublicKey);
      assert.throws(() => app.keyring.open(stored.sealedPrivateKey, wrappingKeyAad({ ...stored, keyId: 'another' })));
    });
  });
});
