/**
 * AWS Signature Version 4 verification for non-S3 services (KMS, CloudWatch Logs, IAM, STS).
 *
 * Written here rather than by re-signing each request through @smithy/signature-v4: that signer is async (every
 * hash goes through a Promise) and builds several intermediate objects per call, while this runs on the hot path of
 * every request. This module is synchronous and uses node:crypto directly (one-shot hashes, see SigningKey).
 *
 * Flow for the server: `parseAuth(req)` → optional `checkCredentialScope(auth, {region, service})` → look up the
 * access key (unknown → SigV4Error('unknown-key')) → `verifier.verify(req, auth, secret)`. AWS reports a stale
 * X-Amz-Date before an unknown key; `verifier.checkFreshness(auth)` can be called before the key lookup to keep
 * that order (verify() runs it again, which is cheap).
 */
import { createHash, createHmac, hash as oneShotHash } from 'node:crypto';
import type { Clock } from '../common/clock.js';

export interface SigV4Request {
  method: string;
  /** the raw request target path as received, without the query string, e.g. '/' or '/a%20b' */
  path: string;
  /** the raw query string without '?', '' if none */
  query: string;
  /**
   * Lower-cased names → values: all of a header's values in order (as node's IncomingMessage.headersDistinct), or
   * a plain string for a header sent once (so the server can pass node's `headers` when no name repeats).
   */
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export type AuthFailureKind =
  | 'missing' // no Authorization header and no X-Amz-Signature/X-Amz-Credential query params
  | 'incomplete' // malformed Authorization header / credential scope / missing X-Amz-Date etc.
  | 'unknown-key' // set by the server when the access key id is not known
  | 'signature' // signature mismatch (also scope mismatches, unsigned host)
  | 'expired' // X-Amz-Date more than the allowed skew in the past
  | 'not-yet-valid' // X-Amz-Date more than the allowed skew in the future
  | 'presign-expired' // presigned URL past X-Amz-Expires
  | 'expired-token'; // set by the server when temporary credentials (X-Amz-Security-Token) have expired

/** Times behind an expiry failure, all in ISO-8601 basic format (yyyymmddThhmmssZ). */
export interface SigV4ErrorDetail {
  /** the request's X-Amz-Date */
  amzDate: string;
  /** the limit it crossed: now - skew (expired), now + skew (not yet valid), date + X-Amz-Expires (presigned) */
  bound: string;
  /** the server's current time */
  now: string;
  /** the allowed skew in minutes (expired / not-yet-valid) */
  skewMinutes?: number;
  /** X-Amz-Expires in seconds (presign-expired) */
  expiresSeconds?: number;
}

/**
 * An authentication failure. `message` is AWS's wording for the failure (authErrorFor() relies on it for the
 * 'incomplete' and 'signature' kinds); it never carries secrets: the Authorization header is only ever echoed as
 * its SHA-256 hash, as AWS does.
 */
export class SigV4Error extends Error {
  constructor(
    readonly kind: AuthFailureKind,
    message: string,
    readonly detail?: SigV4ErrorDetail,
  ) {
    super(message);
    this.name = 'SigV4Error';
  }
}

export interface ParsedAuth {
  accessKeyId: string;
  /** yyyymmdd from the credential scope */
  date: string;
  region: string;
  service: string;
  /** yyyymmddThhmmssZ, from X-Amz-Date or converted from the Date header */
  amzDate: string;
  /** lower-cased and sorted */
  signedHeaders: string[];
  signature: string;
  securityToken?: string;
  presigned: boolean;
  /** the scope's last element, normally 'aws4_request' */
  terminator?: string;
  /** X-Amz-Expires in seconds (presigned only, when given) */
  expiresSeconds?: number;
  /** X-Amz-Content-Sha256 from the query (presigned only, when given), e.g. UNSIGNED-PAYLOAD */
  contentSha256?: string;
}

// ---------------------------------------------------------------------------------------------------------------
// AWS's messages (confirmed against real responses quoted in public issues and emulators that copy them).

export const MSG_SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
export const MSG_HOST_NOT_SIGNED = "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.";
export const MSG_BOTH_AUTH_FORMS = "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.";
export const MSG_PRESIGN_EXPIRED = 'Request has expired';

const ALGORITHM = 'AWS4-HMAC-SHA256';
const TERMINATOR = 'aws4_request';
const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const DEFAULT_SKEW_MS = 15 * 60 * 1000;
const MAX_PRESIGN_SECONDS = 604800;

const HTTP_DATE = /^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const HEX64 = /^[0-9a-fA-F]{64}$/;
const LOWER_HEX64 = /^[0-9a-f]{64}$/;

function first(headers: SigV4Request['headers'], name: string): string | undefined {
  const v = headers[name];
  if (typeof v === 'string') return v;
  return v === undefined || v.length === 0 ? undefined : v[0];
}

/** AWS echoes a malformed Authorization header only as base64(sha256(header)), so nothing secret leaks back. */
function hashedHeader(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('base64');
}

function incompleteDate(value: string): SigV4Error {
  return new SigV4Error(
    'incomplete',
    `Date must be in ISO-8601 'basic format'. Got '${value}'. See http://en.wikipedia.org/wiki/ISO_8601`,
  );
}

/** The number written by `len` ASCII digits of `s` at `at`, or -1 when one of them is not a digit. */
function digitsAt(s: string, at: number, len: number): number {
  let n = 0;
  for (let i = at; i < at + len; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

/**
 * Milliseconds for a yyyymmddThhmmssZ string, or NaN when it is not a real instant in that format (month 13, hour
 * 25, February 30th, second 60). Read digit by digit: it runs up to three times on every request.
 */
export function parseAmzDate(value: string): number {
  if (value.length !== 16 || value.charCodeAt(8) !== 84 /* T */ || value.charCodeAt(15) !== 90 /* Z */) return NaN;
  const y = digitsAt(value, 0, 4), mo = digitsAt(value, 4, 2), d = digitsAt(value, 6, 2);
  const h = digitsAt(value, 9, 2), mi = digitsAt(value, 11, 2), s = digitsAt(value, 13, 2);
  // Years below 100 are refused too: Date.UTC would read them as 19xx.
  if (y < 100 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return NaN;
  if (h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59) return NaN;
  return Date.UTC(y, mo - 1, d, h, mi, s);
}

/** yyyymmddThhmmssZ for a millisecond timestamp (seconds truncated). */
export function formatAmzDate(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2015-08-30T12:36:00.000Z
  return iso.slice(0, 4) + iso.slice(5, 7) + iso.slice(8, 13) + iso.slice(14, 16) + iso.slice(17, 19) + 'Z';
}

/** X-Amz-Date is taken as is (basic format only); a Date header may also be an RFC 1123 HTTP date. */
function resolveAmzDate(xAmzDate: string | undefined, date: string | undefined): string {
  if (xAmzDate !== undefined) {
    if (Number.isNaN(parseAmzDate(xAmzDate))) throw incompleteDate(xAmzDate);
    return xAmzDate;
  }
  const d = date!;
  if (!Number.isNaN(parseAmzDate(d))) return d;
  if (HTTP_DATE.test(d)) {
    const ms = Date.parse(d);
    if (!Number.isNaN(ms)) return formatAmzDate(ms);
  }
  throw incompleteDate(d);
}

function splitCredential(credential: string): string[] {
  // AWS ignores trailing slashes on the credential.
  let end = credential.length;
  while (end > 0 && credential.charCodeAt(end - 1) === 47 /* / */) end--;
  const parts = credential.slice(0, end).split('/');
  if (parts.length !== 5 || parts[0] === '') {
    throw new SigV4Error(
      'incomplete',
      `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${credential}'`,
    );
  }
  return parts;
}

function splitSignedHeaders(value: string): string[] {
  if (value === '') return [];
  const names = value.toLowerCase().split(';');
  // Clients send them sorted already; sorting a sorted list is cheap and protects against those that do not.
  names.sort();
  return names;
}

// ---------------------------------------------------------------------------------------------------------------
// Percent-encoding. A hand-written table walk: encodeURIComponent would need a decode/encode round trip per query
// component and throws on malformed escapes.

const UNRESERVED = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z0-9\-._~]/.test(ch)) UNRESERVED[c] = 1;
}
const HEX_UPPER = '0123456789ABCDEF';

function hexVal(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

function pctByte(b: number): string {
  return '%' + HEX_UPPER[b >> 4] + HEX_UPPER[b & 15];
}

/** True when every char is unreserved (and, if allowSlash, '/'): the common case needs no rewriting. */
function allUnreserved(s: string, allowSlash: boolean): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || (UNRESERVED[c] === 0 && !(allowSlash && c === 47))) return false;
  }
  return true;
}

