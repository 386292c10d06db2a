import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { HttpRequest } from '@smithy/protocol-http';
import { Sha256 } from '@aws-crypto/sha256-js';
import { ManualClock } from '../../src/common/clock.js';
import {
  checkCredentialScope,
  MSG_BOTH_AUTH_FORMS,
  MSG_HOST_NOT_SIGNED,
  MSG_SIGNATURE_MISMATCH,
  parseAuth,
  SigV4Error,
  SigV4Verifier,
  type AuthFailureKind,
  type SigV4Request,
} from '../../src/auth/sigv4.js';

const AKID = 'AKIDEXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const T0 = Date.UTC(2015, 7, 30, 12, 36, 0); // 20150830T123600Z
const MIN = 60_000;
const VANILLA_AUTHZ =
  'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31';

function request(headers: Record<string, string | string[]>, extra: Partial<SigV4Request> = {}): SigV4Request {
  const h: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(headers)) h[k] = Array.isArray(v) ? v : [v];
  return { method: 'GET', path: '/', query: '', headers: h, body: Buffer.alloc(0), ...extra };
}

/** The suite's get-vanilla request, which verifies at T0. */
function vanilla(): SigV4Request {
  return request({ host: 'example.amazonaws.com', 'x-amz-date': '20150830T123600Z', authorization: VANILLA_AUTHZ });
}

function b64sha(s: string): string {
  return createHash('sha256').update(s).digest('base64');
}

function failure(kind: AuthFailureKind, message?: string) {
  return (e: unknown): boolean => {
    assert.ok(e instanceof SigV4Error, `expected SigV4Error, got ${String(e)}`);
    assert.equal(e.kind, kind);
    if (message !== undefined) assert.equal(e.message, message);
    return true;
  };
}

async function smithySigned(opts: {
  headers?: Record<string, string>;
  body?: string;
  at: number;
  service?: string;
  region?: string;
}): Promise<SigV4Request> {
  const signer = new SignatureV4({
    credentials: { accessKeyId: AKID, secretAccessKey: SECRET },
    region: opts.region ?? 'us-east-1',
    service: opts.service ?? 'kms',
    sha256: Sha256,
  });
  const headers = opts.headers ?? { host: 'kms.us-east-1.amazonaws.com' };
  const req = new HttpRequest({ method: 'POST', hostname: 'kms.us-east-1.amazonaws.com', path: '/', headers, body: opts.body ?? '{}' });
  const signed = await signer.sign(req, { signingDate: new Date(opts.at) });
  const h: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(signed.headers)) h[k.toLowerCase()] = [v];
  return { method: 'POST', path: '/', query: '', headers: h, body: Buffer.from(opts.body ?? '{}') };
}

