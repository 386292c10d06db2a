/**
 * Data identifiers of CloudWatch Logs data protection: the managed ones logseal implements (AWS's identifier names,
 * `arn:aws:dataprotection::aws:data-identifier/<Name>`) and custom ones (a name and a regular expression).
 *
 * A finder returns the spans of a message holding the sensitive value. Rules are the formats' own (checksums where the
 * format has one: Luhn for card numbers; the issuing rules of SSNs, NINOs and NANP numbers), and, where AWS's table
 * says a keyword is required, one of AWS's keywords within 30 characters before the value (a keyword with a space
 * also matches without it, or with `_` or `-` instead, as AWS documents).
 */

import { isIPv6 } from 'node:net';

export interface Span {
  start: number;
  end: number;
}

export interface DataIdentifier {
  /** `EmailAddress`, `Ssn-US`, or a custom identifier's name. */
  name: string;
  find(message: string): Span[];
}

const KEYWORD_WINDOW = 30;

/** A keyword list as one case-insensitive regex, spaces also matching nothing, `_` or `-`. */
function keywordRegex(words: readonly string[]): RegExp {
  const alts = words.map((w) =>
    w
      .split(' ')
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('[ _-]?'),
  );
  return new RegExp(`(?:${alts.join('|')})`, 'i');
}

const globals = new WeakMap<RegExp, RegExp>();
function globalOf(re: RegExp): RegExp {
  let g = globals.get(re);
  if (!g) globals.set(re, (g = new RegExp(re.source, 'gi')));
  return g;
}

/** Whether one of the keywords ends at most 30 characters before the value, or starts at most 30 after it. */
function nearKeyword(message: string, span: Span, kw: RegExp): boolean {
  const from = Math.max(0, span.start - KEYWORD_WINDOW - 64);
  const before = message.slice(from, span.start);
  const g = globalOf(kw);
  g.lastIndex = 0;
  for (let m = g.exec(before); m !== null; m = g.exec(before)) {
    if (before.length - (m.index + m[0].length) <= KEYWORD_WINDOW) return true;
  }
  return kw.test(message.slice(span.end, span.end + KEYWORD_WINDOW));
}

/** Every match of a global regex (group 1 when present), kept where `accept` says so. */
function scan(message: string, re: RegExp, accept?: (value: string, span: Span) => boolean): Span[] {
  const out: Span[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(message); m !== null; m = re.exec(message)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    const value = m[1] ?? m[0];
    const start = m.index + (m[1] !== undefined ? m[0].indexOf(m[1]) : 0);
    const span = { start, end: start + value.length };
    if (!accept || accept(value, span)) out.push(span);
  }
  return out;
}

// --- checksums and issuing rules ------------------------------------------------------------------------------

export function luhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** Issuer prefixes (IIN ranges) and lengths of the card networks. */
function cardIssuer(d: string): boolean {
  const n = d.length;
  const p2 = Number(d.slice(0, 2));
  const p3 = Number(d.slice(0, 3));
  const p4 = Number(d.slice(0, 4));
  const p6 = Number(d.slice(0, 6));
  if (d[0] === '4') return n === 13 || n === 16 || n === 19; // Visa
  if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) return n === 16; // Mastercard
  if (p2 === 34 || p2 === 37) return n === 15; // American Express
  if (p4 === 6011 || p2 === 65 || (p3 >= 644 && p3 <= 649) || (p6 >= 622126 && p6 <= 622925)) return n >= 16 && n <= 19; // Discover
  if (p4 >= 3528 && p4 <= 3589) return n >= 16 && n <= 19; // JCB
  if ((p3 >= 300 && p3 <= 305) || p2 === 36 || p2 === 38 || p2 === 39) return n >= 14 && n <= 19; // Diners Club
  if (p2 === 62) return n >= 16 && n <= 19; // UnionPay
  return false;
}

function ssnValid(d: string): boolean {
  const area = Number(d.slice(0, 3));
  const group = Number(d.slice(3, 5));
  const serial = Number(d.slice(5));
  return area !== 0 && area !== 666 && area < 900 && group !== 0 && serial !== 0;
}

/** HMRC: the first letter is not D, F, I, Q, U, V; the second none of those nor O; BG, GB, KN, NK, NT, TN, ZZ unused. */
function ninoValid(prefix: string): boolean {
  const p = prefix.toUpperCase();
  if (/[DFIQUV]/.test(p[0]!) || /[DFIQUVO]/.test(p[1]!)) return false;
  return !['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ'].includes(p);
}