/** Appends the UTF-8 bytes of the code point at s[i] percent-encoded; returns the index of the last unit used. */
function encodeNonAscii(s: string, i: number, out: string[]): number {
  const cp = s.codePointAt(i)!;
  const bytes = Buffer.from(String.fromCodePoint(cp), 'utf8');
  for (const b of bytes) out.push(pctByte(b));
  return cp > 0xffff ? i + 1 : i;
}

/**
 * Canonical form of one raw query component: decode %XX escapes and re-encode per RFC 3986 (unreserved chars bare,
 * everything else %XX upper-case). Works on bytes so it never throws; a '%' not followed by two hex digits is a
 * literal '%'. '+' is a literal plus, as the SDKs never send it for a space.
 */
function canonicalQueryComponent(s: string): string {
  if (allUnreserved(s, false)) return s;
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 128 && UNRESERVED[c] === 1) {
      out.push(s[i]!);
    } else if (c === 37 /* % */ && i + 2 < s.length && hexVal(s.charCodeAt(i + 1)) >= 0 && hexVal(s.charCodeAt(i + 2)) >= 0) {
      const b = (hexVal(s.charCodeAt(i + 1)) << 4) | hexVal(s.charCodeAt(i + 2));
      out.push(b < 128 && UNRESERVED[b] === 1 ? String.fromCharCode(b) : pctByte(b));
      i += 2;
    } else if (c < 128) {
      out.push(pctByte(c));
    } else {
      i = encodeNonAscii(s, i, out);
    }
  }
  return out.join('');
}

