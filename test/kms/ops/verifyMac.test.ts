import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { GenerateMacCommand, VerifyMacCommand, type KMSClient } from '@aws-sdk/client-kms';
import { startTestServer, type TestServer } from '../../helpers/server.js';
import { createKey, kmsClient, rejects, rejectsWithoutMessage, utf8 } from '../helpers.js';

describe('VerifyMac', () => {
  let srv: TestServer;
  let kms: KMSClient;
  let keyId: string;
  let mac: Uint8Array;
  before(async () => {
    srv = await startTestServer();
    kms = kmsClient(srv);
    keyId = (await createKey(kms, { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' })).KeyId!;
    mac = (await kms.send(new GenerateMacCommand({ KeyId: keyId, Message: utf8('important'), MacAlgorithm: 'HMAC_SHA_256' }))).Mac!;
  });
  after(() => srv.dispose());

  describe('serialization', () => {
    test('returns MacValid, the key ARN and the algorithm for the right MAC', async () => {
      const out = await kms.send(new VerifyMacCommand({ KeyId: keyId, Message: utf8('important'), Mac: mac, MacAlgorithm: 'HMAC_SHA_256' }));
      assert.equal(out.MacValid, true);
      assert.equal(out.KeyId, `arn:aws:kms:us-east-1:000000000000:key/${keyId}`);
      assert.equal(out.MacAlgorithm, 'HMAC_SHA_256');
    });
  });

  describe('validation', () => {
    test('refuses an empty MAC', async () => {
      await rejects(
        kms.send(new VerifyMacCommand({ KeyId: keyId, Message: utf8('important'), Mac: new Uint8Array(0), MacAlgorithm: 'HMAC_SHA_256' })),
        'ValidationException',
        "1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0 lim=0 cap=0]' at 'mac' failed to satisfy constraint: Member must have length greater than or equal to 1",
      );
    });
  });

  describe('behaviour', () => {
    test('returns KMSInvalidMacException for another message, a tampered MAC or a truncated MAC', async () => {
      const tampered = Buffer.from(mac);
      tampered[0]! ^= 0x80;
      for (const [message, candidate] of [
        [utf8('some different important message'), mac],
        [utf8('important'), tampered],
        [utf8('important'), mac.subarray(0, 16)],
      ] as const) {
        await rejectsWithoutMessage(kms.send(new VerifyMacCommand({ KeyId: keyId, Message: message, Mac: candidate, MacAlgorithm: 'HMAC_SHA_256' })), 'KMSInvalidMacException');
      }
    });

    test('returns InvalidKeyUsageException for an algorithm of another key spec', async () => {
      await rejects(
        kms.send(new VerifyMacCommand({ KeyId: keyId, Message: utf8('important'), Mac: mac, MacAlgorithm: 'HMAC_SHA_512' })),
        'InvalidKeyUsageException',
        'Algorithm HMAC_SHA_512 is incompatible with key spec HMAC_256.',
      );
    });
  });
});
