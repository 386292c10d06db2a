/**
 * The published AWS SigV4 test suite (aws-sig-v4-test-suite, 2015 edition: AKIDEXAMPLE, 20150830T123600Z,
 * us-east-1, service "service"), each case as its raw request text and the Authorization header AWS published.
 * A few cases from the older 2011 edition (Date header instead of X-Amz-Date) cover the Date form.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../src/common/clock.js';
import {
  canonicalRequest,
  parseAuth,
  SigV4Error,
  SigV4Verifier,
  type SigV4Request,
} from '../../src/auth/sigv4.js';

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const SUITE_TIME = Date.UTC(2015, 7, 30, 12, 36, 0);
const OLD_SUITE_TIME = Date.UTC(2011, 8, 9, 23, 36, 0);
const CRED = 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request';
const TOKEN =
  'AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==';

interface SuiteCase {
  name: string;
  /** the request as the suite's .req file has it */
  req: string;
  /** the suite's .authz file */
  authz: string;
  /** the suite's .creq file, where we check the canonical request too */
  creq?: string;
  time?: number;
}

const H = 'Host:example.amazonaws.com\nX-Amz-Date:20150830T123600Z';
const CREQ_TAIL = 'host:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

const CASES: SuiteCase[] = [
  { name: 'get-vanilla', req: `GET / HTTP/1.1\n${H}`, authz: `${CRED}, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31`, creq: `GET\n/\n\n${CREQ_TAIL}` },
  { name: 'get-vanilla-query', req: `GET / HTTP/1.1\n${H}`, authz: `${CRED}, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31` },
  { name: 'get-vanilla-empty-query-key', req: `GET /?Param1=value1 HTTP/1.1\n${H}`, authz: `${CRED}, SignedHeaders=host;x-amz-date, Signature=a67d582fa61cc504c4bae71f336f98b97f1ea3c7a6bfe1b6e45aec72011b9aeb`, creq: `GET\n/\nParam1=value1\n${CREQ_TAIL}` },
  { name: 'get-vanilla-query-order-key', req: `GET /?Param1=value2&Param1=Value1 HTTP/1.1\n${H}`, authz: `${CRED}, SignedHeaders=host;x-amz-date, Signature=eedbc4e291e521cf13422ffca22be7d2eb8146eecf653089df300a15b2382bd1`, creq: `GET\n/\nParam1=Value1&Param1=value2\n${CREQ_TAIL}` },
  { name: 'get-vanilla-query-order-key-case', req: `GET /?Param2=value2&Param1=value1 HTTP/1.1\n${H}`, authz: `${CRED}, SignedHeaders=host;x-amz-date, Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500`, creq: `GET\n/\nParam1=value1&Param2=value2\n${CREQ_TAIL}` },
  { name: 'get-vanilla-query-order-value', req: `GET /?Param1=value2&Param1=value1 HTTP/1.1\n${H}`, authz: `${CRED}, SignedHeaders=host;x-amz-date, Signature=5772eed61e12b33fae39ee5e7012498b51d56abc0abb7c60486157bd471c4694`, creq: `GET\n/\nParam1=value1&Param1=value2\n${CREQ_TAIL}` },
  { name: 'get-vanilla-query-unreserved', req: `GET /?-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz=-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz HTTP/1.1\n${H}`, authz: `${CRED}, SignedHeaders=host;x-amz-date, Signature=9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197` },
  { name: 'get-vanilla-utf8-query', req: `GET /?ሴ=bar HTTP/1.1\n${H}`, authz: `${CRED}, SignedHeaders=host;x-amz-date, Signature=2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04`, creq: `GET\n/\n%E1%88%B4=bar\n${CREQ_TAIL}` },
  { name: 'get-unreserved', req: `GET /-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz HTTP/1.1\n${H}`, authz: `${CRED}, SignedHeaders=host;x-amz-date, Signature=07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f` },
  { name: 'get-utf8', req: `GET /ሴ HTTP/1.1\n${H}`, authz: `${CRED}, SignedHeaders=host;x-amz-date, Signature=8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85`, creq: `GET\n/%E1%88%B4\n\n${CREQ_TAIL}` },
  { name: 'get-space', req: `GET /example space/ HTTP/1.1\n${H}`, authz: `${CRED}, SignedHeaders=host;x-amz-date, Signature=652487583200325589f1fba4c7e578f72c47cb61beeca81406b39ddec1366741`, creq: `GET\n/example%20space/\n\n${CREQ_TAIL}` },
  { name: 'get-relative', req: `GET /example/.. HTTP/1.1\n${H}`, authz: `${CRED}, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31`, creq: `GET\n/\n\n${CREQ_TAIL}` },
  { name: 'get-relative-relative', req: `GET /example1/example2/../.. HTTP/1.1\n${H}`, authz: `${CRED}, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31` },
  { name: 'get-slash', req: `GET // HTTP/1.1\n${H}`, authz: `${CRED}, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31` },
  { name: 'get-slash-dot-slash', req: `GET /./ HTTP/1.1\n${H}`, authz: `${CRED}, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31` },
  { name: 'get-slash-pointless-dot', req: `GET /./example HTTP/1.1\n${H}`, authz: `${CRED}, SignedHeaders=host;x-amz-date, Signature=ef75d96142cf21edca26f06005da7988e4f8dc83a165a80865db7089db637ec5`, creq: `GET\n/example\n\n${CREQ_TAIL}` },
  { name: 'get-slashes', req: `GET //example// HTTP/1.1\n${H}`, authz: `${CRED}, SignedHeaders=host;x-amz-date, Signature=9a624bd73a37c9a373b5312afbebe7a714a789de108f0bdfe846570885f57e84`, creq: `GET\n/example/\n\n${CREQ_TAIL}` },
  { name: 'get-header-key-duplicate', req: 'GET / HTTP/1.1\nHost:example.amazonaws.com\nMy-Header1:value2\nMy-Header1:value2\nMy-Header1:value1\nX-Amz-Date:20150830T123600Z', authz: `${CRED}, SignedHeaders=host;my-header1;x-amz-date, Signature=c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea`, creq: 'GET\n/\n\nhost:example.amazonaws.com\nmy-header1:value2,value2,value1\nx-amz-date:20150830T123600Z\n\nhost;my-header1;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' },
  { name: 'get-header-value-order', req: 'GET / HTTP/1.1\nHost:example.amazonaws.com\nMy-Header1:value4\nMy-Header1:value1\nMy-Header1:value3\nMy-Header1:value2\nX-Amz-Date:20150830T123600Z', authz: `${CRED}, SignedHeaders=host;my-header1;x-amz-date, Signature=08c7e5a9acfcfeb3ab6b2185e75ce8b1deb5e634ec47601a50643f830c755c01` },
  { name: 'get-header-value-trim', req: 'GET / HTTP/1.1\nHost:example.amazonaws.com\nMy-Header1: value1\nMy-Header2: "a   b   c"\nX-Amz-Date:20150830T123600Z', authz: `${CRED}, SignedHeaders=host;my-header1;my-header2;x-amz-date, Signature=acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736`, creq: 'GET\n/\n\nhost:example.amazonaws.com\nmy-header1:value1\nmy-header2:"a b c"\nx-amz-date:20150830T123600Z\n\nhost;my-header1;my-header2;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' },
  { name: 'post-vanilla', req: `POST / HTTP/1.1\n${H}`, authz: `${CRED}, SignedHeaders=host;x-amz-date, Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b` },
  { name: 'post-vanilla-query', req: `POST /?Param1=value1 HTTP/1.1\n${H}`, authz: `${CRED}, SignedHeaders=host;x-amz-date, Signature=28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11` },
  { name: 'post-vanilla-empty-query-value', req: `POST /?Param1=value1 HTTP/1.1\n${H}`, authz: `${CRED}, SignedHeaders=host;x-amz-date, Signature=28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11` },
  { name: 'post-header-key-case', req: `POST / HTTP/1.1\n${H}`, authz: `${CRED}, SignedHeaders=host;x-amz-date, Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b` },
  { name: 'post-header-key-sort', req: 'POST / HTTP/1.1\nHost:example.amazonaws.com\nMy-Header1:value1\nX-Amz-Date:20150830T123600Z', authz: `${CRED}, SignedHeaders=host;my-header1;x-amz-date, Signature=c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c` },
  { name: 'post-header-value-case', req: 'POST / HTTP/1.1\nHost:example.amazonaws.com\nMy-Header1:VALUE1\nX-Amz-Date:20150830T123600Z', authz: `${CRED}, SignedHeaders=host;my-header1;x-amz-date, Signature=cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d` },
  { name: 'post-x-www-form-urlencoded', req: 'POST / HTTP/1.1\nContent-Type:application/x-www-form-urlencoded\nHost:example.amazonaws.com\nX-Amz-Date:20150830T123600Z\n\nParam1=value1', authz: `${CRED}, SignedHeaders=content-type;host;x-amz-date, Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a`, creq: 'POST\n/\n\ncontent-type:application/x-www-form-urlencoded\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\ncontent-type;host;x-amz-date\n9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e' },
  { name: 'post-x-www-form-urlencoded-parameters', req: 'POST / HTTP/1.1\nContent-Type:application/x-www-form-urlencoded; charset=utf8\nHost:example.amazonaws.com\nX-Amz-Date:20150830T123600Z\n\nParam1=value1', authz: `${CRED}, SignedHeaders=content-type;host;x-amz-date, Signature=1a72ec8f64bd914b0e42e42607c7fbce7fb2c7465f63e3092b3b0d39fa77a6fe` },
  { name: 'post-sts-header-after', req: `POST / HTTP/1.1\n${H}\nX-Amz-Security-Token:${TOKEN}`, authz: `${CRED}, SignedHeaders=host;x-amz-date, Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b` },
  { name: 'post-sts-header-before', req: `POST / HTTP/1.1\n${H}\nX-Amz-Security-Token:${TOKEN}`, authz: `${CRED}, SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead` },
  // 2011 edition (host.foo.com, service "host", a Date header); vectors as vendored by goamz with x-amz-content-sha256.
  ...oldSuite(),
];