/** Decoded value of a query component (for reading X-Amz-* parameters). */
function decodeQueryComponent(s: string): string {
  if (s.indexOf('%') < 0) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * Canonical URI for non-S3 services: dot segments and empty segments removed, then every byte of the path as
 * received (already percent-encoded once by the client) encoded again, '/' kept. This is the "encode twice" rule,
 * and matches @smithy/signature-v4's getCanonicalPath.
 */
export function canonicalUri(path: string): string {
  if (path === '' || path === '/') return '/';
  let p = path;
  if (p.indexOf('//') >= 0 || /\/\.\.?(?:\/|$)/.test(p)) {
    const segments: string[] = [];
    for (const seg of p.split('/')) {
      if (seg === '' || seg === '.') continue;
      if (seg === '..') segments.pop();
      else segments.push(seg);
    }
    p = (p.startsWith('/') ? '/' : '') + segments.join('/') + (segments.length > 0 && p.endsWith('/') ? '/' : '');
  }
  if (allUnreserved(p, true)) return p;
  const out: string[] = [];
  for (let i = 0; i < p.length; i++) {
    const c = p.charCodeAt(i);
    if (c === 47 || (c < 128 && UNRESERVED[c] === 1)) out.push(p[i]!);
    else if (c < 128) out.push(pctByte(c));
    else i = encodeNonAscii(p, i, out);
  }
  return out.join('');
}

/** Canonical query string: components normalised, sorted by key then value; X-Amz-Signature left out if asked. */
export function canonicalQueryString(query: string, dropSignature: boolean): string {
  if (query === '') return '';
  const pairs: [string, string][] = [];
  let start = 0;
  while (start <= query.length) {
    let end = query.indexOf('&', start);
    if (end < 0) end = query.length;
    if (end > start) {
      const eq = query.indexOf('=', start);
      let k: string, v: string;
      if (eq >= 0 && eq < end) {
        k = canonicalQueryComponent(query.slice(start, eq));
        v = canonicalQueryComponent(query.slice(eq + 1, end));
      } else {
        k = canonicalQueryComponent(query.slice(start, end));
        v = '';
      }
      if (!(dropSignature && k === 'X-Amz-Signature')) pairs.push([k, v]);
    }
    start = end + 1;
  }
  if (pairs.length === 1) return pairs[0]![0] + '=' + pairs[0]![1];
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  let s = '';
  for (let i = 0; i < pairs.length; i++) {
    if (i > 0) s += '&';
    s += pairs[i]![0] + '=' + pairs[i]![1];
  }
  return s;
}

/** Header value as signed: line breaks become spaces, runs of spaces/tabs collapse, edges trimmed (as the SDKs do). */
function canonicalHeaderValue(v: string): string {
  if (isCanonicalHeaderValue(v)) return v;
  return v.replace(/[\r\n]/g, ' ').replace(/[ \t]+/g, ' ').replace(/^ | $/g, '');
}

/** True when a value has no line break or tab, no run of spaces and no space at either end (nearly always). */
function isCanonicalHeaderValue(v: string): boolean {
  const n = v.length;
  if (n === 0) return true;
  if (v.charCodeAt(0) === 32 || v.charCodeAt(n - 1) === 32) return false;
  for (let i = 0; i < n; i++) {
    const c = v.charCodeAt(i);
    if (c === 9 || c === 10 || c === 13 || (c === 32 && v.charCodeAt(i + 1) === 32)) return false;
  }
  return true;
}

/** The canonical request text for a parsed request (exported for tests and diagnostics). */
export function canonicalRequest(req: SigV4Request, auth: ParsedAuth, payloadHash: string): string {
  let headers = '';
  for (const name of auth.signedHeaders) {
    const values = req.headers[name];
    headers += name + ':';
    if (typeof values === 'string') {
      headers += canonicalHeaderValue(values);
    } else if (values !== undefined) {
      for (let i = 0; i < values.length; i++) {
        if (i > 0) headers += ',';
        headers += canonicalHeaderValue(values[i]!);
      }
    }
    headers += '\n';
  }
  return (
    req.method + '\n' +
    canonicalUri(req.path) + '\n' +
    canonicalQueryString(req.query, auth.presigned) + '\n' +
    headers + '\n' +
    auth.signedHeaders.join(';') + '\n' +
    payloadHash
  );
}

function credentialScope(auth: ParsedAuth): string {
  return `${auth.date}/${auth.region}/${auth.service}/${auth.terminator ?? TERMINATOR}`;
}

/** The string to sign for a canonical request (exported for tests and diagnostics). */
export function stringToSign(auth: ParsedAuth, canonical: string): string {
  // crypto.hash is a one-shot digest: about twice as fast as createHash for the small inputs of every request.
  const hash = oneShotHash('sha256', canonical, 'hex');
  return `${ALGORITHM}\n${auth.amzDate}\n${credentialScope(auth)}\n${hash}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Parsing

/** Reads the X-Amz-* parameters of a query string (first value of each, decoded). */
function readAmzQueryParams(query: string): Map<string, string> | undefined {
  const escaped = query.indexOf('%') >= 0;
  if (!escaped && query.indexOf('X-Amz-') < 0) return undefined;
  let params: Map<string, string> | undefined;
  for (const part of query.split('&')) {
    const eq = part.indexOf('=');
    const raw = eq < 0 ? part : part.slice(0, eq);
    // Names are compared decoded, so an escaped name (X%2DAmz-Date) still counts.
    const name = escaped ? decodeQueryComponent(raw) : raw;
    if (!name.startsWith('X-Amz-')) continue;
    params ??= new Map();
    if (!params.has(name)) params.set(name, eq < 0 ? '' : decodeQueryComponent(part.slice(eq + 1)));
  }
  return params;
}

function parsePresigned(q: Map<string, string>): ParsedAuth {
  const algorithm = q.get('X-Amz-Algorithm');
  if (algorithm !== undefined && algorithm !== ALGORITHM) {
    throw new SigV4Error('missing', 'Request is missing Authentication Token');
  }
  let missing = '';
  for (const p of ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-SignedHeaders', 'X-Amz-Date']) {
    if (!q.get(p)) missing += `AWS query-string parameters must include '${p}'. `;
  }
  if (missing !== '') throw new SigV4Error('incomplete', missing + 'Re-examine the query-string parameters.');

  const amzDate = resolveAmzDate(q.get('X-Amz-Date')!, undefined);
  const scope = splitCredential(q.get('X-Amz-Credential')!);
  let expiresSeconds: number | undefined;
  const expires = q.get('X-Amz-Expires');
  if (expires !== undefined) {
    // AWS's wording for these comes from S3, the service that documents X-Amz-Expires.
    if (!/^-?\d+$/.test(expires)) throw new SigV4Error('incomplete', 'X-Amz-Expires should be a number');
    expiresSeconds = Number(expires);
    if (expiresSeconds < 0) throw new SigV4Error('incomplete', 'X-Amz-Expires must be non-negative');
    if (expiresSeconds > MAX_PRESIGN_SECONDS) {
      throw new SigV4Error('incomplete', `X-Amz-Expires must be less than a week (in seconds) that is ${MAX_PRESIGN_SECONDS}`);
    }
  }
  const auth: ParsedAuth = {
    accessKeyId: scope[0]!,
    date: scope[1]!,
    region: scope[2]!,
    service: scope[3]!,
    terminator: scope[4]!,
    amzDate,
    signedHeaders: splitSignedHeaders(q.get('X-Amz-SignedHeaders')!),
    signature: q.get('X-Amz-Signature')!,
    presigned: true,
  };
  const token = q.get('X-Amz-Security-Token');
  if (token !== undefined) auth.securityToken = token;
  if (expiresSeconds !== undefined) auth.expiresSeconds = expiresSeconds;
  const contentSha256 = q.get('X-Amz-Content-Sha256');
  if (contentSha256 !== undefined) auth.contentSha256 = contentSha256;
  return auth;
}

/** A comma or what a regular expression's `\s` matches: the separators of the Authorization header's pairs. */
function isAuthSeparator(c: number): boolean {
  if (c === 44 /* , */ || c === 32 || (c >= 9 && c <= 13) || c === 0xa0) return true;
  if (c < 0x1680) return false;
  return c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

function parseHeaderAuth(req: SigV4Request, header: string): ParsedAuth {
  const value = header.trim();
  // A non-SigV4 scheme (Bearer, AWS3, ...) counts as no credentials at all.
  if (!value.startsWith('AWS4-')) throw new SigV4Error('missing', 'Request is missing Authentication Token');
  let end = 0;
  while (end < value.length && !isAuthSeparator(value.charCodeAt(end))) end++;
  const algorithm = value.slice(0, end);
  if (algorithm !== ALGORITHM) {
    throw new SigV4Error('incomplete', `Unsupported AWS 'algorithm': '${algorithm}' (only AWS4-HMAC-SHA256 for now). `);
  }
  let credential = '', signedHeaders: string | undefined, signature = '';
  // AWS splits on commas and whitespace alike (a space inside a credential shows up as a separate pair). A scan
  // rather than split(/[\s,]+/): this runs on every request.
  for (let start = end; start < value.length; start = end) {
    while (start < value.length && isAuthSeparator(value.charCodeAt(start))) start++;
    if (start === value.length) break;
    end = start;
    let eq = -1;
    for (; end < value.length; end++) {
      const c = value.charCodeAt(end);
      if (isAuthSeparator(c)) break;
      if (c === 61 /* = */ && eq < 0) eq = end;
    }
    if (eq < 0) {
      throw new SigV4Error(
        'incomplete',
        `Invalid key=value pair (missing equal-sign) in Authorization header (hashed with SHA-256 and encoded with Base64): '${hashedHeader(header)}'.`,
      );
    }
    const k = value.slice(start, eq), v = value.slice(eq + 1, end);
    // The last occurrence of a key wins.
    if (k === 'Credential') credential = v;
    else if (k === 'Signature') signature = v;
    else if (k === 'SignedHeaders') signedHeaders = v;
  }
  const xAmzDate = first(req.headers, 'x-amz-date');
  const date = xAmzDate === undefined ? first(req.headers, 'date') : undefined;
  let missing = '';
  if (credential === '') missing += "Authorization header requires 'Credential' parameter. ";
  if (signature === '') missing += "Authorization header requires 'Signature' parameter. ";
  if (signedHeaders === undefined) missing += "Authorization header requires 'SignedHeaders' parameter. ";
  if (xAmzDate === undefined && date === undefined) {
    missing += "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ";
  }
  if (missing !== '') {
    throw new SigV4Error('incomplete', `${missing}(Hashed with SHA-256 and encoded with Base64) Authorization=${hashedHeader(header)}`);
  }
  const amzDate = resolveAmzDate(xAmzDate, date);
  const scope = splitCredential(credential);
  const auth: ParsedAuth = {
    accessKeyId: scope[0]!,
    date: scope[1]!,
    region: scope[2]!,
    service: scope[3]!,
    terminator: scope[4]!,
    amzDate,
    signedHeaders: splitSignedHeaders(signedHeaders!),
    signature,
    presigned: false,
  };
  const token = first(req.headers, 'x-amz-security-token');
  if (token !== undefined) auth.securityToken = token;
  return auth;
}

/**
 * Parses header-form or presigned query-form auth. Throws SigV4Error('missing' | 'incomplete'), or 'signature'
 * when both forms are present (AWS answers that with its signature error code).
 */
export function parseAuth(req: SigV4Request): ParsedAuth {
  const header = first(req.headers, 'authorization');
  const q = req.query === '' ? undefined : readAmzQueryParams(req.query);
  const presigned =
    q !== undefined && (q.has('X-Amz-Algorithm') || q.has('X-Amz-Signature') || q.has('X-Amz-Credential'));
  if (header !== undefined && header.trim() !== '') {
    if (q !== undefined && q.has('X-Amz-Algorithm')) throw new SigV4Error('signature', MSG_BOTH_AUTH_FORMS);
    return parseHeaderAuth(req, header);
  }
  if (presigned) return parsePresigned(q!);
  throw new SigV4Error('missing', 'Request is missing Authentication Token');
}

/**
 * Checks the credential scope against the region and service this endpoint serves, with AWS's combined message
 * (every mismatch listed, in AWS's order). Throws SigV4Error('signature').
 */
export function checkCredentialScope(
  auth: ParsedAuth,
  expected: { region?: string; service?: string; isRegion?: (region: string) => boolean },
): void {
  let msg = '';
  if ((expected.region !== undefined && auth.region !== expected.region) || (expected.isRegion !== undefined && !expected.isRegion(auth.region))) {
    msg += `Credential should be scoped to a valid region, not '${auth.region}'. `;
  }
  if (expected.service !== undefined && auth.service !== expected.service) {
    msg += `Credential should be scoped to correct service: '${expected.service}'. `;
  }
  msg += scopeTailProblems(auth);
  if (msg !== '') throw new SigV4Error('signature', msg.trimEnd());
}

function scopeTailProblems(auth: ParsedAuth): string {
  let msg = '';
  const terminator = auth.terminator ?? TERMINATOR;
  if (terminator !== TERMINATOR) {
    msg += `Credential should be scoped with a valid terminator: '${TERMINATOR}', not '${terminator}'. `;
  }
  if (auth.amzDate.slice(0, 8) !== auth.date) {
    msg += `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${auth.date}' != '${auth.amzDate.slice(0, 8)}', from '${auth.amzDate}'.`;
  }
  return msg;
}