/** NANP: area and exchange codes start with 2-9, and N11 codes are not assigned as either. */
function nanpValid(area: string, exchange: string): boolean {
  return area[0]! >= '2' && exchange[0]! >= '2' && !area.endsWith('11') && !exchange.endsWith('11');
}

// --- managed identifiers ----------------------------------------------------------------------------------------

const LOCAL_CHAR = /[A-Za-z0-9._%+-]/;
const DOMAIN_CHAR = /[A-Za-z0-9.-]/;
const DOMAIN = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}$/;

/**
 * Email addresses, found from each `@` outwards rather than by one regex: a regex with a 64-character local part
 * is tried at every position of every message, and almost no position is an address.
 */
function findEmails(m: string): Span[] {
  const out: Span[] = [];
  for (let at = m.indexOf('@'); at !== -1; at = m.indexOf('@', at + 1)) {
    let start = at;
    while (start > 0 && at - start < 64 && LOCAL_CHAR.test(m[start - 1]!)) start--;
    let end = at + 1;
    while (end < m.length && DOMAIN_CHAR.test(m[end]!)) end++;
    // A domain does not end with a dot or hyphen (a sentence's full stop is not part of it).
    while (end > at + 1 && (m[end - 1] === '.' || m[end - 1] === '-')) end--;
    if (start === at || !DOMAIN.test(m.slice(at + 1, end))) continue;
    if (start > 0 && /[\w%+-]/.test(m[start - 1]!)) continue;
    out.push({ start, end });
  }
  return out;
}

const IPV4_CANDIDATE = /\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}/g;

/** Dotted quads with octets up to 255, not part of a longer dotted number (a version such as 1.2.3.4.5). */
function findIpv4(m: string): Span[] {
  return scan(m, IPV4_CANDIDATE, (v, s) => {
    const before = m[s.start - 1];
    const after = m[s.end];
    if (before !== undefined && (/\d/.test(before) || (before === '.' && /\d/.test(m[s.start - 2] ?? '')))) return false;
    if (after !== undefined && (/\d/.test(after) || (after === '.' && /\d/.test(m[s.end + 1] ?? '')))) return false;
    return v.split('.').every((o) => Number(o) <= 255 && (o.length === 1 || o[0] !== '0'));
  });
}
/** Runs of hex digits and at least two colons; node's own parser decides which are IPv6 addresses. */
const IPV6 = /(?<![0-9A-Fa-f:.])[0-9A-Fa-f]{0,4}:[0-9A-Fa-f:]*:[0-9A-Fa-f]{0,4}(?![0-9A-Fa-f:])/g;
const CARD = /(?<![\d-])(\d(?:[ -]?\d){12,18})(?![\d])/g;
const SECRET_KEY = /(?<![A-Za-z0-9/+])([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])/g;
const SSN = /(?<![\d-])(\d{3})[- ]?(\d{2})[- ]?(\d{4})(?![\d-])/g;
const NINO = /(?<![A-Za-z0-9])[A-Za-z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-Da-d](?![A-Za-z0-9])/g;
const PHONE_US = /(?<![\d+])(?:\+?1[ .-]?)?\(?([2-9]\d{2})\)?[ .-]?([2-9]\d{2})[ .-]?\d{4}(?!\d)/g;
const PHONE_GB = /(?<![\d+])(?:\+44\s?\(?0?\)?\s?|0)(?:\d\s?){9,10}(?!\d)/g;

/** PEM/OpenSSH/PGP/PuTTY private key blocks, from their header to their footer. */
const OPENSSH_KEY = /-----BEGIN OPENSSH PRIVATE KEY-----[\s\S]*?-----END OPENSSH PRIVATE KEY-----/g;
const PKCS_KEY = /-----BEGIN (?:RSA |EC |DSA |ENCRYPTED )?PRIVATE KEY-----[\s\S]*?-----END (?:RSA |EC |DSA |ENCRYPTED )?PRIVATE KEY-----/g;
const PGP_KEY = /-----BEGIN PGP PRIVATE KEY BLOCK-----[\s\S]*?-----END PGP PRIVATE KEY BLOCK-----/g;
const PUTTY_KEY = /PuTTY-User-Key-File-[23]: [\s\S]*?Private-(?:Lines: \d+[\s\S]*?Private-)?MAC: [0-9a-fA-F]+/g;