function oldSuite(): SuiteCase[] {
  const cred = 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20110909/us-east-1/host/aws4_request, SignedHeaders=date;host;x-amz-content-sha256';
  const h = 'Date:Mon, 09 Sep 2011 23:36:00 GMT\nHost:host.foo.com\nx-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
  return [
    { name: '2011 get-relative (Date header)', req: `GET /foo/.. HTTP/1.1\n${h}`, authz: `${cred}, Signature=6ad5d9fd6d93c5855f08c4675163da70623fcca6f49f9c96a3890c1c32877a2e`, time: OLD_SUITE_TIME },
    { name: '2011 get-slashes (Date header)', req: `GET //foo// HTTP/1.1\n${h}`, authz: `${cred}, Signature=cac8d6fc96a93d075848795a33138fa0dfb81a9b9a1387486b67c5803659107b`, time: OLD_SUITE_TIME },
    { name: '2011 get-unreserved (Date header)', req: `GET /-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz HTTP/1.1\n${h}`, authz: `${cred}, Signature=fc33535e9ffe760da308afc673033bb2f89254ef7abe2faaf5bf7c37a64cdf91`, time: OLD_SUITE_TIME },
    { name: '2011 get-vanilla-empty-query-key (Date header)', req: `GET /?foo=bar HTTP/1.1\n${h}`, authz: `${cred}, Signature=c3af9ab0d58331f70981239ab27cab9169ce2a87e5b5157b829648b084987e73`, time: OLD_SUITE_TIME },
    { name: '2011 get-header-value-trim (Date header)', req: `POST / HTTP/1.1\n${h}\np: phfft `, authz: 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20110909/us-east-1/host/aws4_request, SignedHeaders=date;host;p;x-amz-content-sha256, Signature=c7876fcc7fa5fdfd0d087d47c110c945d1bd1528828507b9c2c7cff6f3e8d838', time: OLD_SUITE_TIME },
  ];
}

/** Turns suite request text into what the server hands the verifier (values trimmed as node's parser does). */
function toRequest(text: string, authz: string): SigV4Request {
  const blank = text.indexOf('\n\n');
  const head = blank < 0 ? text : text.slice(0, blank);
  const body = blank < 0 ? '' : text.slice(blank + 2);
  const [requestLine, ...headerLines] = head.split('\n');
  const method = requestLine!.slice(0, requestLine!.indexOf(' '));
  const target = requestLine!.slice(method.length + 1, requestLine!.lastIndexOf(' HTTP/'));
  const q = target.indexOf('?');
  const headers: Record<string, string[]> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).toLowerCase();
    (headers[name] ??= []).push(line.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, ''));
  }
  headers['authorization'] = [authz];
  return {
    method,
    path: q < 0 ? target : target.slice(0, q),
    query: q < 0 ? '' : target.slice(q + 1),
    headers,
    body: Buffer.from(body, 'utf8'),
  };
}

