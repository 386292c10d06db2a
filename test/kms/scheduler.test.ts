import assert from 'node:assert/strict';
import { constants, createPublicKey, publicEncrypt, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  CancelKeyDeletionCommand,
  CreateAliasCommand,
  CreateKeyCommand,
  CreateGrantCommand,
  DecryptCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EnableKeyCommand,
  EnableKeyRotationCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GetKeyRotationStatusCommand,
  GetParametersForImportCommand,
  ImportKeyMaterialCommand,
  KMSClient,
  ListAliasesCommand,
  ListKeyRotationsCommand,
  ScheduleKeyDeletionCommand,
} from '@aws-sdk/client-kms';
import { OffsetClock } from '../../src/common/clock.js';
import { KmsScheduler } from '../../src/kms/scheduler.js';
import { clientConfig, devAccount, startTestServer, type TestServer } from '../helpers/server.js';
import { rejects } from './helpers.js';
import { addReplica, startKms, type KmsFixture } from './ops/lifecycleFixtures.js';

const DAY = 86_400_000;
const MINUTE = 60_000;

/** Every file of a data dir, read while the server runs (the SQLite WAL included). */
function dataDirFiles(dir: string): { path: string; bytes: Buffer }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? dataDirFiles(join(dir, e.name)) : [{ path: join(dir, e.name), bytes: readFileSync(join(dir, e.name)) }],
  );
}

function schedulerOf(srv: TestServer): KmsScheduler {
  const task = srv.server.app.background.find((t): t is KmsScheduler => t instanceof KmsScheduler);
  assert.ok(task, 'the server runs the KMS scheduler');
  return task;
}

