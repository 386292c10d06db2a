/**
 * Tokenisation and masking: one fixed, format-independent rule set.
 *
 * Events are split on whitespace. A token without a digit is kept as is (words, booleans, class names are left
 * for the miner to judge by how they vary). A token with a digit is masked piecewise, so the constant text around
 * a variable survives (`blk_-42` -> `blk_<*>`, `uid=1000,` -> `uid=<*>,`):
 *   - IPv6 / MAC / clock times (hex digits and `:` only, two colons or more) -> `<*>`
 *   - UUIDs (8-4-4-4-12 hex) -> `<*>`
 *   - a path or URL that contains a digit (from the `/` that starts it to the end of the token, less closing
 *     punctuation) -> `<*>`; but a slash before an address (`/10.0.0.1:80`, as Java prints sockets) -> `/<*>`
 *   - a number written with its unit (`12ms`, `2.5GB`, `800MHz`) -> `<*>ms`: the unit is constant text, and the
 *     dynamic part stays a number the engine can range-check;
 *   - otherwise every alphanumeric run that contains a digit (numbers, hex, `0x1f`, ids such as `blk_42`) -> `<*>`,
 *     a sign in front of a number included; runs of such masks joined only by `.`, `:`, `-`, `_` or `,` become one
 *     `<*>` (IPv4, dates, timestamps, versions, dotted ids), as do runs joined through a one- or two-letter tag
 *     (`attempt_1445_0020_m_000005_0` -> `attempt_<*>`).
 */

export const WILDCARD = '<*>';

/** Default number of characters of an event that are mined (CloudWatch Logs looks at the first 1,500). */
export const DEFAULT_MAX_CHARS = 1500;

const enum C {
  TAB = 9,
  LF = 10,
  VT = 11,
  FF = 12,
  CR = 13,
  SPACE = 32,
  PLUS = 43,
  COMMA = 44,
  MINUS = 45,
  DOT = 46,
  SLASH = 47,
  D0 = 48,
  D9 = 57,
  COLON = 58,
  UA = 65,
  UF = 70,
  UZ = 90,
  BACKSLASH = 92,
  UNDERSCORE = 95,
  LA = 97,
  LF_ = 102,
  LZ = 122,
}

const K_SPACE = 1;
const K_DIGIT = 2;
const K_JOIN = 4;
const K_LETTER = 8;
/** Character classes of ASCII, for the per-character loops of `tokenize` and `maskRuns`. */
const CLASS = new Uint8Array(128);
for (const c of [9, 10, 11, 12, 13, 32]) CLASS[c] = K_SPACE;
for (let c = 48; c <= 57; c++) CLASS[c] = K_DIGIT;
for (const c of [44, 45, 46, 58, 95]) CLASS[c] = K_JOIN;
for (let c = 65; c <= 90; c++) CLASS[c] = K_LETTER;
for (let c = 97; c <= 122; c++) CLASS[c] = K_LETTER;

function classOf(c: number): number {
  return c < 128 ? CLASS[c]! : c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200a) ? K_SPACE : 0;
}

function isSpace(c: number): boolean {
  return c === C.SPACE || (c >= C.TAB && c <= C.CR) || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200a);
}
function isDigit(c: number): boolean {
  return c >= C.D0 && c <= C.D9;
}
function isAlnum(c: number): boolean {
  return (c >= C.D0 && c <= C.D9) || (c >= C.LA && c <= C.LZ) || (c >= C.UA && c <= C.UZ);
}
function isHex(c: number): boolean {
  return (c >= C.D0 && c <= C.D9) || (c >= C.LA && c <= C.LF_) || (c >= C.UA && c <= C.UF);
}
/** Separators across which adjacent masked runs fuse into one wildcard. */
function isJoiner(c: number): boolean {
  return c === C.DOT || c === C.COLON || c === C.MINUS || c === C.UNDERSCORE || c === C.COMMA;
}
/** Characters that may open a path inside a token (`chdir(/p/x)`, `src: /10.0.0.1`, `spark://host`). */
function opensPath(c: number): boolean {
  return !isAlnum(c) && c !== C.DOT && c !== C.MINUS && c !== C.UNDERSCORE;
}
/** Closing punctuation left outside a masked path. */
function closesPath(c: number): boolean {
  return c === 41 || c === 93 || c === 125 || c === 62 || c === 34 || c === 39 || c === C.COMMA || c === 59;
}

