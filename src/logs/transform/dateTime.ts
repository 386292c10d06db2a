/**
 * dateTimeConverter's patterns: the letters of Java's DateTimeFormatter that log timestamps use (AWS documents its
 * patterns in that syntax): `yyyy yy uuuu M MM MMM MMMM d dd H HH h hh m mm s ss S… a E EEE EEEE Z X XX XXX z`,
 * `'quoted text'` and any other character as itself. Month and day names are English (the `locale` is validated,
 * and only English names are read and written). Written here because no maintained npm library parses Java patterns
 * in linear time without pulling in a locale database.
 */

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const ZONE_ABBREVIATIONS: Record<string, number> = { UTC: 0, GMT: 0, Z: 0, EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420, CET: 60, CEST: 120 };

type Token = { kind: 'lit'; text: string } | { kind: 'field'; letter: string; width: number };

export class DatePatternError extends Error {}

const LETTERS = new Set(['y', 'u', 'M', 'L', 'd', 'H', 'h', 'm', 's', 'S', 'a', 'E', 'Z', 'X', 'x', 'z', 'T']);

export function tokenize(pattern: string): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i]!;
    if (c === "'") {
      if (pattern[i + 1] === "'") {
        out.push({ kind: 'lit', text: "'" });
        i += 2;
        continue;
      }
      const end = pattern.indexOf("'", i + 1);
      if (end < 0) throw new DatePatternError(`unterminated quote in date pattern ${pattern}`);
      out.push({ kind: 'lit', text: pattern.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    if (/[A-Za-z]/.test(c)) {
      if (!LETTERS.has(c) || c === 'T') throw new DatePatternError(`unsupported letter '${c}' in date pattern ${pattern}`);
      let j = i;
      while (pattern[j] === c) j++;
      out.push({ kind: 'field', letter: c === 'u' ? 'y' : c === 'L' ? 'M' : c, width: j - i });
      i = j;
      continue;
    }
    out.push({ kind: 'lit', text: c });
    i++;
  }
  return out;
}

/** Validates a time zone name (IANA or a fixed offset such as `+05:30`). */
export function validZone(zone: string): boolean {
  if (fixedOffset(zone) !== undefined) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function fixedOffset(zone: string): number | undefined {
  const m = /^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(zone);
  if (!m) return zone === 'UTC' || zone === 'GMT' || zone === 'Z' ? 0 : undefined;
  const mins = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -mins : mins;
}

/** Minutes east of UTC of `zone` at the instant `utcMs`. */
function offsetAt(zone: string, utcMs: number): number {
  const fixed = fixedOffset(zone);
  if (fixed !== undefined) return fixed;
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(utcMs));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((local - (utcMs - (utcMs % 1000 + 1000) % 1000)) / 60000);
}

/** Wall-clock fields in `zone` → the UTC instant. */
function wallToUtc(wall: number, zone: string): number {
  let guess = wall - offsetAt(zone, wall) * 60000;
  guess = wall - offsetAt(zone, guess) * 60000;
  return guess;
}

interface Parsed {
  year?: number;
  month?: number;
  day?: number;
  hour?: number;
  hour12?: number;
  pm?: boolean;
  minute?: number;
  second?: number;
  nanos?: number;
  offsetMin?: number;
}

function nameAt(text: string, at: number, names: string[], short: boolean): [number, number] | undefined {
  for (let i = 0; i < names.length; i++) {
    const n = short ? names[i]!.slice(0, 3) : names[i]!;
    if (text.slice(at, at + n.length).toLowerCase() === n.toLowerCase()) return [i, n.length];
  }
  return undefined;
}

function digits(text: string, at: number, min: number, max: number): [number, number] | undefined {
  let j = at;
  while (j < text.length && j - at < max && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
  if (j - at < min) return undefined;
  return [Number(text.slice(at, j)), j - at];
}

/** Parses `text` (whole) with the pattern; the instant in UTC milliseconds, or undefined when it does not match. */
export function parseWith(tokens: Token[], text: string, sourceZone: string): { ms: number; nanos: number } | undefined {
  const p: Parsed = {};
  let at = 0;
  for (let ti = 0; ti < tokens.length; ti++) {
    const t = tokens[ti]!;
    if (t.kind === 'lit') {
      if (!text.startsWith(t.text, at)) return undefined;
      at += t.text.length;
      continue;
    }
    // Adjacent numeric fields (yyyyMMdd) read exactly their width.
    const next = tokens[ti + 1];
    const fixed = next?.kind === 'field';
    let r: [number, number] | undefined;
    switch (t.letter) {
      case 'y':
        r = t.width === 2 ? digits(text, at, 2, 2) : digits(text, at, t.width, fixed ? t.width : 9);
        if (r) p.year = t.width === 2 ? 2000 + r[0] : r[0];
        break;
      case 'M':
        if (t.width >= 3) {
          r = nameAt(text, at, MONTHS, t.width === 3);
          if (r) p.month = r[0] + 1;
        } else {
          r = digits(text, at, t.width, fixed ? t.width : 2);
          if (r) p.month = r[0];
        }
        break;
      case 'd':
      case 'H':
      case 'h':
      case 'm':
      case 's':
        r = digits(text, at, t.width, fixed ? t.width : 2);
        if (r) {
          if (t.letter === 'd') p.day = r[0];
          else if (t.letter === 'H') p.hour = r[0];
          else if (t.letter === 'h') p.hour12 = r[0];
          else if (t.letter === 'm') p.minute = r[0];
          else p.second = r[0];
        }
        break;
      case 'S': {
        r = digits(text, at, fixed ? t.width : 1, fixed ? t.width : 9);
        if (r) p.nanos = Math.round(Number(`0.${text.slice(at, at + r[1])}`) * 1e9);
        break;
      }
      case 'a': {
        const s = text.slice(at, at + 2).toUpperCase();
        if (s === 'AM' || s === 'PM') {
          p.pm = s === 'PM';
          r = [0, 2];
        }
        break;
      }
      case 'E':
        r = nameAt(text, at, DAYS, t.width <= 3);
        break;
      case 'Z':
      case 'X':
      case 'x': {
        if (t.letter === 'X' && text[at] === 'Z') {
          p.offsetMin = 0;
          r = [0, 1];
          break;
        }
        const m = /^([+-])(\d{2}):?(\d{2})?/.exec(text.slice(at, at + 6));
        if (m) {
          const mins = Number(m[2]) * 60 + Number(m[3] ?? 0);
          p.offsetMin = m[1] === '-' ? -mins : mins;
          r = [0, m[0].length];
        }
        break;
      }
      case 'z': {
        const m = /^[A-Z]{1,5}/.exec(text.slice(at, at + 5));
        if (m && ZONE_ABBREVIATIONS[m[0]] !== undefined) {
          p.offsetMin = ZONE_ABBREVIATIONS[m[0]];
          r = [0, m[0].length];
        }
        break;
      }
    }
    if (!r) return undefined;
    at += r[1];
  }
  if (at !== text.length) return undefined;
  let hour = p.hour ?? 0;
  if (p.hour12 !== undefined) hour = (p.hour12 % 12) + (p.pm ? 12 : 0);
  const month = p.month ?? 1;
  const day = p.day ?? 1;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || (p.minute ?? 0) > 59 || (p.second ?? 0) > 60) return undefined;
  const nanos = p.nanos ?? 0;
  const wall = Date.UTC(p.year ?? 1970, month - 1, day, hour, p.minute ?? 0, p.second ?? 0, Math.floor(nanos / 1e6));
  if (Number.isNaN(wall)) return undefined;
  const ms = p.offsetMin !== undefined ? wall - p.offsetMin * 60000 : wallToUtc(wall, sourceZone);
  return { ms, nanos };
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** Formats the instant in `zone` with the pattern. */
export function formatWith(tokens: Token[], ms: number, nanos: number, zone: string): string {
  const off = offsetAt(zone, ms);
  const d = new Date(ms + off * 60000);
  let out = '';
  for (const t of tokens) {
    if (t.kind === 'lit') {
      out += t.text;
      continue;
    }
    const w = t.width;
    switch (t.letter) {
      case 'y':
        out += w === 2 ? pad(d.getUTCFullYear() % 100, 2) : pad(d.getUTCFullYear(), w);
        break;
      case 'M':
        out += w >= 4 ? MONTHS[d.getUTCMonth()]! : w === 3 ? MONTHS[d.getUTCMonth()]!.slice(0, 3) : pad(d.getUTCMonth() + 1, w);
        break;
      case 'd':
        out += pad(d.getUTCDate(), w);
        break;
      case 'H':
        out += pad(d.getUTCHours(), w);
        break;
      case 'h':
        out += pad(d.getUTCHours() % 12 || 12, w);
        break;
      case 'm':
        out += pad(d.getUTCMinutes(), w);
        break;
      case 's':
        out += pad(d.getUTCSeconds(), w);
        break;
      case 'S':
        out += pad(nanos, 9).slice(0, Math.min(w, 9)).padEnd(w, '0');
        break;
      case 'a':
        out += d.getUTCHours() < 12 ? 'AM' : 'PM';
        break;
      case 'E':
        out += w >= 4 ? DAYS[d.getUTCDay()]! : DAYS[d.getUTCDay()]!.slice(0, 3);
        break;
      case 'Z':
      case 'X':
      case 'x': {
        if (off === 0 && t.letter === 'X') {
          out += 'Z';
          break;
        }
        const a = Math.abs(off);
        const sign = off < 0 ? '-' : '+';
        out += w === 1 && t.letter !== 'Z' ? `${sign}${pad(Math.floor(a / 60), 2)}` : w >= 3 && t.letter !== 'Z' ? `${sign}${pad(Math.floor(a / 60), 2)}:${pad(a % 60, 2)}` : `${sign}${pad(Math.floor(a / 60), 2)}${pad(a % 60, 2)}`;
        break;
      }
      case 'z':
        out += off === 0 ? 'UTC' : zone;
        break;
    }
  }
  return out;
}