// ---------------------------------------------------------------------------------------------------------------
// Verification

const SHA256_BLOCK = 64;
const SHA256_SIZE = 32;

/**
 * A derived SigV4 signing key, kept as its two HMAC pad blocks (RFC 2104) so that signing is two one-shot SHA-256
 * digests. createHmac builds an OpenSSL 3 context for every message (with a provider fetch), which costs several
 * times the hashing itself on the short strings SigV4 signs, and that runs on every request.
 */
class SigningKey {
  private readonly innerPad = Buffer.alloc(SHA256_BLOCK);
  /** the outer pad block followed by room for the inner digest; reused, as signing is synchronous */
  private readonly outer = Buffer.alloc(SHA256_BLOCK + SHA256_SIZE);

  constructor(key: Buffer) {
    // A SigV4 signing key is an HMAC-SHA256 output: 32 bytes, never longer than a block, so it is zero-padded.
    for (let i = 0; i < SHA256_BLOCK; i++) {
      const k = i < key.length ? key[i]! : 0;
      this.innerPad[i] = k ^ 0x36;
      this.outer[i] = k ^ 0x5c;
    }
  }

  /** HMAC-SHA256 of the UTF-8 bytes of `message`, lower-case hex. */
  signHex(message: string): string {
    const length = Buffer.byteLength(message, 'utf8');
    const inner = Buffer.allocUnsafe(SHA256_BLOCK + length);
    this.innerPad.copy(inner, 0);
    inner.write(message, SHA256_BLOCK, length, 'utf8');
    // 'binary' (latin1) carries the raw digest bytes as a string, cheaper than a Buffer result.
    this.outer.write(oneShotHash('sha256', inner, 'binary'), SHA256_BLOCK, SHA256_SIZE, 'latin1');
    return oneShotHash('sha256', this.outer, 'hex');
  }
}