/** `s[from, to)` is all hex digits and colons, with two colons or more and a digit: IPv6, MAC, hh:mm:ss. */
function isColonHex(s: string, from: number, to: number): boolean {
  let colons = 0;
  let digits = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === C.COLON) colons++;
    else if (isDigit(c)) digits++;
    else if (c === C.DOT) {
      // IPv4-mapped IPv6 tail (::ffff:1.2.3.4) or fractional seconds (12:00:01.123)
      if (colons < 2) return false;
    } else if (!isHex(c)) return false;
  }
  return colons >= 2 && digits > 0;
}

/** `s[from, to)` is an IPv4 address, with a port or not: digits, dots and colons, starting with a digit. */
function isAddress(s: string, from: number, to: number): boolean {
  if (from >= to || !isDigit(s.charCodeAt(from))) return false;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (!isDigit(c) && c !== C.DOT && c !== C.COLON) return false;
  }
  return true;
}

/** `s[from, to)` is a UUID: 8-4-4-4-12 hex digits. */
function isUuid(s: string, from: number, to: number): boolean {
  if (to - from !== 36) return false;
  for (let i = 0; i < 36; i++) {
    const c = s.charCodeAt(from + i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (c !== C.MINUS) return false;
    } else if (!isHex(c)) return false;
  }
  return true;
}

/**
 * `s[from, to)` is letters ending in one digit (`eth0`, `sda1`, `ssh2`): a device or protocol name more often than
 * a value, so it is left to the miner, which treats it as a parameter if it varies a lot.
 */
function isNamedUnit(s: string, from: number, to: number): boolean {
  if (to - from < 3 || !isDigit(s.charCodeAt(to - 1))) return false;
  for (let i = from; i < to - 1; i++) if (!isAlnum(s.charCodeAt(i)) || isDigit(s.charCodeAt(i))) return false;
  return true;
}

/** Units of measure written right after a number (lower case). */
const UNIT_SUFFIXES = new Set(
  'ns us ms s sec secs m min mins h hr hrs d b k kb mb gb tb pb kib mib gib tib bytes kbytes mbytes hz khz mhz ghz c x'.split(' '),
);

/**
 * Where the unit starts when `s[from, to)` is digits followed by a unit of measure (`12ms`, `5GB`); -1 otherwise.
 * Digits then other letters (`123abc`) are more likely hex, and stay one masked run; so are digits then a unit that
 * is also a hex digit (`b`, `c`, `d`) unless the number is short and has no leading zero (`36C`, but `0252524c`).
 */
function unitStart(s: string, from: number, to: number): number {
  let i = from;
  while (i < to && isDigit(s.charCodeAt(i))) i++;
  if (i === from || i === to || to - i > 6) return -1;
  for (let k = i; k < to; k++) if (isDigit(s.charCodeAt(k))) return -1;
  const unit = s.slice(i, to).toLowerCase();
  if (!UNIT_SUFFIXES.has(unit)) return -1;
  if (/^[a-f]+$/.test(unit) && (i - from > 4 || (i - from > 1 && s.charCodeAt(from) === C.D0))) return -1;
  return i;
}

/** Hints from the tokenizer's scan: which of the costlier checks a token may need. */
const H_COLONS = 1; // two colons or more: maybe IPv6, MAC or a clock time
const H_SLASH = 2; // a slash or backslash: maybe a path
const H_ALL = H_COLONS | H_SLASH;

/** Mask one whitespace-free token; returns the token itself when nothing in it is variable. */
export function maskToken(tok: string): string {
  const n = tok.length;
  let i = 0;
  while (i < n && !isDigit(tok.charCodeAt(i))) i++;
  if (i === n) return tok;
  return maskDigitToken(tok, H_ALL);
}

