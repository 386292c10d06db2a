import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { ListKeysCommand, KMSClient } from '@aws-sdk/client-kms';
import { clientConfig, devCreds, startTestServer, type Creds, type TestServer } from '../helpers/server.js';
import { jsonCall, queryCall, xmlErrorCode, xmlErrorMessage } from '../helpers/sign.js';

const BAD_SIGNATURE =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
const INVALID_TOKEN = 'The security token included in the request is invalid.';

describe('SigV4 authentication', () => {
  let srv: TestServer;
  let key: Creds;

  before(async () => {
    srv = await startTestServer({ dev: false });
    assert.ok(srv.server.bootstrap, 'the first start without --dev creates an account');
    key = { accessKeyId: srv.server.bootstrap.accessKeyId, secretAccessKey: srv.server.bootstrap.secretAccessKey };
  });
  after(() => srv.dispose());

  test('a generated key is accepted and test/test is refused without --dev', async () => {
    const ok = await queryCall(srv.url, 'sts', { Action: 'GetCallerIdentity' }, key);
    assert.equal(ok.status, 200, ok.text);
    assert.match(ok.text, new RegExp(`<Account>${srv.server.bootstrap!.accountId}</Account>`));
    const dev = await queryCall(srv.url, 'sts', { Action: 'GetCallerIdentity' }, devCreds);
    assert.equal(xmlErrorCode(dev.text), 'InvalidClientTokenId');
  });

  describe('Query protocol (STS) answers with its own codes', () => {
    test('returns MissingAuthenticationToken for a request with no auth', async () => {
      const r = await queryCall(srv.url, 'sts', { Action: 'GetCallerIdentity' });
      assert.equal(r.status, 403);
      assert.equal(xmlErrorCode(r.text), 'MissingAuthenticationToken');
    });

    test('returns InvalidClientTokenId for an unknown access key', async () => {
      const r = await queryCall(srv.url, 'sts', { Action: 'GetCallerIdentity' }, { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'x' });
      assert.equal(r.status, 403);
      assert.equal(xmlErrorCode(r.text), 'InvalidClientTokenId');
      assert.equal(xmlErrorMessage(r.text), INVALID_TOKEN);
    });

    test('returns SignatureDoesNotMatch for a wrong secret', async () => {
      const r = await queryCall(srv.url, 'sts', { Action: 'GetCallerIdentity' }, { ...key, secretAccessKey: key.secretAccessKey.slice(1) + 'A' });
      assert.equal(r.status, 403);
      assert.equal(xmlErrorCode(r.text), 'SignatureDoesNotMatch');
      assert.equal(xmlErrorMessage(r.text), BAD_SIGNATURE);
    });

    test('returns SignatureDoesNotMatch for a tampered signature or a tampered body', async () => {
      const sane = await tamperedSend(srv.url, key, 'none');
      assert.equal(sane.status, 200, 'sanity: the untampered request passes');
      for (const mode of ['signature', 'body'] as const) {
        const tampered = await tamperedSend(srv.url, key, mode);
        assert.equal(tampered.status, 403, mode);
        assert.equal(xmlErrorCode(tampered.text), 'SignatureDoesNotMatch', mode);
      }
    });

    test('returns SignatureDoesNotMatch with the expiry text for a timestamp 20 minutes old', async () => {
      const r = await queryCall(srv.url, 'sts', { Action: 'GetCallerIdentity' }, key, { signingDate: new Date(Date.now() - 20 * 60_000) });
      assert.equal(xmlErrorCode(r.text), 'SignatureDoesNotMatch');
      assert.match(xmlErrorMessage(r.text) ?? '', /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/);
    });
  });

  describe('JSON protocol (KMS) answers with its own codes', () => {
    const call = (creds?: Creds, extra = {}) => jsonCall(srv.url, 'TrentService.ListKeys', {}, creds, extra);

    test('returns MissingAuthenticationTokenException for a request with no auth', async () => {
      const r = await call();
      assert.equal(JSON.parse(r.text).__type, 'MissingAuthenticationTokenException');
      assert.equal(r.status, 400);
    });

    test('returns UnrecognizedClientException for an unknown access key', async () => {
      const r = await call({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'x' });
      assert.deepEqual(JSON.parse(r.text), { __type: 'UnrecognizedClientException', message: INVALID_TOKEN });
    });

    test('returns InvalidSignatureException for a wrong secret', async () => {
      const r = await call({ ...key, secretAccessKey: 'wrong' });
      assert.deepEqual(JSON.parse(r.text), { __type: 'InvalidSignatureException', message: BAD_SIGNATURE });
    });

    test('returns InvalidSignatureException for a timestamp 20 minutes old', async () => {
      const r = await call(key, { signingDate: new Date(Date.now() - 20 * 60_000) });
      const body = JSON.parse(r.text);
      assert.equal(body.__type, 'InvalidSignatureException');
      assert.match(body.message, /^Signature expired: /);
    });

    test('returns IncompleteSignatureException for a malformed Authorization header', async () => {
      const r = await jsonCall(srv.url, 'TrentService.ListKeys', {}, undefined, {
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': 'TrentService.ListKeys',
          'x-amz-date': '20261123T000000Z',
          authorization: 'AWS4-HMAC-SHA256 SignedHeaders=host',
        },
      });
      assert.equal(JSON.parse(r.text).__type, 'IncompleteSignatureException');
    });
  });

  test('accepts a signed header sent twice: SigV4 signs all its values, comma-joined', async () => {
    const r = await sendWithRepeatedHeader(srv.url, key, ['first', 'second']);
    assert.equal(r.status, 200, r.text);
    assert.match(r.text, /<GetCallerIdentityResponse/);
  });

  test('SDK v3 clients see the error codes as exceptions', async () => {
    const sts = new STSClient(clientConfig(srv.url, { ...key, secretAccessKey: 'nope' }));
    await assert.rejects(sts.send(new GetCallerIdentityCommand({})), (e: Error) => e.name === 'SignatureDoesNotMatch');
    const kms = new KMSClient(clientConfig(srv.url, { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'x' }));
    await assert.rejects(kms.send(new ListKeysCommand({})), (e: Error) => e.name === 'UnrecognizedClientException');
  });
});

