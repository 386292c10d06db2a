import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreateKeyCommand, DescribeKeyCommand, KMSClient, type KeyUsageType } from '@aws-sdk/client-kms';
import { decodeJsonInput, services } from '../../src/protocol/index.js';
import { clientConfig, startTestServer, type TestServer } from '../helpers/server.js';
import { sdkError, thrown } from './helpers.js';

/** KMS answers constraint violations with ValidationException (HTTP 400). */
function kmsError(operation: string, body: unknown) {
  const e = thrown(() => decodeJsonInput(services.kms, operation, JSON.stringify(body)));
  assert.equal(e.code, 'ValidationException');
  assert.equal(e.status, 400);
  return e.message;
}

const ONE = '1 validation error detected: ';

describe('KMS request validation', () => {
  describe('decodeJsonInput', () => {
    it('reports a pattern violation with the model pattern', () => {
      assert.equal(
        kmsError('CreateAlias', { AliasName: 'alias/bad name', TargetKeyId: 'k' }),
        ONE + "Value 'alias/bad name' at 'aliasName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$",
      );
    });

    it('reports a value shorter than the minimum length', () => {
      assert.equal(
        kmsError('DescribeKey', { KeyId: '' }),
        ONE + "Value '' at 'keyId' failed to satisfy constraint: Member must have length greater than or equal to 1",
      );
    });

    it('reports a value longer than the maximum length', () => {
      const id = 'k'.repeat(2049);
      assert.equal(
        kmsError('DescribeKey', { KeyId: id }),
        ONE + `Value '${id}' at 'keyId' failed to satisfy constraint: Member must have length less than or equal to 2048`,
      );
    });

    // Both strings are recorded from AWS (localstack tests/aws/services/kms/test_kms.snapshot.json).
    it('reports numbers outside the modelled range as AWS does for GenerateRandom', () => {
      assert.equal(
        kmsError('GenerateRandom', { NumberOfBytes: 0 }),
        "1 validation error detected: Value '0' at 'numberOfBytes' failed to satisfy constraint: Member must have value greater than or equal to 1",
      );
      assert.equal(
        kmsError('GenerateRandom', { NumberOfBytes: 1025 }),
        "1 validation error detected: Value '1025' at 'numberOfBytes' failed to satisfy constraint: Member must have value less than or equal to 1024",
      );
    });

    it('reports a value outside an enum with the enum set', () => {
      assert.equal(
        kmsError('CreateKey', { KeyUsage: 'SIGN' }),
        ONE + "Value 'SIGN' at 'keyUsage' failed to satisfy constraint: Member must satisfy enum value set: [SIGN_VERIFY, ENCRYPT_DECRYPT, GENERATE_VERIFY_MAC, KEY_AGREEMENT]",
      );
    });

    it('reports a missing required member as a null value', () => {
      assert.equal(kmsError('DescribeKey', {}), ONE + "Value null at 'keyId' failed to satisfy constraint: Member must not be null");
    });

    // Recorded from AWS by moto's aws_verified KMS test that encrypts an empty Plaintext.
    it('never echoes a sensitive value such as Plaintext', () => {
      assert.equal(
        kmsError('Encrypt', { KeyId: 'k', Plaintext: '' }),
        "1 validation error detected: Value at 'plaintext' failed to satisfy constraint: Member must have length greater than or equal to 1",
      );
    });

    it('reports several violations at once, joined by "; "', () => {
      assert.equal(
        kmsError('Encrypt', { KeyId: '', Plaintext: '' }),
        '2 validation errors detected: ' +
          "Value '' at 'keyId' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
          "Value at 'plaintext' failed to satisfy constraint: Member must have length greater than or equal to 1",
      );
    });

    it('names a member of a structure inside a list by its 1-based position', () => {
      assert.equal(
        kmsError('CreateKey', { Tags: [{ TagKey: 'ok', TagValue: '' }, { TagKey: '', TagValue: 'v' }] }),
        ONE + "Value '' at 'tags.2.member.tagKey' failed to satisfy constraint: Member must have length greater than or equal to 1",
      );
      assert.equal(kmsError('CreateKey', { Tags: [{ TagKey: 'k' }] }), ONE + "Value null at 'tags.1.member.tagValue' failed to satisfy constraint: Member must not be null");
    });

    it('reports a bad item of a list of strings once, at the list, with the item constraints', () => {
      assert.equal(
        kmsError('Encrypt', { KeyId: 'k', Plaintext: 'AAAA', GrantTokens: ['ok', ''] }),
        ONE +
          "Value '[ok, ]' at 'grantTokens' failed to satisfy constraint: Member must satisfy constraint: " +
          '[Member must have length less than or equal to 8192, Member must have length greater than or equal to 1]',
      );
    });

    it('reports a list longer than its maximum with the list printed as Java does', () => {
      const tokens = Array.from({ length: 11 }, (_, i) => `t${i}`);
      assert.equal(
        kmsError('Encrypt', { KeyId: 'k', Plaintext: 'AAAA', GrantTokens: tokens }),
        ONE + `Value '[${tokens.join(', ')}]' at 'grantTokens' failed to satisfy constraint: Member must have length less than or equal to 10`,
      );
    });

    it('accepts a valid request and returns its members decoded', () => {
      const out = decodeJsonInput(services.kms, 'Encrypt', JSON.stringify({ KeyId: 'alias/x', Plaintext: 'aGk=', GrantTokens: ['g'] })) as Record<string, unknown>;
      assert.equal(out.KeyId, 'alias/x');
      assert.deepEqual(Buffer.from(out.Plaintext as Uint8Array).toString(), 'hi');
      assert.deepEqual(out.GrantTokens, ['g']);
    });
  });

  describe('end to end with the SDK v3 KMSClient', () => {
    let srv: TestServer;
    let kms: KMSClient;
    before(async () => {
      srv = await startTestServer();
      kms = new KMSClient(clientConfig(srv.url));
    });
    after(async () => {
      kms.destroy();
      await srv.dispose();
    });

    it('returns ValidationException with the enum set for an unknown KeyUsage on CreateKey', async () => {
      const e = await sdkError(kms.send(new CreateKeyCommand({ KeyUsage: 'SIGN' as KeyUsageType })));
      assert.deepEqual(e, {
        name: 'ValidationException',
        message: ONE + "Value 'SIGN' at 'keyUsage' failed to satisfy constraint: Member must satisfy enum value set: [SIGN_VERIFY, ENCRYPT_DECRYPT, GENERATE_VERIFY_MAC, KEY_AGREEMENT]",
        status: 400,
      });
    });

    it('returns ValidationException for an empty KeyId on DescribeKey', async () => {
      const e = await sdkError(kms.send(new DescribeKeyCommand({ KeyId: '' })));
      assert.deepEqual(e, {
        name: 'ValidationException',
        message: ONE + "Value '' at 'keyId' failed to satisfy constraint: Member must have length greater than or equal to 1",
        status: 400,
      });
    });
  });
});