function maskDigitToken(tok: string, hints: number): string {
  const n = tok.length;
  // core: the token less surrounding brackets, quotes and trailing punctuation
  let a = 0;
  let b = n;
  while (a < b && !isAlnum(tok.charCodeAt(a)) && tok.charCodeAt(a) !== C.SLASH && tok.charCodeAt(a) !== C.MINUS) a++;
  while (b > a && !isAlnum(tok.charCodeAt(b - 1)) && tok.charCodeAt(b - 1) !== C.SLASH) b--;
  if (b > a && (((hints & H_COLONS) !== 0 && isColonHex(tok, a, b)) || isUuid(tok, a, b))) {
    return tok.slice(0, a) + WILDCARD + tok.slice(b);
  }
  if ((hints & H_SLASH) === 0) return maskRuns(tok, 0, n);
  // a path or URL: from the slash that opens it to the end of the token, less closing punctuation
  for (let j = a; j < b; j++) {
    const c = tok.charCodeAt(j);
    if ((c === C.SLASH || c === C.BACKSLASH) && (j === 0 || opensPath(tok.charCodeAt(j - 1)))) {
      let k = j + 1;
      while (k < b && !isDigit(tok.charCodeAt(k))) k++;
      if (k === b) break; // no digit in the path: keep it, the miner judges it
      let e = n;
      while (e > j && closesPath(tok.charCodeAt(e - 1))) e--;
      // Java prints a socket address as `host/1.2.3.4:80`, empty host included: that slash is constant text
      const keep = c === C.SLASH && isAddress(tok, j + 1, e) ? 1 : 0;
      return maskRuns(tok, 0, j) + tok.slice(j, j + keep) + WILDCARD + tok.slice(e);
    }
  }
  return maskRuns(tok, 0, n);
}

/** Replace every alphanumeric run of `s[from, to)` that holds a digit with the wildcard; fuse joined wildcards. */
function maskRuns(s: string, from: number, to: number): string {
  let out = '';
  let lit = from; // start of literal text not yet copied to out
  let i = from;
  let lastWild = false; // out (plus the held joiner) ends with a wildcard
  let held = -1; // index of a joiner right after a wildcard, held back in case another wildcard follows
  while (i < to) {
    const c = s.charCodeAt(i);
    if (isAlnum(c)) {
      let j = i;
      let digit = false;
      while (j < to) {
        const d = s.charCodeAt(j);
        const k = d < 128 ? CLASS[d]! : 0;
        if (k === K_DIGIT) digit = true;
        else if (k !== K_LETTER) break;
        j++;
      }
      // numbers with a unit end in a letter; named units (`eth0`) start with one and end in a digit
      const lastIsDigit = isDigit(s.charCodeAt(j - 1));
      const unit = digit && !lastIsDigit ? unitStart(s, i, j) : -1;
      if (unit > 0) {
        // `1.5ms`: the number (fused with what it is joined to) is masked, the unit is kept
        if (!lastWild) out += s.slice(lit, i) + WILDCARD;
        lastWild = false;
        held = -1;
        lit = unit;
      } else if (digit && !(lastIsDigit && !isDigit(c) && isNamedUnit(s, i, j))) {
        if (lastWild) {
          // fuse: `<*>.<*>` -> `<*>` (the held joiner is dropped)
        } else {
          out += s.slice(lit, i) + WILDCARD;
        }
        lastWild = true;
        held = -1;
        lit = j;
      } else if (held >= 0 && j - i <= 2 && j + 1 < to && isJoiner(s.charCodeAt(j)) && isDigit(s.charCodeAt(j + 1))) {
        // a one- or two-letter tag between numbers belongs to the id (`attempt_14_0020_m_000005_0` -> `attempt_<*>`)
        held = -1;
        lit = j;
      } else {
        lastWild = false;
        if (held >= 0) lit = held;
        held = -1;
      }
      i = j;
      continue;
    }
    // a sign directly in front of a number belongs to it
    if ((c === C.MINUS || c === C.PLUS) && i + 1 < to && isDigit(s.charCodeAt(i + 1))) {
      const prev = i > from ? s.charCodeAt(i - 1) : -1;
      if (prev === -1 || !isAlnum(prev)) {
        if (!lastWild) out += s.slice(lit, i);
        lit = i + 1;
        i++;
        continue;
      }
    }
    if (lastWild && held < 0 && isJoiner(c)) {
      held = i;
    } else {
      if (held >= 0) lit = held;
      held = -1;
      lastWild = false;
    }
    i++;
  }
  if (held >= 0) lit = held;
  return out + s.slice(lit, to);
}

/** The tokens of an event, raw and masked, over its first `maxChars` characters. */
export interface Tokens {
  raw: string[];
  masked: string[];
}

/** What the tokenizer's scan saw in each token, for `refine` (reused between calls: tokenize is not re-entrant). */
const flags: number[] = [];
const F_EQ = 1;
const F_AT = 2;
const F_DOT = 4; // a dot and a letter
const F_QUOTE = 8;
const F_JSON = 16; // a quote and a colon
const F_SLASH = 32;
const F_WORD = 64; // letters and no digit, at most 11 characters
const F_WILD = 128; // masked: holds a wildcard