async function smithyPresigned(at: number, expiresIn: number): Promise<SigV4Request> {
  const signer = new SignatureV4({ credentials: { accessKeyId: AKID, secretAccessKey: SECRET }, region: 'us-east-1', service: 'sts', sha256: Sha256 });
  const req = new HttpRequest({
    method: 'GET',
    hostname: 'sts.amazonaws.com',
    path: '/',
    query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
    headers: { host: 'sts.amazonaws.com' },
  });
  const p = await signer.presign(req, { signingDate: new Date(at), expiresIn });
  const query = Object.entries(p.query ?? {})
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v as string)}`)
    .join('&');
  return { method: 'GET', path: '/', query, headers: { host: ['sts.amazonaws.com'] }, body: Buffer.alloc(0) };
}

describe('parseAuth', () => {
  it('reads the access key, scope, date, signed headers and signature of a header-signed request', () => {
    const auth = parseAuth(vanilla());
    assert.deepEqual(auth, {
      accessKeyId: 'AKIDEXAMPLE',
      date: '20150830',
      region: 'us-east-1',
      service: 'service',
      terminator: 'aws4_request',
      amzDate: '20150830T123600Z',
      signedHeaders: ['host', 'x-amz-date'],
      signature: '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
      presigned: false,
    });
  });

  it('reads the session token from X-Amz-Security-Token', () => {
    const req = vanilla();
    req.headers['x-amz-security-token'] = ['FwoGZXIvYXdzEXAMPLE'];
    assert.equal(parseAuth(req).securityToken, 'FwoGZXIvYXdzEXAMPLE');
  });

  it('accepts pairs separated by commas without spaces and a credential with a trailing slash', () => {
    const req = request({
      host: 'h',
      'x-amz-date': '20150830T123600Z',
      authorization: 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request/,SignedHeaders=X-Amz-Date;Host,Signature=abc',
    });
    const auth = parseAuth(req);
    assert.equal(auth.terminator, 'aws4_request');
    assert.deepEqual(auth.signedHeaders, ['host', 'x-amz-date']);
  });

  it('returns missing when there is no Authorization header and no signature in the query', () => {
    assert.throws(() => parseAuth(request({ host: 'h' }, { query: 'Action=ListUsers&Version=2010-05-08' })), failure('missing', 'Request is missing Authentication Token'));
  });

  it('returns missing for an Authorization header of another scheme', () => {
    assert.throws(() => parseAuth(request({ host: 'h', authorization: 'Bearer eyJhbGciOi' })), failure('missing'));
  });

  it('returns incomplete naming Credential, Signature and SignedHeaders when the header has none of them', () => {
    const header = 'AWS4-HMAC-SHA256';
    assert.throws(
      () => parseAuth(request({ host: 'h', 'x-amz-date': '20150830T123600Z', authorization: header })),
      failure(
        'incomplete',
        "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. " +
          "Authorization header requires 'SignedHeaders' parameter. " +
          `(Hashed with SHA-256 and encoded with Base64) Authorization=${b64sha(header)}`,
      ),
    );
  });

  it('returns incomplete naming the missing Signature and date header', () => {
    const header = 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host';
    assert.throws(
      () => parseAuth(request({ host: 'h', authorization: header })),
      failure(
        'incomplete',
        "Authorization header requires 'Signature' parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. " +
          `(Hashed with SHA-256 and encoded with Base64) Authorization=${b64sha(header)}`,
      ),
    );
  });

  it('returns incomplete for a pair without an equal sign, echoing only the hash of the header', () => {
    const header = 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE /20150830/us-east-1/service/aws4_request, SignedHeaders=host, Signature=abc';
    assert.throws(
      () => parseAuth(request({ host: 'h', 'x-amz-date': '20150830T123600Z', authorization: header })),
      failure('incomplete', `Invalid key=value pair (missing equal-sign) in Authorization header (hashed with SHA-256 and encoded with Base64): '${b64sha(header)}'.`),
    );
  });

  it('returns incomplete for an unsupported algorithm', () => {
    assert.throws(
      () => parseAuth(request({ host: 'h', authorization: 'AWS4-HMAC-SHA512 Credential=a/b/c/d/e, SignedHeaders=host, Signature=abc' })),
      failure('incomplete', "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA512' (only AWS4-HMAC-SHA256 for now). "),
    );
  });

  it('returns incomplete for a credential scope without five elements', () => {
    assert.throws(
      () =>
        parseAuth(request({ host: 'h', 'x-amz-date': '20150830T123600Z', authorization: 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/aws4_request, SignedHeaders=host, Signature=abc' })),
      failure('incomplete', "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got 'AKIDEXAMPLE/20150830/us-east-1/aws4_request'"),
    );
  });

  for (const bad of [
    '2015-08-30T12:36:00Z',
    '20150830T123600',
    '20150230T123600Z',
    '20150830T246000Z',
    'Sun, 30 Aug 2015 12:36:00 GMT',
    '20150229T123600Z', // 2015 is no leap year
    '19000229T000000Z', // nor is 1900
    '20150830T123660Z',
    '00990830T123600Z',
    '２０１５0830T123600Z',
  ]) {
    it(`returns incomplete for X-Amz-Date '${bad}'`, () => {
      const req = vanilla();
      req.headers['x-amz-date'] = [bad];
      assert.throws(() => parseAuth(req), failure('incomplete', `Date must be in ISO-8601 'basic format'. Got '${bad}'. See http://en.wikipedia.org/wiki/ISO_8601`));
    });
  }

  it('reads February 29th of a leap year', () => {
    for (const leap of ['20160229T000000Z', '20000229T235959Z']) {
      const req = vanilla();
      req.headers['x-amz-date'] = [leap];
      assert.equal(parseAuth(req).amzDate, leap);
    }
  });

  it('takes the date from an RFC 1123 Date header when X-Amz-Date is absent', () => {
    const req = request({ host: 'h', date: 'Sun, 30 Aug 2015 12:36:00 GMT', authorization: VANILLA_AUTHZ });
    assert.equal(parseAuth(req).amzDate, '20150830T123600Z');
  });

  it('prefers X-Amz-Date over Date', () => {
    const req = request({ host: 'h', date: 'Mon, 09 Sep 2011 23:36:00 GMT', 'x-amz-date': '20150830T123600Z', authorization: VANILLA_AUTHZ });
    assert.equal(parseAuth(req).amzDate, '20150830T123600Z');
  });

  it('returns incomplete for a Date header that is no date', () => {
    const req = request({ host: 'h', date: 'yesterday', authorization: VANILLA_AUTHZ });
    assert.throws(() => parseAuth(req), failure('incomplete', "Date must be in ISO-8601 'basic format'. Got 'yesterday'. See http://en.wikipedia.org/wiki/ISO_8601"));
  });

  it('refuses a request carrying both an Authorization header and X-Amz-Algorithm', () => {
    const req = vanilla();
    req.query = 'X-Amz-Algorithm=AWS4-HMAC-SHA256';
    assert.throws(() => parseAuth(req), failure('signature', MSG_BOTH_AUTH_FORMS));
  });

  it('reads a presigned query', async () => {
    const auth = parseAuth(await smithyPresigned(T0, 300));
    assert.equal(auth.presigned, true);
    assert.equal(auth.accessKeyId, AKID);
    assert.equal(auth.service, 'sts');
    assert.equal(auth.amzDate, '20150830T123600Z');
    assert.equal(auth.expiresSeconds, 300);
    assert.deepEqual(auth.signedHeaders, ['host']);
  });

  it('returns incomplete naming every missing presign parameter', () => {
    const req = request({ host: 'h' }, { query: 'X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fsts%2Faws4_request' });
    assert.throws(
      () => parseAuth(req),
      failure(
        'incomplete',
        "AWS query-string parameters must include 'X-Amz-Algorithm'. AWS query-string parameters must include 'X-Amz-Signature'. " +
          "AWS query-string parameters must include 'X-Amz-SignedHeaders'. AWS query-string parameters must include 'X-Amz-Date'. Re-examine the query-string parameters.",
      ),
    );
  });

  it('returns missing for a presign algorithm other than AWS4-HMAC-SHA256', () => {
    assert.throws(() => parseAuth(request({ host: 'h' }, { query: 'X-Amz-Algorithm=AWS4-ECDSA-P256-SHA256&X-Amz-Signature=ab' })), failure('missing'));
  });

  for (const [expires, message] of [
    ['soon', 'X-Amz-Expires should be a number'],
    ['-1', 'X-Amz-Expires must be non-negative'],
    ['604801', 'X-Amz-Expires must be less than a week (in seconds) that is 604800'],
  ]) {
    it(`returns incomplete for X-Amz-Expires=${expires}`, async () => {
      const req = await smithyPresigned(T0, 300);
      req.query = req.query.replace('X-Amz-Expires=300', `X-Amz-Expires=${expires}`);
      assert.throws(() => parseAuth(req), failure('incomplete', message));
    });
  }
});

