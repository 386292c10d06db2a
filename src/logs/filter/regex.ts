import { FilterPatternError, invalidTerm } from './errors.js';

/*
 * The regular-expression subset CloudWatch Logs accepts between percent signs: letters, digits, the symbols
 * `: _ # = @ / ; , -` and the operators `^ $ ? [ ] { } | \\ * + .`; no parentheses, no multi-byte characters.
 *
 * It is matched by our own automata rather than by `RegExp`: V8's engine backtracks, and even without groups a
 * pattern such as `\d*\d*\d*\d*x` takes polynomial time on a long line of digits. Without groups a regex is a
 * top-level alternation of sequences of (possibly repeated) single-character atoms, which allows two matchers that
 * never backtrack and whose state does not depend on the text:
 *
 * - a lazily built DFA over the expanded position automaton (Thompson's construction), one table lookup per
 *   character, for patterns that expand to few positions and as long as its bounded cache of states suffices;
 * - a counting simulation over the atoms themselves (`countingMatcher`), O(text length x atoms) whatever the
 *   repetition counts, used for wide repeats such as `a[ab]{900}c` (whose DFA has 2^900 states and whose position
 *   automaton has 900 positions) and whenever the DFA's cache is full.
 */

/**
 * Our own bound on `{m,n}` (AWS documents none; its engine is JVM-based, which takes any count): it bounds the
 * counting matcher's state, at most `max + 1` positions per repeated atom.
 */
const MAX_REPEAT = 1000;
/** Patterns expanding to at most this many positions may use the lazily built DFA. */
const DFA_MAX_POSITIONS = 256;

/** Which characters a consuming state accepts: a table for ASCII, one answer for every other code unit. */
interface CharClass {
  readonly ascii: Uint8Array;
  other: boolean;
}

const enum Kind {
  Consume = 0,
  LineStart = 1,
  LineEnd = 2,
}

const enum Rep {
  One = 0,
  Optional = 1,
  Star = 2,
}

/** One position of the expanded automaton (the DFA's unit). */
interface State {
  kind: Kind;
  rep: Rep;
  cls: CharClass | null;
}

/** One atom of a sequence as written: a class repeated `min` to `max` times (max -1: unbounded), or an anchor. */
interface Atom {
  kind: Kind;
  cls: CharClass | null;
  min: number;
  max: number;
}

/** A validated regex, ready to search messages. */
export interface CompiledRegex {
  readonly source: string;
  /** True when the regex matches somewhere in `text`. */
  test(text: string): boolean;
}

const ALLOWED = new Uint8Array(128);
for (const c of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789:_#=@/;,-^$?[]{}|\\*+.') {
  ALLOWED[c.charCodeAt(0)] = 1;
}

function emptyClass(): CharClass {
  return { ascii: new Uint8Array(128), other: false };
}

function classOf(chars: string): CharClass {
  const cls = emptyClass();
  for (let i = 0; i < chars.length; i++) cls.ascii[chars.charCodeAt(i)] = 1;
  return cls;
}

function negate(cls: CharClass): CharClass {
  const out = emptyClass();
  for (let i = 0; i < 128; i++) out.ascii[i] = cls.ascii[i] ? 0 : 1;
  return { ascii: out.ascii, other: !cls.other };
}

function single(code: number): CharClass {
  const cls = emptyClass();
  if (code < 128) cls.ascii[code] = 1;
  else return { ascii: cls.ascii, other: true }; // only reachable through \xHH with HH >= 0x80
  return cls;
}

const DIGITS = '0123456789';
const WORD = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_';
// ASCII whitespace as Java's \s defines it (CloudWatch's own engine is JVM-based).
const SPACE = ' \t\n\u000b\f\r';

/** `.` matches anything but a line break, as in Java without DOTALL. */
const DOT: CharClass = negate(classOf('\n\r'));

const SHORTHAND: Record<string, CharClass> = {
  d: classOf(DIGITS),
  D: negate(classOf(DIGITS)),
  w: classOf(WORD),
  W: negate(classOf(WORD)),
  s: classOf(SPACE),
  S: negate(classOf(SPACE)),
};

const CONTROL: Record<string, number> = { t: 9, n: 10, r: 13, f: 12 };