/** Split on whitespace and mask each token. */
export function tokenize(message: string, maxChars: number = DEFAULT_MAX_CHARS): Tokens {
  const raw: string[] = [];
  const masked: string[] = [];
  const n = message.length < maxChars ? message.length : maxChars;
  let i = 0;
  while (i < n) {
    while (i < n && classOf(message.charCodeAt(i)) === K_SPACE) i++;
    if (i >= n) break;
    const start = i;
    let digit = false;
    // plain numbers, IPs, dates and times (digits with single separators) need no further look
    let plain = true;
    let afterSep = true;
    let colons = 0;
    let slash = false;
    let dot = false;
    let letter = false;
    let f = 0;
    while (i < n) {
      const c = message.charCodeAt(i);
      const k = classOf(c);
      if (k === K_SPACE) break;
      if (k === K_DIGIT) {
        digit = true;
        afterSep = false;
      } else if (k === K_JOIN) {
        if (afterSep) plain = false;
        afterSep = true;
        if (c === C.COLON) colons++;
        else if (c === C.DOT) dot = true;
      } else {
        plain = false;
        if (k === K_LETTER) letter = true;
        else if (c === C.SLASH || c === C.BACKSLASH) slash = true;
        else if (c === 61) f |= F_EQ;
        else if (c === 64) f |= F_AT;
        else if (c === 34) f |= F_QUOTE;
      }
      i++;
    }
    const tok = message.slice(start, i);
    if (dot && letter) f |= F_DOT;
    if (slash) f |= F_SLASH;
    if ((f & F_QUOTE) !== 0 && colons > 0) f |= F_JSON;
    if (!digit && letter && i - start <= 11 && i - start >= 2) f |= F_WORD;
    const at = raw.length;
    raw.push(tok);
    if (!digit) masked.push(tok);
    else {
      const m = plain ? (afterSep ? WILDCARD + tok[tok.length - 1]! : WILDCARD) : maskDigitToken(tok, (colons >= 2 ? H_COLONS : 0) | (slash ? H_SLASH : 0));
      masked.push(m);
      if (m.length !== tok.length || m !== tok) f |= F_WILD;
    }
    flags[at] = f;
  }
  refine(raw, masked, flags);
  return { raw, masked };
}

// ---- values written without a digit, and values spread over several tokens ----

/** Month and weekday names (English, abbreviated and full), lower case: parts of a written date. */
const DATE_NAMES = new Set(
  (
    'jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july august september ' +
    'october november december mon tue tues wed thu thur thurs fri sat sun monday tuesday wednesday thursday friday ' +
    'saturday sunday'
  ).split(' '),
);
/** Time-zone abbreviations and the half-day markers written after a clock time. */
const ZONE_NAMES = new Set(
  'am pm utc gmt z pst pdt mst mdt cst cdt est edt akst akdt hst cet cest eet eest wet west bst ist jst kst msk aest aedt'.split(' '),
);
/**
 * Top-level domains that end a host name in logs (generic ones, the local pseudo-domains, and two-letter country
 * codes, recognised by their length). Java and Android names (`com.android.server.Foo`) end with a class or package
 * name instead, so they stay words.
 */
const HOST_TLDS = new Set('com net org edu gov mil int io local localdomain lan internal intranet corp home arpa cloud dev app'.split(' '));

const JSON_STRING_MEMBER = /":"(?!<\*>")[^"]*"/g;

/** The token without the brackets, quotes and punctuation around it: [from, to). */
function coreOf(tok: string): [number, number] {
  let a = 0;
  let b = tok.length;
  while (a < b && !isAlnum(tok.charCodeAt(a))) a++;
  while (b > a && !isAlnum(tok.charCodeAt(b - 1))) b--;
  return [a, b];
}

/** A set of lower-case words with each also written Capitalised and in UPPER case, so lookups need no case folding. */
function cased(words: Set<string>): Set<string> {
  const c = new Set<string>();
  for (const w of words) for (const v of [w, w[0]!.toUpperCase() + w.slice(1), w.toUpperCase()]) c.add(v);
  return c;
}
const DATE_WORDS = cased(DATE_NAMES);
const ZONE_WORDS = cased(ZONE_NAMES);

