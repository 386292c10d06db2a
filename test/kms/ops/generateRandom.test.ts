import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { GenerateRandomCommand, type KMSClient } from '@aws-sdk/client-kms';
import { startTestServer, type TestServer } from '../../helpers/server.js';
import { kmsClient, rejects } from '../helpers.js';

describe('GenerateRandom', () => {
  let srv: TestServer;
  let kms: KMSClient;
  before(async () => {
    srv = await startTestServer();
    kms = kmsClient(srv);
  });
  after(() => srv.dispose());

  describe('serialization', () => {
    test('returns exactly NumberOfBytes random bytes, from 1 to 1024', async () => {
      for (const n of [1, 12, 1024]) {
        const out = await kms.send(new GenerateRandomCommand({ NumberOfBytes: n }));
        assert.equal(out.Plaintext!.byteLength, n);
      }
      const a = (await kms.send(new GenerateRandomCommand({ NumberOfBytes: 32 }))).Plaintext!;
      const b = (await kms.send(new GenerateRandomCommand({ NumberOfBytes: 32 }))).Plaintext!;
      assert.notDeepEqual(Buffer.from(a), Buffer.from(b));
    });
  });

  describe('validation', () => {
    test('needs NumberOfBytes', async () => {
      await rejects(kms.send(new GenerateRandomCommand({})), 'ValidationException', 'NumberOfBytes is required.');
    });

    test('refuses 0 and 1025 bytes', async () => {
      await rejects(
        kms.send(new GenerateRandomCommand({ NumberOfBytes: 0 })),
        'ValidationException',
        "1 validation error detected: Value '0' at 'numberOfBytes' failed to satisfy constraint: Member must have value greater than or equal to 1",
      );
      await rejects(
        kms.send(new GenerateRandomCommand({ NumberOfBytes: 1025 })),
        'ValidationException',
        "1 validation error detected: Value '1025' at 'numberOfBytes' failed to satisfy constraint: Member must have value less than or equal to 1024",
      );
    });
  });

  describe('behaviour', () => {
    test('refuses a custom key store and a Recipient', async () => {
      await rejects(
        kms.send(new GenerateRandomCommand({ NumberOfBytes: 8, CustomKeyStoreId: 'cks-1234567890abcdef0' })),
        'UnsupportedOperationException',
        'Custom key stores are not supported by this endpoint.',
      );
      await rejects(
        kms.send(new GenerateRandomCommand({ NumberOfBytes: 8, Recipient: { AttestationDocument: new Uint8Array(4) } })),
        'ValidationException',
        'Recipient attestation documents are not supported by this endpoint.',
      );
    });
  });
});