describe('SigV4Verifier.verify', () => {
  it('accepts a request signed exactly 15 minutes ago or 15 minutes ahead', () => {
    for (const now of [T0 + 15 * MIN, T0 - 15 * MIN]) {
      new SigV4Verifier({ clock: new ManualClock(now) }).verify(vanilla(), parseAuth(vanilla()), SECRET);
    }
  });

  it('returns expired, with the times, for a request signed more than 15 minutes ago', () => {
    const v = new SigV4Verifier({ clock: new ManualClock(T0 + 15 * MIN + 1000) });
    assert.throws(
      () => v.verify(vanilla(), parseAuth(vanilla()), SECRET),
      (e: unknown) => {
        failure('expired', 'Signature expired: 20150830T123600Z is now earlier than 20150830T123601Z (20150830T125101Z - 15 min.)')(e);
        assert.deepEqual((e as SigV4Error).detail, { amzDate: '20150830T123600Z', bound: '20150830T123601Z', now: '20150830T125101Z', skewMinutes: 15 });
        return true;
      },
    );
  });

  it('returns not-yet-valid for a request dated more than 15 minutes ahead', () => {
    const v = new SigV4Verifier({ clock: new ManualClock(T0 - 15 * MIN - 1000) });
    assert.throws(
      () => v.verify(vanilla(), parseAuth(vanilla()), SECRET),
      failure('not-yet-valid', 'Signature not yet current: 20150830T123600Z is still later than 20150830T123559Z (20150830T122059Z + 15 min.)'),
    );
  });

  it('honours a configured skew', () => {
    const v = new SigV4Verifier({ clock: new ManualClock(T0 + 6 * MIN), maxSkewMs: 5 * MIN });
    assert.throws(
      () => v.verify(vanilla(), parseAuth(vanilla()), SECRET),
      failure('expired', 'Signature expired: 20150830T123600Z is now earlier than 20150830T123700Z (20150830T124200Z - 5 min.)'),
    );
  });

  it('checks freshness on its own, before any key lookup', () => {
    const v = new SigV4Verifier({ clock: new ManualClock(T0 + 16 * MIN) });
    assert.throws(() => v.checkFreshness(parseAuth(vanilla())), failure('expired'));
    new SigV4Verifier({ clock: new ManualClock(T0) }).checkFreshness(parseAuth(vanilla()));
  });

  it('accepts a presigned URL within X-Amz-Expires and rejects it once past', async () => {
    const req = await smithyPresigned(T0, 60);
    const auth = parseAuth(req);
    new SigV4Verifier({ clock: new ManualClock(T0 + 60_000) }).verify(req, auth, SECRET);
    assert.throws(
      () => new SigV4Verifier({ clock: new ManualClock(T0 + 61_000) }).verify(req, auth, SECRET),
      (e: unknown) => {
        failure('presign-expired', 'Request has expired')(e);
        assert.deepEqual((e as SigV4Error).detail, { amzDate: '20150830T123600Z', bound: '20150830T123700Z', now: '20150830T123701Z', expiresSeconds: 60 });
        return true;
      },
    );
  });

  it('never lets a presigned URL outlive the 15-minute window, whatever X-Amz-Expires says', async () => {
    const req = await smithyPresigned(T0, 3600);
    assert.throws(() => new SigV4Verifier({ clock: new ManualClock(T0 + 16 * MIN) }).verify(req, parseAuth(req), SECRET), failure('expired'));
  });

  it("verifies AWS's published presigned URL example, whose payload is UNSIGNED-PAYLOAD", () => {
    const req = request(
      { host: 'examplebucket.s3.amazonaws.com' },
      {
        path: '/test.txt',
        query:
          'X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404',
      },
    );
    const v = new SigV4Verifier({ clock: new ManualClock(Date.UTC(2013, 4, 24, 0, 5, 0)) });
    v.verify(req, parseAuth(req), 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
    assert.throws(() => v.verify(req, parseAuth(req), SECRET), failure('signature', MSG_SIGNATURE_MISMATCH));
  });

  it('verifies a request signed by the SDK signer and rejects it with another secret', async () => {
    const req = await smithySigned({ at: T0 });
    const v = new SigV4Verifier({ clock: new ManualClock(T0) });
    v.verify(req, parseAuth(req), SECRET);
    assert.throws(() => v.verify(req, parseAuth(req), 'other'), failure('signature', MSG_SIGNATURE_MISMATCH));
  });

  it('rejects a body that does not match the x-amz-content-sha256 the client signed', async () => {
    const req = await smithySigned({ at: T0, body: '{"KeyId":"a"}' });
    assert.ok(req.headers['x-amz-content-sha256']);
    const v = new SigV4Verifier({ clock: new ManualClock(T0) });
    assert.throws(() => v.verify({ ...req, body: Buffer.from('{"KeyId":"b"}') }, parseAuth(req), SECRET), failure('signature', MSG_SIGNATURE_MISMATCH));
  });

  it('requires host to be a signed header', async () => {
    const req = await smithySigned({ at: T0, headers: { 'content-type': 'application/x-amz-json-1.1' } });
    req.headers['host'] = ['kms.us-east-1.amazonaws.com'];
    assert.throws(() => new SigV4Verifier({ clock: new ManualClock(T0) }).verify(req, parseAuth(req), SECRET), failure('signature', MSG_HOST_NOT_SIGNED));
  });

  it('rejects a scope date that is not the day of X-Amz-Date', () => {
    const req = vanilla();
    req.headers['authorization'] = [VANILLA_AUTHZ.replace('/20150830/', '/20150831/')];
    assert.throws(
      () => new SigV4Verifier({ clock: new ManualClock(T0) }).verify(req, parseAuth(req), SECRET),
      failure('signature', "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20150831' != '20150830', from '20150830T123600Z'."),
    );
  });

  it('rejects a scope that does not end in aws4_request', () => {
    const req = vanilla();
    req.headers['authorization'] = [VANILLA_AUTHZ.replace('/aws4_request', '/aws5_request')];
    assert.throws(
      () => new SigV4Verifier({ clock: new ManualClock(T0) }).verify(req, parseAuth(req), SECRET),
      failure('signature', "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'."),
    );
  });

  it('rejects a signature in upper-case hex', () => {
    const req = vanilla();
    req.headers['authorization'] = [VANILLA_AUTHZ.replace(/Signature=([0-9a-f]+)/, (_, s: string) => `Signature=${s.toUpperCase()}`)];
    assert.throws(() => new SigV4Verifier({ clock: new ManualClock(T0) }).verify(req, parseAuth(req), SECRET), failure('signature'));
  });

  it('keeps the signing-key cache bounded and never mixes up secrets', () => {
    const v = new SigV4Verifier({ clock: new ManualClock(T0), cacheSize: 8 });
    for (let i = 0; i < 100; i++) {
      assert.throws(() => v.verify(vanilla(), parseAuth(vanilla()), `secret-${i}`), failure('signature'));
      assert.ok(v.cachedKeys <= 16, `cache holds ${v.cachedKeys} keys`);
    }
    v.verify(vanilla(), parseAuth(vanilla()), SECRET);
    assert.throws(() => v.verify(vanilla(), parseAuth(vanilla()), SECRET + 'x'), failure('signature'));
    v.verify(vanilla(), parseAuth(vanilla()), SECRET);
  });
});

describe('checkCredentialScope', () => {
  it('accepts the endpoint region and service', () => {
    checkCredentialScope(parseAuth(vanilla()), { region: 'us-east-1', service: 'service' });
  });

  it('lists every scope mismatch in one message', () => {
    const req = vanilla();
    req.headers['authorization'] = [VANILLA_AUTHZ.replace('/20150830/us-east-1/service/aws4_request', '/20150831/eu-west-9/logs/aws4_request')];
    assert.throws(
      () => checkCredentialScope(parseAuth(req), { region: 'us-east-1', service: 'kms' }),
      failure(
        'signature',
        "Credential should be scoped to a valid region, not 'eu-west-9'. Credential should be scoped to correct service: 'kms'. " +
          "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20150831' != '20150830', from '20150830T123600Z'.",
      ),
    );
  });
});