function isHex(c: string | undefined): boolean {
  return c !== undefined && /^[0-9A-Fa-f]$/.test(c);
}

/** Parses one escape after a backslash at `s[i - 1]`; returns the class it stands for and the next index. */
function parseEscape(s: string, i: number): [CharClass, number, boolean] {
  const c = s[i];
  if (c === undefined) throw new FilterPatternError();
  const shorthand = SHORTHAND[c];
  if (shorthand) return [shorthand, i + 1, true];
  const control = CONTROL[c];
  if (control !== undefined) return [single(control), i + 1, false];
  if (c === 'x') {
    if (!isHex(s[i + 1]) || !isHex(s[i + 2])) throw new FilterPatternError();
    return [single(parseInt(s.slice(i + 1, i + 3), 16)), i + 3, false];
  }
  if (/[A-Za-z0-9]/.test(c)) throw new FilterPatternError(); // back-references, \b, \Q... are not in the subset
  return [single(c.charCodeAt(0)), i + 1, false];
}

/** Parses `[...]` starting after the `[` at `s[i - 1]`. */
function parseClass(s: string, start: number): [CharClass, number] {
  let i = start;
  let negated = false;
  if (s[i] === '^') {
    negated = true;
    i++;
  }
  const cls = emptyClass();
  let items = 0;
  for (;;) {
    const c = s[i];
    if (c === undefined) throw new FilterPatternError();
    if (c === ']' && items > 0) {
      i++;
      break;
    }
    if (c === ']' || c === '[') throw new FilterPatternError(); // empty or nested classes are not in the subset
    let lowCode: number;
    if (c === '\\') {
      const [esc, next, isSet] = parseEscape(s, i + 1);
      i = next;
      if (isSet) {
        union(cls, esc);
        items++;
        continue;
      }
      lowCode = codeOf(esc);
    } else {
      lowCode = c.charCodeAt(0);
      i++;
    }
    items++;
    if (s[i] === '-' && s[i + 1] !== undefined && s[i + 1] !== ']') {
      i++;
      let highCode: number;
      if (s[i] === '\\') {
        const [esc, next, isSet] = parseEscape(s, i + 1);
        if (isSet) throw new FilterPatternError();
        highCode = codeOf(esc);
        i = next;
      } else {
        highCode = s.charCodeAt(i);
        i++;
      }
      if (highCode < lowCode) throw new FilterPatternError();
      for (let k = lowCode; k <= highCode; k++) {
        if (k < 128) cls.ascii[k] = 1;
        else cls.other = true;
      }
    } else if (lowCode < 128) {
      cls.ascii[lowCode] = 1;
    } else {
      cls.other = true;
    }
  }
  return [negated ? negate(cls) : cls, i];
}

function union(into: CharClass, from: CharClass): void {
  for (let k = 0; k < 128; k++) if (from.ascii[k]) into.ascii[k] = 1;
  if (from.other) into.other = true;
}

/** The single code of a class built by `single` (only used for escapes that name one character). */
function codeOf(cls: CharClass): number {
  for (let k = 0; k < 128; k++) if (cls.ascii[k]) return k;
  return 0x80;
}

/** Reads `{m}`, `{m,}` or `{m,n}` at `s[i]`; returns [min, max (-1 = unbounded), next index]. */
function parseBraces(s: string, i: number): [number, number, number] {
  const close = s.indexOf('}', i);
  if (close < 0) throw new FilterPatternError();
  const body = s.slice(i + 1, close);
  const m = /^(\d{1,4})(,(\d{0,4}))?$/.exec(body);
  if (!m) throw new FilterPatternError();
  const min = Number(m[1]);
  const max = m[2] === undefined ? min : m[3] === '' ? -1 : Number(m[3]);
  if (min > MAX_REPEAT || max > MAX_REPEAT || (max !== -1 && max < min)) throw new FilterPatternError();
  return [min, max, close + 1];
}