/** Signs a GetCallerIdentity, then changes one character of the signature or of the body before sending. */
async function tamperedSend(url: string, key: Creds, mode: 'none' | 'signature' | 'body') {
  const { Sha256 } = await import('@aws-crypto/sha256-js');
  const { SignatureV4 } = await import('@smithy/signature-v4');
  const { HttpRequest } = await import('@smithy/protocol-http');
  const u = new URL(url);
  const body = 'Action=GetCallerIdentity&Version=2011-06-15';
  const signer = new SignatureV4({ service: 'sts', region: 'us-east-1', credentials: key, sha256: Sha256 });
  const signed = await signer.sign(
    new HttpRequest({
      method: 'POST',
      hostname: u.hostname,
      port: Number(u.port),
      path: '/',
      headers: { host: u.host, 'content-type': 'application/x-www-form-urlencoded' },
      body,
    }),
  );
  const auth = String(signed.headers.authorization);
  const last = auth.at(-1) === '0' ? '1' : '0';
  const headers = { ...signed.headers } as Record<string, string>;
  if (mode === 'signature') headers.authorization = auth.slice(0, -1) + last;
  delete headers.host;
  const sent = mode === 'body' ? body.replace('2011-06-15', '2011-06-16') : body;
  const res = await fetch(url + '/', { method: 'POST', headers, body: sent });
  return { status: res.status, text: await res.text() };
}

/**
 * A GetCallerIdentity whose signed header `x-amz-meta-repeated` is sent as one line per value, signed as SigV4 says:
 * the values joined with commas (node's own `headers` would join them with ', ').
 */
async function sendWithRepeatedHeader(url: string, key: Creds, values: string[]) {
  const { Sha256 } = await import('@aws-crypto/sha256-js');
  const { SignatureV4 } = await import('@smithy/signature-v4');
  const { HttpRequest } = await import('@smithy/protocol-http');
  const { request } = await import('node:http');
  const u = new URL(url);
  const body = 'Action=GetCallerIdentity&Version=2011-06-15';
  const signer = new SignatureV4({ service: 'sts', region: 'us-east-1', credentials: key, sha256: Sha256 });
  const signed = await signer.sign(
    new HttpRequest({
      method: 'POST',
      hostname: u.hostname,
      port: Number(u.port),
      path: '/',
      headers: { host: u.host, 'content-type': 'application/x-www-form-urlencoded', 'x-amz-meta-repeated': values.join(',') },
      body,
    }),
  );
  assert.match(String(signed.headers.authorization), /SignedHeaders=[^,]*x-amz-meta-repeated/);
  const headers: Record<string, string | string[]> = { ...(signed.headers as Record<string, string>), 'x-amz-meta-repeated': values };
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, method: 'POST', path: '/', headers }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