describe('KmsScheduler', () => {
  const clock = new OffsetClock();
  let f: KmsFixture;
  let scheduler: KmsScheduler;
  before(async () => {
    f = await startKms({ clock });
    scheduler = schedulerOf(f.srv);
  });
  after(() => f.dispose());

  const describeKey = (keyId: string, kms = f.kms) => kms.send(new DescribeKeyCommand({ KeyId: keyId }));
  const encrypt = async (keyId: string, text: string) =>
    (await f.kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from(text) }))).CiphertextBlob!;
  const decrypt = async (blob: Uint8Array) => Buffer.from((await f.kms.send(new DecryptCommand({ CiphertextBlob: blob }))).Plaintext!).toString();

  describe('deletion', () => {
    test('deletes a key once its DeletionDate has passed: its material, aliases and grants go, old ciphertexts never decrypt', async () => {
      const key = await f.createKey();
      const blob = await encrypt(key.KeyId!, 'secret');
      const dataKey = await f.kms.send(new GenerateDataKeyCommand({ KeyId: key.KeyId, KeySpec: 'AES_256' }));
      const core = f.srv.server.app.kms;
      const material = Buffer.from((await core.material(await core.mustGet(devAccount, 'us-east-1', key.KeyId!)))!);
      await f.kms.send(new CreateAliasCommand({ AliasName: 'alias/doomed', TargetKeyId: key.KeyId }));
      await f.kms.send(new CreateGrantCommand({ KeyId: key.KeyId, GranteePrincipal: `arn:aws:iam::${devAccount}:root`, Operations: ['Decrypt'] }));
      await f.kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));

      clock.advance(7 * DAY - MINUTE);
      await scheduler.runOnce();
      assert.equal((await describeKey(key.KeyId!)).KeyMetadata!.KeyState, 'PendingDeletion', 'not deleted before its DeletionDate');

      clock.advance(2 * MINUTE);
      await scheduler.runOnce();
      await rejects(describeKey(key.KeyId!), 'NotFoundException', `Key '${key.Arn}' does not exist`);
      await rejects(f.kms.send(new DecryptCommand({ CiphertextBlob: blob })), 'InvalidCiphertextException', 'UnknownError');
      await rejects(f.kms.send(new DecryptCommand({ CiphertextBlob: dataKey.CiphertextBlob })), 'InvalidCiphertextException', 'UnknownError');
      for (const file of dataDirFiles(f.srv.dataDir)) {
        for (const [what, secret] of [['data key', Buffer.from(dataKey.Plaintext!)], ['key material', material]] as const) {
          for (const form of [secret, Buffer.from(secret.toString('hex')), Buffer.from(secret.toString('base64'))]) {
            assert.equal(file.bytes.indexOf(form), -1, `${what} found in plaintext in ${file.path}`);
          }
        }
      }
      const store = f.srv.server.app.store.kms;
      assert.deepEqual(await store.listMaterials(devAccount, 'us-east-1', key.KeyId!), []);
      assert.deepEqual(await store.listGrants(devAccount, 'us-east-1', key.KeyId!), []);
      const aliases = (await f.kms.send(new ListAliasesCommand({}))).Aliases!;
      assert.ok(!aliases.some((a) => a.AliasName === 'alias/doomed'), 'the alias is deleted with the key');
    });

    test(
      'leaves no copy of the sealed key material on disk once the key is deleted',
      async () => {
        const key = await f.createKey();
        const [record] = await f.srv.server.app.store.kms.listMaterials(devAccount, 'us-east-1', key.KeyId!);
        assert.ok(record);
        await f.kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
        clock.advance(7 * DAY + MINUTE);
        await scheduler.runOnce();
        for (const file of dataDirFiles(f.srv.dataDir)) assert.equal(file.bytes.indexOf(record.sealed), -1, `sealed material left in ${file.path}`);
      },
    );

    test('is idempotent: running again with nothing due changes nothing', async () => {
      const key = await f.createKey();
      await scheduler.runOnce();
      await scheduler.runOnce();
      assert.equal((await describeKey(key.KeyId!)).KeyMetadata!.KeyState, 'Enabled');
    });

    test('a cancelled deletion is not carried out when the date passes', async () => {
      const key = await f.createKey();
      await f.kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
      await f.kms.send(new CancelKeyDeletionCommand({ KeyId: key.KeyId }));
      clock.advance(8 * DAY);
      await scheduler.runOnce();
      assert.equal((await describeKey(key.KeyId!)).KeyMetadata!.KeyState, 'Disabled');
    });

    test('a multi-Region primary waits for its replica, then starts its own waiting period', async () => {
      const primary = await f.createKey({ MultiRegion: true });
      await addReplica(f, primary.Arn!, 'eu-west-1');
      const replica = f.client({ region: 'eu-west-1' });
      await f.kms.send(new ScheduleKeyDeletionCommand({ KeyId: primary.KeyId, PendingWindowInDays: 10 }));
      await replica.send(new ScheduleKeyDeletionCommand({ KeyId: primary.KeyId, PendingWindowInDays: 7 }));

      clock.advance(7 * DAY + MINUTE);
      const replicaGoneAt = clock.now();
      await scheduler.runOnce();
      await rejects(describeKey(primary.KeyId!, replica), 'NotFoundException', `Key '${primary.Arn!.replace(':us-east-1:', ':eu-west-1:')}' does not exist`);
      const waiting = (await describeKey(primary.KeyId!)).KeyMetadata!;
      assert.equal(waiting.KeyState, 'PendingDeletion');
      assert.deepEqual(waiting.MultiRegionConfiguration!.ReplicaKeys, []);
      assert.ok(Math.abs(waiting.DeletionDate!.getTime() - (replicaGoneAt + 10 * DAY)) < MINUTE);

      clock.advance(10 * DAY + MINUTE);
      await scheduler.runOnce();
      await rejects(describeKey(primary.KeyId!), 'NotFoundException', `Key '${primary.Arn}' does not exist`);
    });
  });

  describe('automatic rotation', () => {
    test('rotates an enabled key when due and schedules the next rotation; old ciphertexts still decrypt', async () => {
      const key = await f.createKey();
      const blob = await encrypt(key.KeyId!, 'before rotation');
      const firstMaterial = (await describeKey(key.KeyId!)).KeyMetadata!.CurrentKeyMaterialId;
      await f.kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyId, RotationPeriodInDays: 90 }));

      clock.advance(90 * DAY + MINUTE);
      const rotatedAt = clock.now();
      await scheduler.runOnce();
      const now = (await describeKey(key.KeyId!)).KeyMetadata!;
      assert.notEqual(now.CurrentKeyMaterialId, firstMaterial);
      const rotations = (await f.kms.send(new ListKeyRotationsCommand({ KeyId: key.KeyId }))).Rotations!;
      assert.deepEqual(rotations.map((r) => [r.KeyMaterialId, r.RotationType]), [[now.CurrentKeyMaterialId, 'AUTOMATIC']]);
      const status = await f.kms.send(new GetKeyRotationStatusCommand({ KeyId: key.KeyId }));
      assert.ok(Math.abs(status.NextRotationDate!.getTime() - (rotatedAt + 90 * DAY)) < MINUTE);
      assert.equal(await decrypt(blob), 'before rotation');

      await scheduler.runOnce();
      assert.equal((await f.kms.send(new ListKeyRotationsCommand({ KeyId: key.KeyId }))).Rotations!.length, 1, 'one rotation per period');
    });

    test('does not rotate a disabled key; once enabled again an overdue rotation happens at the next run', async () => {
      const key = await f.createKey();
      await f.kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyId, RotationPeriodInDays: 90 }));
      await f.kms.send(new DisableKeyCommand({ KeyId: key.KeyId }));
      clock.advance(91 * DAY);
      await scheduler.runOnce();
      assert.deepEqual((await f.kms.send(new ListKeyRotationsCommand({ KeyId: key.KeyId }))).Rotations, []);
      await f.kms.send(new EnableKeyCommand({ KeyId: key.KeyId }));
      await scheduler.runOnce();
      assert.equal((await f.kms.send(new ListKeyRotationsCommand({ KeyId: key.KeyId }))).Rotations!.length, 1);
    });
  });

  describe('imported material expiry', () => {
    test('deletes expired imported material: the key waits for import, and the same material restores it', async () => {
      const key = await f.createKey({ Origin: 'EXTERNAL' });
      const material = randomBytes(32);
      const importMaterial = async (validTo: number) => {
        const params = await f.kms.send(new GetParametersForImportCommand({ KeyId: key.KeyId, WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_2048' }));
        const wrappingKey = createPublicKey({ key: Buffer.from(params.PublicKey!), format: 'der', type: 'spki' });
        const wrapped = publicEncrypt({ key: wrappingKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, material);
        await f.kms.send(
          new ImportKeyMaterialCommand({ KeyId: key.KeyId, ImportToken: params.ImportToken, EncryptedKeyMaterial: wrapped, ExpirationModel: 'KEY_MATERIAL_EXPIRES', ValidTo: new Date(validTo) }),
        );
      };
      await importMaterial(clock.now() + 2 * DAY);
      const blob = await encrypt(key.KeyId!, 'imported');

      clock.advance(2 * DAY + MINUTE);
      await scheduler.runOnce();
      const expired = (await describeKey(key.KeyId!)).KeyMetadata!;
      assert.equal(expired.KeyState, 'PendingImport');
      assert.equal(expired.ValidTo, undefined);
      assert.deepEqual(await f.srv.server.app.store.kms.listMaterials(devAccount, 'us-east-1', key.KeyId!), []);
      await rejects(f.kms.send(new DecryptCommand({ CiphertextBlob: blob })), 'KMSInvalidStateException', `${key.Arn} is pending import.`);

      await importMaterial(clock.now() + 30 * DAY);
      assert.equal(await decrypt(blob), 'imported');
    });
  });
});

describe('KmsScheduler across a restart', () => {
  test('deletes a key scheduled before the server restarted', async () => {
    const clock = new OffsetClock();
    let srv = await startTestServer({ clock });
    try {
      const kms = new KMSClient(clientConfig(srv.url, undefined, undefined, clock));
      const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
      await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
      srv = await srv.restart();
      clock.advance(7 * DAY + MINUTE);
      await schedulerOf(srv).runOnce();
      const after = new KMSClient(clientConfig(srv.url, undefined, undefined, clock));
      await rejects(after.send(new DescribeKeyCommand({ KeyId: key.KeyId })), 'NotFoundException', `Key '${key.Arn}' does not exist`);
    } finally {
      await srv.dispose();
    }
  });
});