/** Validates `source` (the text between the percent signs) and returns its alternatives as atom lists. */
function parseAlternatives(source: string): Atom[][] {
  if (source.length === 0) throw new FilterPatternError();
  for (const ch of source) {
    const code = ch.codePointAt(0)!;
    if (code >= 128 || !ALLOWED[code]) throw invalidTerm(ch);
  }
  const alts: Atom[][] = [[]];
  let i = 0;
  const n = source.length;
  while (i < n) {
    const c = source[i]!;
    const seq = alts[alts.length - 1]!;
    if (c === '|') {
      alts.push([]);
      i++;
      continue;
    }
    if (c === '^' || c === '$') {
      seq.push({ kind: c === '^' ? Kind.LineStart : Kind.LineEnd, cls: null, min: 1, max: 1 });
      i++;
      if (i < n && '*+?{'.includes(source[i]!)) throw new FilterPatternError();
      continue;
    }
    let cls: CharClass;
    if (c === '.') {
      cls = DOT;
      i++;
    } else if (c === '[') {
      [cls, i] = parseClass(source, i + 1);
    } else if (c === '\\') {
      [cls, i] = parseEscape(source, i + 1);
    } else if ('*+?{'.includes(c)) {
      throw new FilterPatternError(); // a quantifier with nothing to repeat
    } else {
      cls = single(c.charCodeAt(0));
      i++;
    }
    let min = 1;
    let max = 1;
    const q = source[i];
    if (q === '*' || q === '+' || q === '?') {
      min = q === '+' ? 1 : 0;
      max = q === '?' ? 1 : -1;
      i++;
    } else if (q === '{') {
      [min, max, i] = parseBraces(source, i);
    }
    if (q !== undefined && '*+?{'.includes(q)) {
      if (source[i] === '?') i++; // a lazy quantifier finds the same matches
      if (i < n && '*+?{'.includes(source[i]!)) throw new FilterPatternError();
    }
    if (max !== 0) seq.push({ kind: Kind.Consume, cls, min, max }); // `x{0}` matches the empty string only
  }
  return alts;
}

/** Positions of the expanded automaton of a sequence: `x{2,3}` is x x x?, `x{1,}` is x x*. */
function expandedSize(seq: readonly Atom[]): number {
  let total = 0;
  for (const a of seq) total += a.kind !== Kind.Consume ? 1 : a.max === -1 ? a.min + 1 : a.max;
  return total;
}

function expand(seq: readonly Atom[]): State[] {
  const out: State[] = [];
  for (const a of seq) {
    if (a.kind !== Kind.Consume) {
      out.push({ kind: a.kind, rep: Rep.One, cls: null });
      continue;
    }
    for (let k = 0; k < a.min; k++) out.push({ kind: Kind.Consume, rep: Rep.One, cls: a.cls });
    if (a.max === -1) out.push({ kind: Kind.Consume, rep: Rep.Star, cls: a.cls });
    else for (let k = a.min; k < a.max; k++) out.push({ kind: Kind.Consume, rep: Rep.Optional, cls: a.cls });
  }
  return out;
}

/** Throws `FilterPatternError` when `source` is outside the subset AWS supports. */
export function validateRegex(source: string): void {
  parseAlternatives(source);
}

/** The one character a class accepts, or -1 when it accepts several. */
function singleCode(cls: CharClass): number {
  if (cls.other) return -1;
  let found = -1;
  for (let k = 0; k < 128; k++) {
    if (cls.ascii[k]) {
      if (found !== -1) return -1;
      found = k;
    }
  }
  return found;
}

/** The longest run of plain characters every match must contain, used to skip messages with `indexOf`. */
function requiredLiteral(seq: readonly Atom[]): string {
  let best = '';
  let run = '';
  for (const a of seq) {
    if (a.kind !== Kind.Consume) continue; // anchors consume nothing, so a literal run continues across them
    const code = singleCode(a.cls!);
    if (code < 0) {
      run = '';
      continue;
    }
    run += String.fromCharCode(code).repeat(a.min);
    if (run.length > best.length) best = run;
    if (a.max !== a.min) run = ''; // optional copies end the run
  }
  return best;
}

/**
 * Text every match of the regex contains (the literal `compileRegex` searches for with `indexOf` before running the
 * regex), or '' when there is none: with alternatives, or without a run of plain characters.
 */
export function regexRequiredLiteral(source: string): string {
  const alts = parseAlternatives(source);
  return alts.length === 1 ? requiredLiteral(alts[0]!) : '';
}

