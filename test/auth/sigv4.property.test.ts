/**
 * Random requests signed by the AWS SDK's own signer (@smithy/signature-v4) must verify here, and stop verifying
 * when the body or the secret changes.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SignatureV4 } from '@smithy/signature-v4';
import { HttpRequest } from '@smithy/protocol-http';
import { Sha256 } from '@aws-crypto/sha256-js';
import { ManualClock } from '../../src/common/clock.js';
import { parseAuth, SigV4Error, SigV4Verifier, type SigV4Request } from '../../src/auth/sigv4.js';

const SIGNING_DATE = new Date(Date.UTC(2026, 10, 23, 9, 30, 0));
const RUNS = 300;

// Characters a path or query may carry: unreserved, reserved, space, percent, unicode (BMP and astral).
const CHAR = fc.constantFrom(
  ...'aZ09-._~ !$&\'()*+,;=:@/?#[]%"<>\\^`{|}'.split(''),
  'é', 'ß', 'ሴ', '中', '😀', '\u00a0',
);
const TEXT = fc.array(CHAR, { maxLength: 8 }).map((cs) => cs.join(''));
const SEGMENT = fc.oneof({ weight: 6, arbitrary: fc.array(CHAR.filter((c) => c !== '/'), { maxLength: 6 }).map((c) => c.join('')) }, { weight: 1, arbitrary: fc.constantFrom('.', '..', '') });

/** Percent-encodes as a client might on the wire: unreserved bare, some sub-delims bare, hex in either case. */
function wireEncode(s: string, bareSet: string, upper: boolean[]): string {
  let out = '';
  let n = 0;
  for (const ch of s) {
    const bit = upper[n++ % upper.length] ?? true;
    // Unreserved characters usually travel bare, but a client may escape them (%7E for '~').
    if (/^[A-Za-z0-9\-._~]$/.test(ch) && (bit || n % 3 !== 0)) out += ch;
    else if (bareSet.includes(ch) && (upper[n++ % upper.length] ?? true)) out += ch;
    else {
      for (const b of Buffer.from(ch, 'utf8')) {
        const hex = b.toString(16).padStart(2, '0');
        out += '%' + ((upper[n++ % upper.length] ?? true) ? hex.toUpperCase() : hex);
      }
    }
  }
  return out;
}

const HEADER_VALUE = fc
  .array(fc.constantFrom('a', 'B', '7', ' ', '  ', '\t', ',', ';', '"', '=', '/', ':'), { maxLength: 12 })
  .map((cs) => cs.join(''));

interface Shape {
  segments: string[];
  trailingSlash: boolean;
  query: [string, string[]][];
  headers: [string, string][];
  body: Uint8Array;
  style: boolean[];
  applyChecksum: boolean;
  sessionToken: boolean;
  method: string;
}

const SHAPE: fc.Arbitrary<Shape> = fc.record({
  segments: fc.array(SEGMENT, { maxLength: 5 }),
  trailingSlash: fc.boolean(),
  query: fc.uniqueArray(fc.tuple(TEXT, fc.array(TEXT, { minLength: 1, maxLength: 3 })), {
    maxLength: 4,
    selector: (e) => e[0],
  }),
  headers: fc.uniqueArray(fc.tuple(fc.stringMatching(/^x-test-[a-z0-9-]{1,6}$/), HEADER_VALUE), {
    maxLength: 4,
    selector: (e) => e[0],
  }),
  body: fc.uint8Array({ maxLength: 300 }),
  style: fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
  applyChecksum: fc.boolean(),
  sessionToken: fc.boolean(),
  method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'),
});

const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };

function wirePath(s: Shape): string {
  const p = '/' + s.segments.map((seg) => wireEncode(seg, "!$&'()*+,;=:@", s.style)).join('/');
  return s.trailingSlash && !p.endsWith('/') ? p + '/' : p;
}

/** The query string as sent: every value of every key, in an order the shape's style bits shuffle. */
function wireQuery(pairs: [string, string][], style: boolean[]): string {
  const encoded = pairs.map(([k, v]) => `${wireEncode(k, "!$'()*,;:@/?", style)}=${wireEncode(v, "!$'()*,;:@/?+", style)}`);
  if (style[0]) encoded.reverse();
  return encoded.join('&');
}

function queryPairs(s: Shape): [string, string][] {
  return s.query.flatMap(([k, vs]) => vs.map((v): [string, string] => [k, v]));
}