/** `tok`, less surrounding punctuation, is a word of `all` (a `cased` set). */
function wordIn(all: Set<string>, tok: string): boolean {
  const n = tok.length;
  if (n < 1 || n > 10) return false;
  if (isAlnum(tok.charCodeAt(0)) && isAlnum(tok.charCodeAt(n - 1))) return all.has(tok);
  const [a, b] = coreOf(tok);
  return b > a && all.has(tok.slice(a, b));
}

/** `s[from, to)` is a host name with at least one dot ending in a known top-level domain, with an optional `:port`. */
function isHostName(s: string, from: number, to: number): boolean {
  let end = to;
  const colon = s.lastIndexOf(':', to - 1);
  if (colon >= from) {
    for (let k = colon + 1; k < to; k++) if (!isDigit(s.charCodeAt(k))) return false;
    end = colon;
  }
  // the top-level domain first: most dotted words (Java names, sentence ends) fail here
  const last = s.lastIndexOf('.', end - 1);
  if (last <= from || last >= end - 1) return false;
  const tldLength = end - last - 1;
  if (tldLength === 2) {
    const c1 = s.charCodeAt(last + 1);
    const c2 = s.charCodeAt(last + 2);
    if (!(c1 >= C.LA && c1 <= C.LZ && c2 >= C.LA && c2 <= C.LZ)) return false;
  } else if (!HOST_TLDS.has(s.slice(last + 1, end))) return false;
  let label = from;
  for (let k = from; k < end; k++) {
    const c = s.charCodeAt(k);
    if (c === C.DOT) {
      if (k === label) return false;
      label = k + 1;
    } else if (!(isAlnum(c) || c === C.MINUS) || (c >= C.UA && c <= C.UZ)) return false;
  }
  return true;
}

/** `s[from, to)` is an e-mail address: a local part, `@`, and a domain with a dot. */
function isEmail(s: string, from: number, to: number): boolean {
  const at = s.indexOf('@', from);
  if (at <= from || at >= to - 3) return false;
  const dot = s.indexOf('.', at);
  return dot > at + 1 && dot < to - 1 && s.indexOf('@', at + 1) < 0;
}

/** Replace the core of a token (less surrounding brackets, quotes, punctuation) with the wildcard. */
function maskCore(tok: string): string {
  const [a, b] = coreOf(tok);
  return b > a ? tok.slice(0, a) + WILDCARD + tok.slice(b) : tok;
}

/** Bytes of a hex dump: two hex digits, or four or eight. */
function isHexGroup(tok: string): boolean {
  const n = tok.length;
  if (n !== 2 && n !== 4 && n !== 8) return false;
  for (let i = 0; i < n; i++) if (!isHex(tok.charCodeAt(i))) return false;
  return true;
}

/** Token j is a masked byte group of the same width as token i. */
function hexNeighbour(raw: string[], masked: string[], i: number, j: number): boolean {
  if (j < 0 || j >= raw.length) return false;
  const r = raw[j]!;
  return r.length === raw[i]!.length && isHexGroup(r) && masked[j]!.indexOf(WILDCARD) >= 0;
}

/**
 * The second look at an event's tokens, for variables the per-token digit rule misses or cuts in pieces:
 *   - month and weekday names next to a masked number or another date name (`Sun Jul 24 02:38:22 2005`), and zone or
 *     AM/PM markers right after a masked time (`10:30:00 PM`, `15:29:45 PDT`): parts of a date, so values;
 *   - host names ending in a top-level domain (`mail.example.org`, `db1.corp.local:5432`) and e-mail addresses;
 *   - the value of a `key=value` token or of a JSON member `"key":"value"` when it is a word (`user=alice`,
 *     `state=RUNNING`): a value by how it is written, and the engine then follows its few values as a token (an unseen one is an anomaly);
 *   - hex dumps, whose bytes may have no digit (`de ad be ef`), when next to a masked byte of the same width;
 * then runs of equal masked tokens (`blk_<*> blk_<*> …`, `<*> <*> <*>`) become one token holding the whole run, so a
 * list or a date has one place in the pattern whatever its length.
 */