/** Compiles a regex of the supported subset. Throws `FilterPatternError` when it is not one. */
export function compileRegex(source: string): CompiledRegex {
  const alts = parseAlternatives(source);
  if (alts.some((a) => a.length === 0)) return { source, test: () => true };

  const counting = countingMatcher(alts);
  const small = alts.reduce((sum, seq) => sum + expandedSize(seq), 0) <= DFA_MAX_POSITIONS;
  const search = small ? automaton(alts.map(expand), counting) : counting;
  if (alts.length === 1) {
    const seq = alts[0]!;
    const literal = requiredLiteral(seq);
    if (seq.every((a) => a.kind === Kind.Consume && a.min === 1 && a.max === 1 && singleCode(a.cls!) >= 0)) {
      return { source, test: (text) => text.indexOf(literal) !== -1 };
    }
    if (literal.length >= 2) return { source, test: (text) => text.indexOf(literal) !== -1 && search(text) };
  }
  return { source, test: search };
}

/**
 * The counting matcher alone, without the DFA or the literal prefilter in front of it: for tests that check it
 * against a reference engine on patterns the DFA would otherwise answer.
 */
export function compileCountingRegex(source: string): CompiledRegex {
  const alts = parseAlternatives(source);
  if (alts.some((a) => a.length === 0)) return { source, test: () => true };
  return { source, test: countingMatcher(alts) };
}

/** Index of the transition (and membership) slot shared by every non-ASCII code unit. */
const NON_ASCII = 128;
const SLOTS = NON_ASCII + 1;

/**
 * Searches for a match by following, for every atom, the positions where it was entered and has matched every
 * character since, without expanding repetitions. Atoms are single-character classes, so all live repetitions of
 * an atom advance together: a character its class refuses ends them all, one it accepts adds one to each. An atom
 * `x{m,n}` entered at positions e1 < e2 < ... is complete at position p when some entry has p - n <= e <= p - m;
 * entries older than p - n can never count again and leave from the front, so the oldest live entry decides, and
 * an unbounded atom only needs its oldest entry. The state is at most n + 1 positions per atom (MAX_REPEAT bounds
 * n), and each character costs O(atoms): linear in the text, whatever the counts.
 */
function countingMatcher(alts: readonly Atom[][]): (text: string) => boolean {
  const atoms = alts.flat();
  const k = atoms.length;
  const kinds = Uint8Array.from(atoms, (a) => a.kind);
  const mins = Int32Array.from(atoms, (a) => a.min);
  const maxs = Int32Array.from(atoms, (a) => a.max);
  const firsts = new Uint8Array(k);
  const lasts = new Uint8Array(k);
  let at = 0;
  for (const seq of alts) {
    firsts[at] = 1;
    at += seq.length;
    lasts[at - 1] = 1;
  }
  const anchoredOnly = alts.every((seq) => seq[0]!.kind === Kind.LineStart);
  const member = new Uint8Array(k * SLOTS);
  atoms.forEach((a, i) => {
    if (a.kind !== Kind.Consume) return;
    member.set(a.cls!.ascii, i * SLOTS);
    member[i * SLOTS + NON_ASCII] = a.cls!.other ? 1 : 0;
  });
  // Live entries of each atom, oldest first, in a ring of max + 1 slots of one shared buffer (an unbounded atom
  // keeps only its oldest entry); `fronts` mirrors each ring's oldest entry, the one completion depends on.
  const offsets = new Int32Array(k);
  const caps = new Int32Array(k);
  let size = 0;
  for (let i = 0; i < k; i++) {
    offsets[i] = size;
    caps[i] = maxs[i] === -1 ? 1 : maxs[i]! + 1;
    size += caps[i]!;
  }
  const ring = new Int32Array(size);
  const heads = new Int32Array(k);
  const lens = new Int32Array(k);
  const fronts = new Int32Array(k);

  return (text: string): boolean => {
    lens.fill(0);
    const n = text.length;
    for (let p = 0; ; p++) {
      // Entries at p, in order: an atom entered with its count reached is complete and enters the next one.
      let entering = false;
      for (let i = 0; i < k; i++) {
        if (firsts[i] === 1) entering = true; // the search may begin at any position
        const kind = kinds[i];
        if (kind === Kind.Consume) {
          const len = lens[i]!;
          if (entering) {
            if (len === 0) {
              heads[i] = 0;
              ring[offsets[i]!] = p;
              fronts[i] = p;
              lens[i] = 1;
            } else if (maxs[i] !== -1) {
              ring[offsets[i]! + ((heads[i]! + len) % caps[i]!)] = p;
              lens[i] = len + 1;
            }
          }
          entering = lens[i]! > 0 && fronts[i]! <= p - mins[i]!;
        } else if (kind === Kind.LineStart) {
          entering &&= p === 0;
        } else {
          entering &&= p === n;
        }
        if (entering && lasts[i] === 1) return true;
      }
      if (p === n) return false;
      const code = text.charCodeAt(p);
      const slot = code < NON_ASCII ? code : NON_ASCII;
      let live = false;
      for (let i = 0; i < k; i++) {
        const len = lens[i]!;
        if (len === 0) continue;
        if (member[i * SLOTS + slot] === 0) {
          lens[i] = 0;
          continue;
        }
        live = true;
        // Counts grow by one; entries are distinct positions, so at most one passes the maximum per character.
        const max = maxs[i]!;
        if (max !== -1 && p + 1 - fronts[i]! > max) {
          if (len === 1) {
            lens[i] = 0;
          } else {
            const head = (heads[i]! + 1) % caps[i]!;
            heads[i] = head;
            lens[i] = len - 1;
            fronts[i] = ring[offsets[i]! + head]!;
          }
        }
      }
      if (anchoredOnly && !live) return false;
    }
  };
}