const SECRET_KEY_WORDS = keywordRegex(['aws_secret_access_key', 'credentials', 'secret access key', 'secret key', 'set-awscredential']);
const SSN_WORDS = keywordRegex(['social security', 'ssn', 'ss#', 'ssa number', 'social security number']);
const NINO_WORDS = keywordRegex(['insurance no', 'insurance number', 'national insurance', 'national insurance number', 'nationalinsurance#', 'nin', 'nino']);
const PHONE_WORDS = keywordRegex(['cell', 'contact', 'fax', 'fax number', 'mobile', 'phone', 'phone number', 'tel', 'telephone', 'telephone number']);

function colons(m: string): number {
  let n = 0;
  for (let i = m.indexOf(':'); i !== -1; i = m.indexOf(':', i + 1)) n++;
  return n;
}

/** What the cheap tests read of a message, computed in one pass and kept for the next identifier. */
interface Profile {
  digits: number;
  /** The most digits in one run where single spaces or hyphens may separate digits (a card number's shape). */
  longestRun: number;
  /** How many times a digit, a dot and a digit follow each other (three in a dotted quad). */
  dottedDigits: number;
}

let profiled = '';
let lastProfile: Profile = { digits: 0, longestRun: 0, dottedDigits: 0 };

function profileOf(m: string): Profile {
  if (m === profiled) return lastProfile;
  let digits = 0;
  let run = 0;
  let longestRun = 0;
  let dottedDigits = 0;
  for (let i = 0; i < m.length; i++) {
    const c = m.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      digits++;
      run++;
      if (run > longestRun) longestRun = run;
    } else if ((c === 32 || c === 45) && run > 0 && isDigitAt(m, i + 1)) {
      // a separator inside a run
    } else {
      if (c === 46 && run > 0 && isDigitAt(m, i + 1)) dottedDigits++;
      run = 0;
    }
  }
  profiled = m;
  lastProfile = { digits, longestRun, dottedDigits };
  return lastProfile;
}

function isDigitAt(m: string, i: number): boolean {
  const c = m.charCodeAt(i);
  return c >= 48 && c <= 57;
}

function hasDigits(message: string, atLeast: number): boolean {
  return profileOf(message).digits >= atLeast;
}

/** Keyword tests, remembered for the message last tested (two phone identifiers share their keywords). */
const keywordMemo = new Map<RegExp, { message: string; found: boolean }>();
function hasKeyword(m: string, kw: RegExp): boolean {
  const memo = keywordMemo.get(kw);
  if (memo && memo.message === m) return memo.found;
  const found = kw.test(m);
  keywordMemo.set(kw, { message: m, found });
  return found;
}

/**
 * A finder behind a cheap test every match passes (a character it needs, enough digits, one of its required
 * keywords anywhere in the message): most messages hold nothing to find, and the test spares them the patterns.
 */
function guarded(test: (m: string) => boolean, find: (m: string) => Span[]): (m: string) => Span[] {
  return (m) => (test(m) ? find(m) : []);
}