function verifierAt(ms: number): SigV4Verifier {
  return new SigV4Verifier({ clock: new ManualClock(ms) });
}

function check(c: SuiteCase, mutate: (r: SigV4Request) => void = () => {}, secret = SECRET): void {
  const req = toRequest(c.req, c.authz);
  mutate(req);
  verifierAt(c.time ?? SUITE_TIME).verify(req, parseAuth(req), secret);
}

/** A hex digit other than the one at `i`. */
function flipHex(s: string, i: number): string {
  return s.slice(0, i) + (s[i] === '0' ? '1' : '0') + s.slice(i + 1);
}

function assertSignatureFailure(fn: () => void): void {
  assert.throws(fn, (e: unknown) => e instanceof SigV4Error && e.kind === 'signature');
}

describe('AWS SigV4 test suite', () => {
  for (const c of CASES) {
    describe(c.name, () => {
      it('verifies the published signature', () => {
        check(c);
      });

      if (c.creq !== undefined) {
        it('builds the published canonical request', () => {
          const req = toRequest(c.req, c.authz);
          const hash = c.creq!.slice(c.creq!.lastIndexOf('\n') + 1);
          assert.equal(canonicalRequest(req, parseAuth(req), hash), c.creq);
        });
      }

      it('rejects the signature with one character changed', () => {
        const sigAt = c.authz.indexOf('Signature=') + 'Signature='.length;
        for (const offset of [0, 31, 63]) {
          const authz = flipHex(c.authz, sigAt + offset);
          assertSignatureFailure(() => check({ ...c, authz }));
        }
      });

      it('rejects a secret with one character changed', () => {
        assertSignatureFailure(() => check(c, () => {}, 'x' + SECRET.slice(1)));
        assertSignatureFailure(() => check(c, () => {}, SECRET.slice(0, -1) + 'Z'));
      });

      it('rejects a change to a signed header', () => {
        assertSignatureFailure(() =>
          check(c, (r) => {
            r.headers['host'] = [r.headers['host']![0]!.replace(/^./, 'X')];
          }),
        );
      });

      it('rejects a change to the body', () => {
        assertSignatureFailure(() =>
          check(c, (r) => {
            r.body = r.body.length === 0 ? Buffer.from('x') : Buffer.concat([r.body.subarray(0, -1), Buffer.from('!')]);
          }),
        );
      });
    });
  }

  it('ignores an unsigned header being added or changed', () => {
    const c = CASES.find((x) => x.name === 'post-sts-header-after')!;
    check(c, (r) => {
      r.headers['x-amz-security-token'] = ['something-else'];
      r.headers['user-agent'] = ['aws-cli/2.15.0'];
    });
  });

  it('rejects a changed value of a multi-valued signed header', () => {
    const c = CASES.find((x) => x.name === 'get-header-value-order')!;
    assertSignatureFailure(() => check(c, (r) => (r.headers['my-header1'] as string[]).reverse()));
  });
});
