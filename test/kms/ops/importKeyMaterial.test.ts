import assert from 'node:assert/strict';
import { createPublicKey, generateKeyPairSync, randomBytes, verify } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import {
  DecryptCommand,
  DescribeKeyCommand,
  EncryptCommand,
  GetParametersForImportCommand,
  ImportKeyMaterialCommand,
  ScheduleKeyDeletionCommand,
  SignCommand,
  type ImportKeyMaterialCommandInput,
} from '@aws-sdk/client-kms';
import { OffsetClock } from '../../../src/common/clock.js';
import { startTestServer, type TestServer } from '../../helpers/server.js';
import { createKey, devAccountOf, rejectsWith, type Account } from './grantFixtures.js';
import { importMaterial, wrapOaepSha256 } from './importFixtures.js';

const HOUR = 3600_000;

describe('ImportKeyMaterial', () => {
  let srv: TestServer;
  let clock: OffsetClock;
  let dev: Account;

  before(async () => {
    clock = new OffsetClock();
    srv = await startTestServer({ clock });
    dev = devAccountOf(srv, clock);
  });
  after(() => srv.dispose());

  /** A new client per call, signing with the server's (possibly advanced) time (see importFixtures). */
  const kms = () => devAccountOf(srv, clock).kms;

  /** An EXTERNAL key with fresh import parameters, and an import request for `material` under them. */
  async function prepared(material: Uint8Array = randomBytes(32)) {
    const k = await createKey(kms(), { Origin: 'EXTERNAL' });
    const p = await kms().send(new GetParametersForImportCommand({ KeyId: k.keyId, WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_2048' }));
    const request: ImportKeyMaterialCommandInput = {
      KeyId: k.keyId,
      ImportToken: p.ImportToken,
      EncryptedKeyMaterial: wrapOaepSha256(p.PublicKey!, material),
      ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
    };
    return { k, p, material, request };
  }

  describe('serialization', () => {
    test('returns the key ARN and a 64-hex KeyMaterialId; DescribeKey shows the key Enabled with its expiration', async () => {
      const { k, request } = await prepared();
      const validTo = new Date(clock.now() + 30 * 24 * HOUR);
      validTo.setMilliseconds(0);
      const out = await kms().send(new ImportKeyMaterialCommand({ ...request, ExpirationModel: 'KEY_MATERIAL_EXPIRES', ValidTo: validTo }));
      assert.equal(out.KeyId, k.arn);
      assert.match(out.KeyMaterialId!, /^[0-9a-f]{64}$/);
      const meta = (await kms().send(new DescribeKeyCommand({ KeyId: k.keyId }))).KeyMetadata!;
      assert.equal(meta.KeyState, 'Enabled');
      assert.equal(meta.Enabled, true);
      assert.equal(meta.Origin, 'EXTERNAL');
      assert.equal(meta.ExpirationModel, 'KEY_MATERIAL_EXPIRES');
      assert.equal(meta.ValidTo?.getTime(), validTo.getTime());
      assert.equal(meta.CurrentKeyMaterialId, out.KeyMaterialId);
    });
  });

  describe('validation', () => {
    test('refuses a key whose material KMS generates', async () => {
      const k = await createKey(kms());
      await rejectsWith(
        kms().send(new ImportKeyMaterialCommand({ KeyId: k.keyId, ImportToken: Buffer.from([1]), EncryptedKeyMaterial: Buffer.from([1]) })),
        'UnsupportedOperationException',
        `${k.arn} origin is AWS_KMS which is not valid for this operation.`,
      );
    });

    test('checks ValidTo against the expiration model', async () => {
      const { request } = await prepared();
      const now = clock.now();
      const expires = { ...request, ExpirationModel: 'KEY_MATERIAL_EXPIRES' as const };
      await rejectsWith(kms().send(new ImportKeyMaterialCommand({ ...request, ExpirationModel: undefined })), 'ValidationException', 'A validTo date must be set if the ExpirationModel is KEY_MATERIAL_EXPIRES');
      await rejectsWith(
        kms().send(new ImportKeyMaterialCommand({ ...request, ValidTo: new Date(now + HOUR) })),
        'ValidationException',
        'The parameter ValidTo cannot be specified for a key with an expiration model of KEY_MATERIAL_DOES_NOT_EXPIRE',
      );
      await rejectsWith(kms().send(new ImportKeyMaterialCommand({ ...expires, ValidTo: new Date(now - HOUR) })), 'ValidationException', 'ValidTo must be in the future');
      await rejectsWith(
        kms().send(new ImportKeyMaterialCommand({ ...expires, ValidTo: new Date(now + 366 * 24 * HOUR) })),
        'ValidationException',
        'ValidTo must be at most 365 days in the future',
      );
    });

    test('refuses the token of replaced parameters with InvalidImportTokenException', async () => {
      const { k, request } = await prepared();
      await kms().send(new GetParametersForImportCommand({ KeyId: k.keyId, WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_2048' }));
      const message = 'The import token is invalid or does not belong to this KMS key.';
      await rejectsWith(kms().send(new ImportKeyMaterialCommand(request)), 'InvalidImportTokenException', message);
      await rejectsWith(kms().send(new ImportKeyMaterialCommand({ ...request, ImportToken: Buffer.from('forged') })), 'InvalidImportTokenException', message);
    });

    test('refuses material wrapped under another public key with InvalidCiphertextException', async () => {
      const { request } = await prepared();
      const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'der' });
      await rejectsWith(
        kms().send(new ImportKeyMaterialCommand({ ...request, EncryptedKeyMaterial: wrapOaepSha256(stranger, randomBytes(32)) })),
        'InvalidCiphertextException',
        'UnknownError', // KMS sends no message; SDK v3 reports this placeholder
      );
    });

    test('refuses material that does not fit the key spec with IncorrectKeyMaterialException', async () => {
      const { request } = await prepared(randomBytes(16));
      await rejectsWith(kms().send(new ImportKeyMaterialCommand(request)), 'IncorrectKeyMaterialException', 'The key material is not valid for key spec SYMMETRIC_DEFAULT.');
    });

    test('refuses expired import parameters with ExpiredImportTokenException', async () => {
      const { request } = await prepared();
      clock.advance(25 * HOUR);
      await rejectsWith(
        kms().send(new ImportKeyMaterialCommand(request)),
        'ExpiredImportTokenException',
        'The import token has expired. Call GetParametersForImport for a new public key and import token.',
      );
    });
  });

  describe('behaviour', () => {
    test('imported material encrypts and decrypts, and is exactly the material that was wrapped', async () => {
      const { k, material, request } = await prepared();
      await kms().send(new ImportKeyMaterialCommand(request));
      const enc = await kms().send(new EncryptCommand({ KeyId: k.keyId, Plaintext: Buffer.from('log line'), EncryptionContext: { group: 'g' } }));
      const dec = await kms().send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, EncryptionContext: { group: 'g' } }));
      assert.equal(Buffer.from(dec.Plaintext!).toString(), 'log line');
      const core = srv.server.app.kms;
      const key = await core.mustGet(dev.accountId, 'us-east-1', k.keyId);
      assert.deepEqual(await core.material(key), material);
    });

    test('imports an ECC signing key wrapped with RSA_AES_KEY_WRAP_SHA_256, which then signs', async () => {
      const k = await createKey(kms(), { Origin: 'EXTERNAL', KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
      const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const pkcs8 = pair.privateKey.export({ type: 'pkcs8', format: 'der' });
      const out = await importMaterial(kms, k.keyId, pkcs8, {}, 'RSA_AES_KEY_WRAP_SHA_256');
      assert.equal(out.KeyMaterialId, undefined);
      const signed = await kms().send(new SignCommand({ KeyId: k.keyId, Message: Buffer.from('m'), SigningAlgorithm: 'ECDSA_SHA_256' }));
      assert.ok(verify('sha256', Buffer.from('m'), createPublicKey(pair.privateKey), Buffer.from(signed.Signature!)));
    });

    test('reimporting other material is refused; the same material changes the expiration', async () => {
      const material = randomBytes(32);
      const k = await createKey(kms(), { Origin: 'EXTERNAL' });
      const first = await importMaterial(kms, k.keyId, material);
      await rejectsWith(importMaterial(kms, k.keyId, randomBytes(32)), 'IncorrectKeyMaterialException', `The key material is not the key material previously imported into ${k.arn}.`);
      await rejectsWith(
        importMaterial(kms, k.keyId, material, { ImportType: 'NEW_KEY_MATERIAL' }),
        'IncorrectKeyMaterialException',
        `The key material is already associated with ${k.arn}.`,
      );
      const validTo = new Date(clock.now() + 48 * HOUR);
      validTo.setMilliseconds(0);
      const again = await importMaterial(kms, k.keyId, material, { ExpirationModel: 'KEY_MATERIAL_EXPIRES', ValidTo: validTo, KeyMaterialId: first.KeyMaterialId });
      assert.equal(again.KeyMaterialId, first.KeyMaterialId);
      const meta = (await kms().send(new DescribeKeyCommand({ KeyId: k.keyId }))).KeyMetadata!;
      assert.equal(meta.ExpirationModel, 'KEY_MATERIAL_EXPIRES');
      assert.equal(meta.ValidTo?.getTime(), validTo.getTime());
    });

    test('returns KMSInvalidStateException for a key pending deletion', async () => {
      const { k, request } = await prepared();
      await kms().send(new ScheduleKeyDeletionCommand({ KeyId: k.keyId, PendingWindowInDays: 7 }));
      await rejectsWith(kms().send(new ImportKeyMaterialCommand(request)), 'KMSInvalidStateException', `${k.arn} is pending deletion.`);
    });

    test('the key cannot be used once its material reaches ValidTo', async () => {
      const k = await createKey(kms(), { Origin: 'EXTERNAL' });
      await importMaterial(kms, k.keyId, randomBytes(32), { ExpirationModel: 'KEY_MATERIAL_EXPIRES', ValidTo: new Date(clock.now() + HOUR) });
      await kms().send(new EncryptCommand({ KeyId: k.keyId, Plaintext: Buffer.from('x') }));
      clock.advance(2 * HOUR);
      await rejectsWith(kms().send(new EncryptCommand({ KeyId: k.keyId, Plaintext: Buffer.from('x') })), 'KMSInvalidStateException', `${k.arn} is pending import.`);
    });
  });
});
