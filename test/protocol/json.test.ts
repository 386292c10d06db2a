import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DescribeKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { AwsError, decodeJsonInput, encodeJsonError, encodeJsonOutput, kms, services } from '../../src/protocol/index.js';
import { clientConfig, devCreds, startTestServer, type TestServer } from '../helpers/server.js';
import { jsonCall } from '../helpers/sign.js';
import { sdkError, thrown } from './helpers.js';

const decodeKms = (operation: string, body: string | Buffer) => decodeJsonInput(services.kms, operation, body) as Record<string, unknown>;

/** The SerializationException message Coral gives for `body` (the error must be a SerializationException). */
function serialization(operation: string, body: unknown): string {
  const e = thrown(() => decodeJsonInput(services.kms, operation, typeof body === 'string' ? body : JSON.stringify(body)));
  assert.equal(e.code, 'SerializationException');
  assert.equal(e.status, 400);
  return e.message;
}

const NUMBER = 'class com.amazon.coral.value.json.numbers.TruncatingBigNumber';

describe('AWS JSON 1.1', () => {
  describe('decodeJsonInput: request bodies', () => {
    it('answers a body that is not JSON with a bare SerializationException', () => {
      for (const body of ['{', '{"KeyId": }', 'KeyId=k', '\u0000']) assert.equal(serialization('DescribeKey', body), '', body);
    });

    it('answers a JSON scalar body (null included) with a bare SerializationException', () => {
      for (const body of ['"x"', 'null', '1', 'true']) assert.equal(serialization('DescribeKey', body), '', body);
    });

    it('answers a JSON array body as the structure reader does', () => {
      assert.equal(serialization('DescribeKey', '[]'), 'Start of list found where not expected');
      assert.equal(serialization('ListKeys', '[{}]'), 'Start of list found where not expected');
    });

    it('treats an empty or blank body as {}', () => {
      assert.deepEqual(decodeKms('ListKeys', ''), { Limit: undefined, Marker: undefined });
      assert.deepEqual(decodeKms('ListKeys', Buffer.from(' \r\n\t')), { Limit: undefined, Marker: undefined });
      const e = thrown(() => decodeKms('DescribeKey', ''));
      assert.equal(e.message, "1 validation error detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null");
    });

    it('ignores members the model does not have', () => {
      const out = decodeKms('DescribeKey', JSON.stringify({ KeyId: 'k', keyId: 'x', Unknown: { deep: [1] } }));
      assert.equal(out.KeyId, 'k');
      assert.ok(!('Unknown' in out) && !('keyId' in out));
    });

    it('answers an operation the model does not have with a bare UnknownOperationException', () => {
      const e = thrown(() => decodeKms('NoSuchOperation', '{}'));
      assert.deepEqual(e, { code: 'UnknownOperationException', message: '', status: 400 });
      assert.equal(encodeJsonError(new AwsError(e.code, e.message)), '{"__type":"UnknownOperationException"}');
    });

    it('treats a member sent as null as absent', () => {
      assert.equal(decodeKms('CreateKey', JSON.stringify({ Description: null })).Description, undefined);
    });
  });

  // Messages as Coral's JSON reader words them (recorded against AWS by kinesalite's test helpers, same reader).
  describe('decodeJsonInput: members of the wrong type', () => {
    it('refuses a number or boolean where a string is modelled', () => {
      assert.equal(serialization('DescribeKey', { KeyId: 23 }), `${NUMBER} can not be converted to an String`);
      assert.equal(serialization('DescribeKey', { KeyId: 34.56 }), `${NUMBER} can not be converted to an String`);
      assert.equal(serialization('DescribeKey', { KeyId: true }), 'class java.lang.Boolean can not be converted to an String');
      assert.equal(serialization('DescribeKey', { KeyId: ['k'] }), 'Start of list found where not expected');
      assert.equal(serialization('DescribeKey', { KeyId: {} }), 'Start of structure or map found where not expected.');
    });

    it('refuses a string or boolean where an integer or a long is modelled', () => {
      assert.equal(serialization('GenerateRandom', { NumberOfBytes: '23' }), 'class java.lang.String can not be converted to an Integer');
      assert.equal(serialization('GenerateRandom', { NumberOfBytes: true }), 'class java.lang.Boolean can not be converted to an Integer');
      const e = thrown(() => decodeJsonInput(services.logs, 'GetLogEvents', JSON.stringify({ logStreamName: 's', startTime: '1' })));
      assert.deepEqual([e.code, e.message], ['SerializationException', 'class java.lang.String can not be converted to an Long']);
    });

    it('truncates a fractional number given for an integer, as Coral does', () => {
      assert.equal(decodeKms('GenerateRandom', JSON.stringify({ NumberOfBytes: 32.9 })).NumberOfBytes, 32);
    });

    it('refuses a value where a boolean is modelled, naming strings upper-cased', () => {
      assert.equal(serialization('CreateKey', { BypassPolicyLockoutSafetyCheck: 'yes' }), "'YES' can not be converted to an Boolean");
      assert.equal(serialization('CreateKey', { BypassPolicyLockoutSafetyCheck: 23 }), `${NUMBER} can not be converted to an Boolean`);
      assert.equal(decodeKms('CreateKey', JSON.stringify({ BypassPolicyLockoutSafetyCheck: 'true' })).BypassPolicyLockoutSafetyCheck, true);
    });

    it('refuses a scalar or an object where a list is modelled', () => {
      assert.equal(serialization('Encrypt', { KeyId: 'k', Plaintext: 'AAAA', GrantTokens: '23' }), 'Expected list or null');
      assert.equal(serialization('Encrypt', { KeyId: 'k', Plaintext: 'AAAA', GrantTokens: 23 }), 'Expected list or null');
      assert.equal(serialization('Encrypt', { KeyId: 'k', Plaintext: 'AAAA', GrantTokens: {} }), 'Start of structure or map found where not expected.');
      assert.equal(serialization('Encrypt', { KeyId: 'k', Plaintext: 'AAAA', GrantTokens: [1] }), `${NUMBER} can not be converted to an String`);
    });

    it('refuses a scalar or an array where a map is modelled', () => {
      assert.equal(serialization('Encrypt', { KeyId: 'k', Plaintext: 'AAAA', EncryptionContext: '23' }), 'Expected map or null');
      assert.equal(serialization('Encrypt', { KeyId: 'k', Plaintext: 'AAAA', EncryptionContext: [] }), 'Start of list found where not expected');
      assert.equal(serialization('Encrypt', { KeyId: 'k', Plaintext: 'AAAA', EncryptionContext: { a: 1 } }), `${NUMBER} can not be converted to an String`);
    });

    it('refuses a scalar or an array where a structure is modelled', () => {
      assert.equal(serialization('GenerateRandom', { Recipient: '23' }), 'Expected null');
      assert.equal(serialization('GenerateRandom', { Recipient: 23 }), 'Expected null');
      assert.equal(serialization('GenerateRandom', { Recipient: [] }), 'Start of list found where not expected');
    });

    it('refuses a blob that is not a string or not valid base64, quoting the value', () => {
      const decrypt = (blob: unknown) => serialization('Decrypt', { CiphertextBlob: blob });
      assert.equal(decrypt(true), 'class java.lang.Boolean can not be converted to a Blob');
      assert.equal(decrypt(23), `${NUMBER} can not be converted to a Blob`);
      assert.equal(decrypt('23456'), "'23456' can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 bytes but found: 5");
      assert.equal(decrypt('=+/='), "'=+/=' can not be converted to a Blob: Invalid Base64 character: '='");
      assert.equal(decrypt('+/+='), "'+/+=' can not be converted to a Blob: Invalid last non-pad Base64 character dectected");
    });

    it('does not quote a sensitive blob such as Plaintext', () => {
      assert.equal(
        serialization('Encrypt', { KeyId: 'k', Plaintext: 'c2VjcmV0' + 'x' }),
        'can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 bytes but found: 9',
      );
    });
  });

  describe('decodeJsonInput: blobs and timestamps', () => {
    it('decodes a blob from base64 into bytes', () => {
      const out = decodeKms('Decrypt', JSON.stringify({ CiphertextBlob: Buffer.from([0, 1, 254, 255]).toString('base64') }));
      assert.deepEqual([...(out.CiphertextBlob as Uint8Array)], [0, 1, 254, 255]);
    });

    it('decodes a timestamp from epoch seconds, fractions included', () => {
      const out = decodeKms('ImportKeyMaterial', JSON.stringify({ KeyId: 'k', ImportToken: 'AAAA', EncryptedKeyMaterial: 'AAAA', ValidTo: 1767225600.25 }));
      assert.deepEqual(out.ValidTo, new Date(Date.UTC(2026, 0, 1) + 250));
    });
  });

  describe('encodeJsonOutput', () => {
    it('writes timestamps as epoch seconds with fractions and blobs as base64', () => {
      const body = encodeJsonOutput(services.kms, 'DescribeKey', {
        KeyMetadata: { KeyId: 'k', CreationDate: new Date(Date.UTC(2026, 0, 1) + 123), Enabled: true, KeyState: 'Enabled' },
      });
      assert.equal(body, '{"KeyMetadata":{"KeyId":"k","CreationDate":1767225600.123,"Enabled":true,"KeyState":"Enabled"}}');
      assert.equal(encodeJsonOutput(services.kms, 'Encrypt', { CiphertextBlob: new Uint8Array([0, 1, 254, 255]), KeyId: 'k' }), '{"CiphertextBlob":"AAH+/w==","KeyId":"k"}');
    });

    it('writes only modelled members and omits absent ones', () => {
      const out = { KeyMetadata: { KeyId: 'k', Description: undefined, Arn: null, internalSecret: 'x' } } as unknown as kms.DescribeKeyResponse;
      assert.equal(encodeJsonOutput(services.kms, 'DescribeKey', out), '{"KeyMetadata":{"KeyId":"k"}}');
      assert.equal(encodeJsonOutput(services.kms, 'CreateAlias', undefined), '{}');
    });

    it('writes lists and maps in order', () => {
      const body = encodeJsonOutput(services.kms, 'ListResourceTags', { Tags: [{ TagKey: 'a', TagValue: '1' }], Truncated: false });
      assert.equal(body, '{"Tags":[{"TagKey":"a","TagValue":"1"}],"Truncated":false}');
    });
  });

  describe('encodeJsonError', () => {
    it('writes {"__type", "message"} with the modelled error code', () => {
      assert.equal(
        encodeJsonError(new kms.NotFoundException("Key 'arn:aws:kms:us-east-1:000000000000:key/x' does not exist")),
        `{"__type":"NotFoundException","message":"Key 'arn:aws:kms:us-east-1:000000000000:key/x' does not exist"}`,
      );
    });

    it('writes the extra members of an error shape after the message', () => {
      const e = new AwsError('LimitExceededException', 'too many', { fields: { retryAfter: 3, when: new Date(1500) } });
      assert.equal(encodeJsonError(e), '{"__type":"LimitExceededException","message":"too many","retryAfter":3,"when":1.5}');
    });

    it("writes Coral's own SerializationException with a capital Message, or with no message at all", () => {
      assert.equal(encodeJsonError(new AwsError('SerializationException', 'Expected null')), '{"__type":"SerializationException","Message":"Expected null"}');
      assert.equal(encodeJsonError(new AwsError('SerializationException', '')), '{"__type":"SerializationException"}');
    });

    it('gives generated error classes the modelled status and fault', () => {
      assert.deepEqual([new kms.NotFoundException('m').status, new kms.NotFoundException('m').fault], [400, 'client']);
      assert.deepEqual([new kms.KMSInternalException('m').status, new kms.KMSInternalException('m').fault], [500, 'server']);
      assert.equal(services.kms.errorClasses.NotFoundException, kms.NotFoundException);
    });
  });

  describe('end to end through a real server', () => {
    let srv: TestServer;
    before(async () => {
      srv = await startTestServer();
    });
    after(() => srv.dispose());

    it('answers a validation failure with status 400, the JSON 1.1 content type, the error body and a request id', async () => {
      const r = await jsonCall(srv.url, 'TrentService.DescribeKey', {}, devCreds);
      assert.equal(r.status, 400);
      assert.equal(r.headers.get('content-type'), 'application/x-amz-json-1.1');
      assert.match(r.headers.get('x-amzn-requestid') ?? '', /^[0-9a-f-]{36}$/);
      assert.deepEqual(JSON.parse(r.text), {
        __type: 'ValidationException',
        message: "1 validation error detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null",
      });
    });

    it('answers a body that is not JSON with a bare SerializationException', async () => {
      const r = await jsonCall(srv.url, 'TrentService.DescribeKey', '{"KeyId":', devCreds);
      assert.equal(r.status, 400);
      assert.equal(r.text, '{"__type":"SerializationException"}');
    });

    it('surfaces a wrong member type to the SDK as SerializationException with its request id', async () => {
      const client = new KMSClient(clientConfig(srv.url));
      try {
        const e = await sdkError(client.send(new DescribeKeyCommand({ KeyId: 23 as unknown as string })));
        assert.deepEqual(e, { name: 'SerializationException', message: `${NUMBER} can not be converted to an String`, status: 400 });
      } finally {
        client.destroy();
      }
    });
  });
});
