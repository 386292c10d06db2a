import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DisableKeyCommand, GenerateMacCommand, VerifyMacCommand, type KMSClient } from '@aws-sdk/client-kms';
import { startTestServer, type TestServer } from '../../helpers/server.js';
import { createKey, kmsClient, rejects, utf8 } from '../helpers.js';

describe('GenerateMac', () => {
  let srv: TestServer;
  let kms: KMSClient;
  before(async () => {
    srv = await startTestServer();
    kms = kmsClient(srv);
  });
  after(() => srv.dispose());

  describe('serialization', () => {
    test('returns a MAC of the algorithm length, the algorithm and the key ARN; VerifyMac accepts it', async () => {
      for (const [spec, algorithm, bytes] of [
        ['HMAC_224', 'HMAC_SHA_224', 28],
        ['HMAC_256', 'HMAC_SHA_256', 32],
        ['HMAC_384', 'HMAC_SHA_384', 48],
        ['HMAC_512', 'HMAC_SHA_512', 64],
      ] as const) {
        const key = await createKey(kms, { KeySpec: spec, KeyUsage: 'GENERATE_VERIFY_MAC' });
        const out = await kms.send(new GenerateMacCommand({ KeyId: key.KeyId, Message: utf8('msg'), MacAlgorithm: algorithm }));
        assert.equal(out.Mac!.byteLength, bytes);
        assert.equal(out.MacAlgorithm, algorithm);
        assert.equal(out.KeyId, key.Arn);
        const checked = await kms.send(new VerifyMacCommand({ KeyId: key.KeyId, Message: utf8('msg'), Mac: out.Mac, MacAlgorithm: algorithm }));
        assert.equal(checked.MacValid, true);
      }
    });

    test('is deterministic for a key and message, and differs between keys', async () => {
      const a = await createKey(kms, { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
      const b = await createKey(kms, { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
      const mac = async (keyId: string) =>
        Buffer.from((await kms.send(new GenerateMacCommand({ KeyId: keyId, Message: utf8('same'), MacAlgorithm: 'HMAC_SHA_256' }))).Mac!);
      assert.deepEqual(await mac(a.KeyId!), await mac(a.KeyId!));
      assert.notDeepEqual(await mac(a.KeyId!), await mac(b.KeyId!));
    });
  });

  describe('validation', () => {
    test('refuses an unknown MAC algorithm', async () => {
      const key = await createKey(kms, { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
      await rejects(
        kms.send(new GenerateMacCommand({ KeyId: key.KeyId, Message: utf8('m'), MacAlgorithm: 'INVALID' as 'HMAC_SHA_256' })),
        'ValidationException',
        "1 validation error detected: Value 'INVALID' at 'macAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: [HMAC_SHA_224, HMAC_SHA_256, HMAC_SHA_384, HMAC_SHA_512]",
      );
    });
  });

  describe('behaviour', () => {
    test('returns InvalidKeyUsageException for an algorithm of another HMAC key spec', async () => {
      const key = await createKey(kms, { KeySpec: 'HMAC_224', KeyUsage: 'GENERATE_VERIFY_MAC' });
      await rejects(
        kms.send(new GenerateMacCommand({ KeyId: key.KeyId, Message: utf8('m'), MacAlgorithm: 'HMAC_SHA_256' })),
        'InvalidKeyUsageException',
        'Algorithm HMAC_SHA_256 is incompatible with key spec HMAC_224.',
      );
    });

    test('returns InvalidKeyUsageException for a key that is not an HMAC key', async () => {
      const key = await createKey(kms);
      await rejects(
        kms.send(new GenerateMacCommand({ KeyId: key.KeyId, Message: utf8('m'), MacAlgorithm: 'HMAC_SHA_256' })),
        'InvalidKeyUsageException',
        `${key.Arn} key usage is ENCRYPT_DECRYPT which is not valid for GenerateMac.`,
      );
    });

    test('returns NotFoundException for a malformed key id', async () => {
      await rejects(kms.send(new GenerateMacCommand({ KeyId: 'key_id', Message: utf8('m'), MacAlgorithm: 'HMAC_SHA_256' })), 'NotFoundException', "Invalid keyId key_id");
    });

    test('returns DisabledException for a disabled key, and DryRunOperationException when DryRun is set', async () => {
      const key = await createKey(kms, { KeySpec: 'HMAC_512', KeyUsage: 'GENERATE_VERIFY_MAC' });
      await rejects(
        kms.send(new GenerateMacCommand({ KeyId: key.KeyId, Message: utf8('m'), MacAlgorithm: 'HMAC_SHA_512', DryRun: true })),
        'DryRunOperationException',
        'The request would have succeeded, but the DryRun option is set.',
      );
      await kms.send(new DisableKeyCommand({ KeyId: key.KeyId }));
      await rejects(kms.send(new GenerateMacCommand({ KeyId: key.KeyId, Message: utf8('m'), MacAlgorithm: 'HMAC_SHA_512' })), 'DisabledException', `${key.Arn} is disabled.`);
    });
  });
});