/** Compares two strings of equal length without stopping at the first difference. */
function equalInConstantTime(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

export class SigV4Verifier {
  private readonly clock: Clock;
  private readonly maxSkewMs: number;
  private readonly cacheSize: number;
  // Signing keys, bounded by generation swap: when `current` fills up it becomes `previous` and the older
  // generation is dropped, so at most 2 × cacheSize keys are held and hot keys survive by being promoted.
  private current = new Map<string, SigningKey>();
  private previous = new Map<string, SigningKey>();

  constructor(opts: { clock: Clock; maxSkewMs?: number; cacheSize?: number }) {
    this.clock = opts.clock;
    this.maxSkewMs = opts.maxSkewMs ?? DEFAULT_SKEW_MS;
    this.cacheSize = Math.max(1, opts.cacheSize ?? 1024);
  }

  /** Number of signing keys currently cached (for tests and metrics). */
  get cachedKeys(): number {
    return this.current.size + this.previous.size;
  }

  /**
   * Throws SigV4Error('expired' | 'not-yet-valid' | 'presign-expired') when the request's date is outside the
   * allowed window. Presigned URLs obey X-Amz-Expires, and, as STS does, never outlive the skew window either.
   */
  checkFreshness(auth: ParsedAuth): void {
    const t = parseAmzDate(auth.amzDate);
    if (Number.isNaN(t)) throw incompleteDate(auth.amzDate);
    const now = this.clock.now();
    const skewMinutes = this.maxSkewMs / 60000;
    if (t > now + this.maxSkewMs) {
      const detail = { amzDate: auth.amzDate, bound: formatAmzDate(now + this.maxSkewMs), now: formatAmzDate(now), skewMinutes };
      throw new SigV4Error(
        'not-yet-valid',
        `Signature not yet current: ${detail.amzDate} is still later than ${detail.bound} (${detail.now} + ${skewMinutes} min.)`,
        detail,
      );
    }
    if (auth.presigned && auth.expiresSeconds !== undefined && now > t + auth.expiresSeconds * 1000) {
      const detail = {
        amzDate: auth.amzDate,
        bound: formatAmzDate(t + auth.expiresSeconds * 1000),
        now: formatAmzDate(now),
        expiresSeconds: auth.expiresSeconds,
      };
      throw new SigV4Error('presign-expired', MSG_PRESIGN_EXPIRED, detail);
    }
    if (t < now - this.maxSkewMs) {
      const detail = { amzDate: auth.amzDate, bound: formatAmzDate(now - this.maxSkewMs), now: formatAmzDate(now), skewMinutes };
      throw new SigV4Error(
        'expired',
        `Signature expired: ${detail.amzDate} is now earlier than ${detail.bound} (${detail.now} - ${skewMinutes} min.)`,
        detail,
      );
    }
  }

  /** Throws SigV4Error('signature' | 'expired' | 'not-yet-valid' | 'presign-expired' | 'incomplete'). */
  verify(req: SigV4Request, auth: ParsedAuth, secretAccessKey: string): void {
    this.checkFreshness(auth);
    if (!auth.signedHeaders.includes('host') && !auth.signedHeaders.includes(':authority')) {
      throw new SigV4Error('signature', MSG_HOST_NOT_SIGNED);
    }
    const scopeProblems = scopeTailProblems(auth);
    if (scopeProblems !== '') throw new SigV4Error('signature', scopeProblems.trimEnd());
    if (!LOWER_HEX64.test(auth.signature)) throw new SigV4Error('signature', MSG_SIGNATURE_MISMATCH);

    const bodyHash = req.body.length === 0 ? EMPTY_SHA256 : oneShotHash('sha256', req.body, 'hex');
    let payloadHash = bodyHash;
    const declared = first(req.headers, 'x-amz-content-sha256');
    if (declared !== undefined && HEX64.test(declared)) {
      // The client signed its declared digest; it must also be the digest of the body we received.
      if (declared.toLowerCase() !== bodyHash) throw new SigV4Error('signature', MSG_SIGNATURE_MISMATCH);
      payloadHash = declared;
    } else if (auth.presigned && (declared === UNSIGNED_PAYLOAD || auth.contentSha256 === UNSIGNED_PAYLOAD)) {
      payloadHash = UNSIGNED_PAYLOAD;
    }

    const key = this.signingKey(secretAccessKey, auth.date, auth.region, auth.service);
    if (this.matches(key, req, auth, payloadHash)) return;
    // Presigning clients differ on the payload of a bodiless URL: some sign the empty-body digest, some the literal.
    if (auth.presigned && payloadHash !== UNSIGNED_PAYLOAD && this.matches(key, req, auth, UNSIGNED_PAYLOAD)) return;
    throw new SigV4Error('signature', MSG_SIGNATURE_MISMATCH);
  }

  private matches(key: SigningKey, req: SigV4Request, auth: ParsedAuth, payloadHash: string): boolean {
    const sts = stringToSign(auth, canonicalRequest(req, auth, payloadHash));
    return equalInConstantTime(key.signHex(sts), auth.signature);
  }

  private signingKey(secret: string, date: string, region: string, service: string): SigningKey {
    const id = date + '\n' + region + '\n' + service + '\n' + secret;
    let key = this.current.get(id);
    if (key !== undefined) return key;
    key = this.previous.get(id);
    if (key === undefined) {
      const kDate = createHmac('sha256', 'AWS4' + secret).update(date, 'utf8').digest();
      const kRegion = createHmac('sha256', kDate).update(region, 'utf8').digest();
      const kService = createHmac('sha256', kRegion).update(service, 'utf8').digest();
      key = new SigningKey(createHmac('sha256', kService).update(TERMINATOR, 'utf8').digest());
    }
    if (this.current.size >= this.cacheSize) {
      this.previous = this.current;
      this.current = new Map();
    }
    this.current.set(id, key);
    return key;
  }
}