function refine(raw: string[], masked: string[], flags: number[]): void {
  const n = masked.length;
  for (let i = 0; i < n; i++) {
    const f = flags[i]!;
    if ((f & (F_EQ | F_AT | F_DOT | F_JSON)) !== 0 && refineToken(raw, masked, i, f)) flags[i] = f | F_WILD;
  }
  // short words next to a masked token: date names and zones; from right to left, so that `Sun` sees `Jul` masked
  for (let i = n - 1; i >= 0; i--) {
    const f = flags[i]!;
    if ((f & (F_WORD | F_WILD)) !== F_WORD) continue;
    const nextWild = i + 1 < n && (flags[i + 1]! & F_WILD) !== 0;
    const prevWild = i > 0 && (flags[i - 1]! & F_WILD) !== 0;
    if (!nextWild && !prevWild && !(i > 1 && (flags[i - 2]! & F_WILD) !== 0)) continue;
    const m = masked[i]!;
    if (wordIn(DATE_WORDS, m)) {
      if (nextWild || (prevWild && masked[i - 1]!.length <= 4)) {
        masked[i] = maskCore(m);
        flags[i] = f | F_WILD;
      }
    } else if (wordIn(ZONE_WORDS, m)) {
      // after a clock time, or after a zone or AM/PM that follows one (`10:30 PM EST`)
      const afterTime = prevWild && CLOCK.test(raw[i - 1]!);
      const afterZone = i > 1 && (flags[i - 2]! & F_WILD) !== 0 && CLOCK.test(raw[i - 2]!) && wordIn(ZONE_WORDS, raw[i - 1]!);
      if (afterTime || afterZone) {
        masked[i] = maskCore(m);
        flags[i] = f | F_WILD;
      }
    }
  }
  // hex dumps: bytes without a digit next to masked bytes of the same width
  for (let i = 0; i < n; i++) {
    const r = raw[i]!;
    if ((r.length === 2 || r.length === 4 || r.length === 8) && masked[i] !== WILDCARD && isHexGroup(r) && (hexNeighbour(raw, masked, i, i - 1) || hexNeighbour(raw, masked, i, i + 1))) {
      masked[i] = WILDCARD;
      flags[i] = flags[i]! | F_WILD;
    }
  }
  // runs: of equal tokens with constant text (`blk_<*> blk_<*>`) from two, of bare wildcards from three (two bare
  // values side by side are more often two different things, `GET /x/1 200`, than a list)
  let run = false;
  for (let i = 1; i < n && !run; i++) run = (flags[i]! & flags[i - 1]! & F_WILD) !== 0 && masked[i] === masked[i - 1];
  if (!run) return;
  let w = 0;
  for (let i = 0; i < n; ) {
    const m = masked[i]!;
    let j = i + 1;
    if ((flags[i]! & F_WILD) !== 0) while (j < n && masked[j] === m) j++;
    if (j - i >= (m === WILDCARD ? 3 : 2)) {
      let r = raw[i]!;
      for (let k = i + 1; k < j; k++) r += ' ' + raw[k]!;
      raw[w] = r;
    } else {
      j = i + 1;
      raw[w] = raw[i]!;
    }
    masked[w] = m;
    w++;
    i = j;
  }
  masked.length = w;
  raw.length = w;
}

const CLOCK = /\d:\d\d/;

/** key=value and JSON string values, e-mail addresses, host names: what a token says by itself. */
function refineToken(raw: string[], masked: string[], i: number, f: number): boolean {
  const m = masked[i]!;
  if (m.length < 3) return false;
  if ((f & F_JSON) !== 0 && m.indexOf('":"') > 0) {
    const j = m.replace(JSON_STRING_MEMBER, '":"<*>"');
    if (j !== m) {
      masked[i] = j;
      return true;
    }
  }
  if (m === raw[i]) {
    // a word (no digit)
    if ((f & F_EQ) !== 0) {
      const eq = m.indexOf('=');
      if (eq > 0 && eq < m.length - 1) {
        const [a, b] = coreOf(m.slice(eq + 1));
        if (b > a) {
          masked[i] = m.slice(0, eq + 1 + a) + WILDCARD + m.slice(eq + 1 + b);
          return true;
        }
      }
    }
    if ((f & F_AT) !== 0) {
      const [a, b] = coreOf(m);
      if (isEmail(m, a, b)) {
        masked[i] = maskCore(m);
        return true;
      }
    }
  }
  if ((f & F_DOT) !== 0 && (f & (F_EQ | F_SLASH)) === 0) {
    const r = raw[i]!;
    const [a, b] = coreOf(r);
    if (isHostName(r, a, b)) {
      masked[i] = r.slice(0, a) + WILDCARD + r.slice(b);
      return true;
    }
  }
  return false;
}

/** Mask a whole event the way the miner sees it (tokens joined by single spaces). */
export function maskMessage(message: string, maxChars: number = DEFAULT_MAX_CHARS): string {
  return tokenize(message, maxChars).masked.join(' ');
}