/**
 * Our own bound on cached DFA states per regex (a state's transitions take SLOTS x 4 bytes). A pattern and data
 * that need more are not suited to a DFA: the regex then goes on with the counting matcher.
 */
const MAX_DFA_STATES = 1024;

/**
 * One state of the lazily built DFA: the set of live automaton states after some prefix of the message.
 * `blockedEnd` holds `$` states reached but waiting for the end of the message.
 */
interface DfaState {
  readonly consume: Int32Array;
  readonly blockedEnd: Int32Array;
  /** An alternative has completed: the message matches, whatever follows. */
  readonly accept: boolean;
  /** The message matches if it ends here. */
  readonly acceptAtEnd: boolean;
  /** No alternative can complete any more. */
  readonly dead: boolean;
}

const ACCEPT = 1;
const ACCEPT_AT_END = 2;
const DEAD = 4;

/**
 * Builds the matcher over all alternatives at once: the position-set simulation, determinised lazily. Each DFA
 * state is computed once from its predecessor (O(pattern size)) and then cached, so a scan costs one table
 * lookup per character. The cache is bounded: once full, a step it lacks hands the message, and every later one,
 * to `fallback`, so memory stays bounded and no message costs more than the linear fallback plus one pass.
 */
function automaton(alts: State[][], fallback: (text: string) => boolean): (text: string) => boolean {
  const states: State[] = [];
  const succ: number[] = [];
  const starts: number[] = [];
  let anchoredOnly = true;
  for (const seq of alts) {
    starts.push(states.length);
    if (seq[0]!.kind !== Kind.LineStart) anchoredOnly = false;
    for (let k = 0; k < seq.length; k++) {
      states.push(seq[k]!);
      succ.push(k + 1 < seq.length ? states.length : -1); // -1: the alternative is complete
    }
  }
  const count = states.length;
  const kinds = Uint8Array.from(states, (s) => s.kind);
  const reps = Uint8Array.from(states, (s) => s.rep);
  const classes = states.map((s) => s.cls);
  const next = Int32Array.from(succ);

  const mark = new Int32Array(count);
  const stack = new Int32Array(count * 2 + starts.length + 1);
  let gen = 0;

  /** Epsilon closure of `seeds`; `^` passes only when `atStart`, `$` only when `atEnd`. */
  const closure = (seeds: number[], atStart: boolean, atEnd: boolean) => {
    if (++gen > 0x3fffffff) {
      mark.fill(0);
      gen = 1;
    }
    const consume: number[] = [];
    const blockedEnd: number[] = [];
    let accept = false;
    let sp = 0;
    for (const s of seeds) stack[sp++] = s;
    while (sp > 0) {
      const j = stack[--sp]!;
      if (j === -1) {
        accept = true;
        continue;
      }
      if (mark[j] === gen) continue;
      mark[j] = gen;
      const kind = kinds[j];
      if (kind === Kind.Consume) {
        consume.push(j);
        if (reps[j] !== Rep.One) stack[sp++] = next[j]!;
      } else if (kind === Kind.LineStart) {
        if (atStart) stack[sp++] = next[j]!;
      } else if (atEnd) {
        stack[sp++] = next[j]!;
      } else {
        blockedEnd.push(j);
      }
    }
    consume.sort((a, b) => a - b);
    blockedEnd.sort((a, b) => a - b);
    return { consume, blockedEnd, accept };
  };

  // The cached DFA: states by index, their flags, and a flat transition table (SLOTS entries per state, -1
  // until computed), so a scan step is a couple of typed-array reads.
  let cache = new Map<string, number>();
  let dfa: DfaState[] = [];
  let flags = new Uint8Array(16);
  let trans = new Int32Array(16 * SLOTS).fill(-1);

  const makeState = (seeds: number[], atStart: boolean): DfaState => {
    const c = closure(seeds, atStart, false);
    const acceptAtEnd = c.accept || (c.blockedEnd.length > 0 && closure(c.blockedEnd, atStart, true).accept);
    return {
      consume: Int32Array.from(c.consume),
      blockedEnd: Int32Array.from(c.blockedEnd),
      accept: c.accept,
      acceptAtEnd,
      dead: anchoredOnly && c.consume.length === 0 && c.blockedEnd.length === 0,
    };
  };

  /** Interns a state; returns its index, or -1 when the cache is full (the caller then goes on uncached). */
  const intern = (st: DfaState): number => {
    const key = `${st.accept ? 1 : 0}${st.acceptAtEnd ? 1 : 0}${st.consume.join(',')}|${st.blockedEnd.join(',')}`;
    const known = cache.get(key);
    if (known !== undefined) return known;
    if (dfa.length >= MAX_DFA_STATES) return -1;
    const idx = dfa.length;
    dfa.push(st);
    cache.set(key, idx);
    if (idx >= flags.length) {
      const f = new Uint8Array(flags.length * 2);
      f.set(flags);
      flags = f;
      const t = new Int32Array(flags.length * SLOTS).fill(-1);
      t.set(trans);
      trans = t;
    }
    flags[idx] = (st.accept ? ACCEPT : 0) | (st.acceptAtEnd ? ACCEPT_AT_END : 0) | (st.dead ? DEAD : 0);
    return idx;
  };

  const step = (from: DfaState, code: number): DfaState => {
    const seeds: number[] = [];
    const cons = from.consume;
    for (let k = 0; k < cons.length; k++) {
      const j = cons[k]!;
      const cls = classes[j]!;
      if (code < 128 ? cls.ascii[code] === 1 : cls.other) seeds.push(reps[j] === Rep.Star ? j : next[j]!);
    }
    for (const s of starts) seeds.push(s); // the search may begin at any position
    return makeState(seeds, false);
  };

  intern(makeState(starts, true));
  let full = false;

  return (text: string): boolean => {
    if (full) return fallback(text);
    let si = 0;
    let f = flags[0]!;
    if (f & ACCEPT) return true;
    const n = text.length;
    for (let pos = 0; pos < n; pos++) {
      const code = text.charCodeAt(pos);
      const at = si * SLOTS + (code < 128 ? code : NON_ASCII);
      let ni = trans[at]!;
      if (ni === -1) {
        const fresh = step(dfa[si]!, code);
        ni = intern(fresh);
        if (ni === -1) {
          full = true;
          // Release the table: the counting matcher takes over for good.
          cache = new Map();
          dfa = [];
          trans = new Int32Array(0);
          return fallback(text);
        }
        trans[at] = ni;
      }
      si = ni;
      f = flags[si]!;
      if (f !== 0) {
        if (f & ACCEPT) return true;
        if (f & DEAD) return false;
      }
    }
    return (f & ACCEPT_AT_END) !== 0;
  };
}