const managed: DataIdentifier[] = [
  { name: 'EmailAddress', find: findEmails },
  {
    name: 'IpAddress',
    find: (m) => [
      ...(profileOf(m).dottedDigits >= 3 ? findIpv4(m) : []),
      // An IPv6 address has `::` or seven colons (a time such as 12:10:10 has neither).
      ...(m.includes('::') || colons(m) >= 7 ? scan(m, IPV6, (v) => isIPv6(v)) : []),
    ],
  },
  {
    name: 'CreditCardNumber',
    find: guarded((m) => profileOf(m).longestRun >= 13, (m) =>
      scan(m, CARD, (v) => {
        // Separators only between groups of the same kind (all spaces or all hyphens), never mixed.
        if (/ /.test(v) && /-/.test(v)) return false;
        const d = v.replace(/[ -]/g, '');
        return cardIssuer(d) && luhn(d);
      })),
  },
  {
    name: 'AwsSecretKey',
    find: guarded(
      (m) => hasKeyword(m, SECRET_KEY_WORDS),
      (m) => scan(m, SECRET_KEY, (v, s) => /[A-Z]/.test(v) && /[a-z]/.test(v) && /\d/.test(v) && nearKeyword(m, s, SECRET_KEY_WORDS)),
    ),
  },
  { name: 'OpenSshPrivateKey', find: guarded((m) => m.includes('-----BEGIN'), (m) => scan(m, OPENSSH_KEY)) },
  { name: 'PkcsPrivateKey', find: guarded((m) => m.includes('-----BEGIN'), (m) => scan(m, PKCS_KEY)) },
  { name: 'PgpPrivateKey', find: guarded((m) => m.includes('-----BEGIN'), (m) => scan(m, PGP_KEY)) },
  { name: 'PuttyPrivateKey', find: guarded((m) => m.includes('PuTTY-User-Key-File-'), (m) => scan(m, PUTTY_KEY)) },
  {
    name: 'Ssn-US',
    find: guarded((m) => hasDigits(m, 9) && hasKeyword(m, SSN_WORDS), (m) => {
      const out: Span[] = [];
      SSN.lastIndex = 0;
      for (let x = SSN.exec(m); x !== null; x = SSN.exec(m)) {
        const span = { start: x.index, end: x.index + x[0].length };
        if (ssnValid(x[1]! + x[2]! + x[3]!) && nearKeyword(m, span, SSN_WORDS)) out.push(span);
      }
      return out;
    }),
  },
  {
    name: 'NationalInsuranceNumber-GB',
    find: guarded((m) => hasDigits(m, 6) && hasKeyword(m, NINO_WORDS), (m) => scan(m, NINO, (v, s) => ninoValid(v.slice(0, 2)) && nearKeyword(m, s, NINO_WORDS))),
  },
  {
    name: 'PhoneNumber-US',
    find: guarded((m) => hasDigits(m, 10) && hasKeyword(m, PHONE_WORDS), (m) => {
      const out: Span[] = [];
      PHONE_US.lastIndex = 0;
      for (let x = PHONE_US.exec(m); x !== null; x = PHONE_US.exec(m)) {
        const span = { start: x.index, end: x.index + x[0].length };
        if (nanpValid(x[1]!, x[2]!) && nearKeyword(m, span, PHONE_WORDS)) out.push(span);
      }
      return out;
    }),
  },
  { name: 'PhoneNumber-GB', find: guarded((m) => hasDigits(m, 10) && hasKeyword(m, PHONE_WORDS), (m) => scan(m, PHONE_GB, (_v, s) => nearKeyword(m, s, PHONE_WORDS)).map(trimEnd(m))) },
];

/** Drops trailing whitespace a pattern with optional separators may have taken. */
function trimEnd(message: string): (s: Span) => Span {
  return (s) => {
    let end = s.end;
    while (end > s.start && /\s/.test(message[end - 1]!)) end--;
    return { start: s.start, end };
  };
}

export const MANAGED_IDENTIFIERS: ReadonlyMap<string, DataIdentifier> = new Map(managed.map((d) => [d.name, d]));

export const MANAGED_ARN_PREFIX = 'arn:aws:dataprotection::aws:data-identifier/';

// --- custom identifiers ------------------------------------------------------------------------------------------

/**
 * Whether a custom identifier's regex is one logseal runs. V8's engine backtracks, so constructs that make matching
 * super-linear on hostile input are refused: backreferences, lookaround, and a quantified group that itself holds a
 * quantifier (`(a+)+`). Returns the reason when refused.
 */
export function unsafeRegexReason(source: string): string | undefined {
  if (/\\[1-9]|\\k</.test(source)) return 'backreferences are not supported';
  if (/\(\?<?[=!]/.test(source)) return 'lookaround is not supported';
  // A group (possibly nested) containing a quantifier, followed by a quantifier.
  const stack: boolean[] = [];
  let quantifiedInside = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '[') {
      // Skip a character class.
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
      continue;
    }
    if (c === '(') {
      stack.push(quantifiedInside);
      quantifiedInside = false;
    } else if (c === ')') {
      const inner = quantifiedInside;
      quantifiedInside = stack.pop() ?? false;
      const next = source[i + 1];
      if (next === '*' || next === '+' || next === '{' || next === '?') {
        if (inner && next !== '?') return 'nested quantifiers are not supported';
        quantifiedInside = true;
      }
      if (inner) quantifiedInside = true;
    } else if (c === '*' || c === '+' || c === '{' || c === '?') {
      quantifiedInside = true;
    }
  }
  return undefined;
}

export function customIdentifier(name: string, regex: RegExp): DataIdentifier {
  const re = new RegExp(regex.source, regex.flags.includes('g') ? regex.flags : regex.flags + 'g');
  return { name, find: (m) => scan(m, re) };
}