function smithyQuery(s: Shape): Record<string, string | string[]> {
  const q: Record<string, string | string[]> = {};
  for (const [k, vs] of s.query) q[k] = vs.length === 1 ? vs[0]! : vs;
  return q;
}

/** What node's headersDistinct would hold: lower-case names, values with edge whitespace stripped. */
function serverHeaders(signed: Record<string, string>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(signed)) out[k.toLowerCase()] = [v.replace(/^[ \t]+|[ \t]+$/g, '')];
  return out;
}

function signer(s: Shape): SignatureV4 {
  return new SignatureV4({
    credentials: s.sessionToken ? { ...CREDENTIALS, sessionToken: 'FwoGZXIvYXdzEXAMPLETOKEN' } : CREDENTIALS,
    region: 'eu-west-1',
    service: 'logs',
    sha256: Sha256,
    applyChecksum: s.applyChecksum,
  });
}

function isSignatureFailure(e: unknown): boolean {
  return e instanceof SigV4Error && e.kind === 'signature';
}

function verifier(): SigV4Verifier {
  return new SigV4Verifier({ clock: new ManualClock(SIGNING_DATE.getTime()), cacheSize: 4 });
}

describe('requests signed by @smithy/signature-v4', () => {
  it('verify in header form, and fail with a changed body or secret', async () => {
    await fc.assert(
      fc.asyncProperty(SHAPE, async (s) => {
        const path = wirePath(s);
        const headers: Record<string, string> = { host: 'logs.eu-west-1.amazonaws.com', 'content-type': 'application/x-amz-json-1.1' };
        for (const [k, v] of s.headers) headers[k] = v;
        const request = new HttpRequest({ method: s.method, hostname: headers.host!, path, query: smithyQuery(s), headers, body: s.body });
        const signed = await signer(s).sign(request, { signingDate: SIGNING_DATE });
        const req: SigV4Request = {
          method: s.method,
          path,
          query: wireQuery(queryPairs(s), s.style),
          headers: serverHeaders(signed.headers),
          body: Buffer.from(s.body),
        };
        const v = verifier();
        const auth = parseAuth(req);
        assert.equal(auth.presigned, false);
        v.verify(req, auth, CREDENTIALS.secretAccessKey);

        const changed = Buffer.from(s.body);
        const body = changed.length === 0 ? Buffer.from([0]) : (changed[changed.length - 1]! ^= 1, changed);
        assert.throws(() => v.verify({ ...req, body }, auth, CREDENTIALS.secretAccessKey), isSignatureFailure);
        assert.throws(() => v.verify(req, auth, CREDENTIALS.secretAccessKey + 'x'), isSignatureFailure);
      }),
      { numRuns: RUNS },
    );
  });

  it('verify as presigned URLs, and fail with an added query parameter or a changed secret', async () => {
    await fc.assert(
      fc.asyncProperty(SHAPE, async (s) => {
        const path = wirePath(s);
        const headers: Record<string, string> = { host: 'sts.amazonaws.com' };
        for (const [k, v] of s.headers) headers[k] = v;
        const request = new HttpRequest({ method: 'GET', hostname: headers.host!, path, query: smithyQuery(s), headers });
        const presigned = await signer(s).presign(request, { signingDate: SIGNING_DATE, expiresIn: 300 });
        const pairs: [string, string][] = [];
        for (const [k, v] of Object.entries(presigned.query ?? {})) {
          for (const one of Array.isArray(v) ? v : [v]) pairs.push([k, one as string]);
        }
        const req: SigV4Request = { method: 'GET', path, query: wireQuery(pairs, s.style), headers: serverHeaders(presigned.headers), body: Buffer.alloc(0) };
        const v = verifier();
        const auth = parseAuth(req);
        assert.equal(auth.presigned, true);
        assert.equal(auth.expiresSeconds, 300);
        v.verify(req, auth, CREDENTIALS.secretAccessKey);

        const tampered = req.query + '&x-extra=1';
        assert.throws(() => v.verify({ ...req, query: tampered }, parseAuth({ ...req, query: tampered }), CREDENTIALS.secretAccessKey), isSignatureFailure);
        assert.throws(() => v.verify(req, auth, 'x' + CREDENTIALS.secretAccessKey), isSignatureFailure);
      }),
      { numRuns: RUNS },
    );
  });
});
