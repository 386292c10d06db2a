import { createHash } from 'node:crypto';
import { DEFAULT_MAX_CHARS, WILDCARD, tokenize } from './mask.js';
import type {
  GroupState,
  MatchResult,
  MinerOptions,
  MinerState,
  NumericRange,
  Pattern,
  PatternToken,
  SubState,
  TokenStatState,
} from './types.js';

const DEFAULTS: Required<MinerOptions> = {
  maxChars: DEFAULT_MAX_CHARS,
  similarityThreshold: 0.6,
  depth: 1,
  maxChildren: 100,
  splitCardinality: 2,
  maxSplitsPerGroup: 32,
  maxEnumerations: 10,
  maxGroups: 2000,
};

/** Memo of masked event -> group; cleared whenever the parse tree or a template changes, so it never alters a result. */
const CACHE_LIMIT = 8192;
/**
 * Leaves with more groups than this use the memo: searching a crowded leaf costs more than joining and hashing the
 * event's tokens, searching a small one less.
 */
const CACHE_FROM_GROUPS = 16;
/** Ids of merged or dropped patterns remembered for `resolve`. */
const ALIAS_LIMIT = 10_000;

const POS_CONST = 0;
const POS_PARAM = 1;
/** Per position of a group: constant, parameter, or the values of a splitting position (counts). */
type PosKind = typeof POS_CONST | typeof POS_PARAM | Map<string, number>;

function hasWildcard(tok: string): boolean {
  return tok.includes(WILDCARD);
}

/** Units written apart from their number (`5.2 KB`): they vary with the magnitude, so they are part of the value. */
const UNITS = new Set(
  'b kb mb gb tb pb kib mib gib tib ns us µs ms s sec secs second seconds min mins minute minutes h hr hrs hour hours %'.split(' '),
);

/** A varying token that may split its group into one pattern per value: a word (no masked part) but not a unit. */
function splittable(tok: string): boolean {
  if (hasWildcard(tok)) return false;
  if (tok.length > 8) return true;
  return !UNITS.has(tok.replace(/[,;.)\]]+$/, '').toLowerCase());
}

function isAlnumCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/**
 * One template for two tokens: the text where they differ becomes a wildcard, the constant prefix and suffix they
 * share survive (`rhost=<*>` and `rhost=x.org` → `rhost=<*>`; `<*>,` and `LOCAL(<*>),` → `<*>,`). Prefix and suffix
 * never cut an alphanumeric run in two nor include a wildcard.
 */
export function commonTemplate(a: string, b: string): string {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i) && !a.startsWith(WILDCARD, i) && !b.startsWith(WILDCARD, i)) i++;
  const splitsRun = (k: number): boolean =>
    (k < a.length && isAlnumCode(a.charCodeAt(k))) || (k < b.length && isAlnumCode(b.charCodeAt(k)));
  while (i > 0 && isAlnumCode(a.charCodeAt(i - 1)) && splitsRun(i)) i--;
  let j = 0;
  const room = n - i;
  while (
    j < room &&
    a.charCodeAt(a.length - 1 - j) === b.charCodeAt(b.length - 1 - j) &&
    !a.endsWith(WILDCARD, a.length - j) &&
    !b.endsWith(WILDCARD, b.length - j)
  ) {
    j++;
  }
  const splitsRunEnd = (k: number): boolean =>
    (a.length - 1 - k >= 0 && isAlnumCode(a.charCodeAt(a.length - 1 - k))) || (b.length - 1 - k >= 0 && isAlnumCode(b.charCodeAt(b.length - 1 - k)));
  while (j > 0 && isAlnumCode(a.charCodeAt(a.length - j)) && splitsRunEnd(j)) j--;
  return a.slice(0, i) + WILDCARD + a.slice(a.length - j);
}

/** Whether a token has the constant prefix and suffix of a one-wildcard template. */
function fitsAffixes(tpl: string, tok: string): boolean {
  const w = tpl.indexOf(WILDCARD);
  const suf = tpl.length - w - WILDCARD.length;
  return tok.length >= w + suf && tok.startsWith(tpl.slice(0, w)) && tok.endsWith(tpl.slice(tpl.length - suf));
}

function md5(s: string): string {
  return createHash('md5').update(s).digest('hex');
}

function looksNumeric(s: string): boolean {
  if (s.length === 0 || s.length > 32) return false;
  const c = s.charCodeAt(0);
  return (c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** The value of a token of digits (at most 15, so exact), or NaN: the common case, without Number()'s generality. */
function digitsValue(v: string): number {
  const n = v.length;
  if (n === 0 || n > 15) return NaN;
  let x = 0;
  for (let i = 0; i < n; i++) {
    const d = v.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    x = x * 10 + d;
  }
  return x;
}

/**
 * Statistics of one dynamic token of one pattern; memory bounded by `maxEnumerations`. The few values are kept in
 * parallel arrays and found by a linear scan: for ten short strings that is cheaper than hashing each new one.
 */
class TokenStat {
  vals: string[] | undefined = [];
  counts: number[] = [];
  high = false;
  nMin = Infinity;
  nMax = -Infinity;
  nCount = 0;

  observe(v: string, limit: number, times = 1): void {
    if (this.vals !== undefined) this.observeValue(this.vals, v, limit, times);
    let x = digitsValue(v);
    if (x !== x && looksNumeric(v)) x = Number(v);
    if (Number.isFinite(x)) {
      if (x < this.nMin) this.nMin = x;
      if (x > this.nMax) this.nMax = x;
      this.nCount += times;
    }
  }

  private observeValue(vals: string[], v: string, limit: number, times: number): void {
    for (let i = 0; i < vals.length; i++) {
      if (vals[i] === v) {
        this.counts[i]! += times;
        return;
      }
    }
    if (vals.length < limit) {
      vals.push(v);
      this.counts.push(times);
    } else {
      this.vals = undefined;
      this.counts = [];
      this.high = true;
    }
  }

  /** Values and counts while there are at most `maxEnumerations`. */
  get enums(): Map<string, number> | undefined {
    const vals = this.vals;
    return vals === undefined ? undefined : new Map(vals.map((v, i) => [v, this.counts[i]!]));
  }

  absorb(o: TokenStat, limit: number): void {
    if (o.high || this.high) {
      this.vals = undefined;
      this.counts = [];
      this.high = true;
    } else if (o.vals !== undefined) {
      for (let i = 0; i < o.vals.length && this.vals !== undefined; i++) this.observeValue(this.vals, o.vals[i]!, limit, o.counts[i]!);
    }
    if (o.nCount > 0) {
      if (o.nMin < this.nMin) this.nMin = o.nMin;
      if (o.nMax > this.nMax) this.nMax = o.nMax;
      this.nCount += o.nCount;
    }
  }

  toState(p: number): TokenStatState {
    const s: TokenStatState = { p };
    if (this.vals !== undefined) s.e = this.vals.map((v, i) => [v, this.counts[i]!]);
    if (this.high) s.h = true;
    if (this.nCount > 0) s.n = [this.nMin, this.nMax, this.nCount];
    return s;
  }

  static fromState(s: TokenStatState): TokenStat {
    const t = new TokenStat();
    t.vals = s.e !== undefined ? s.e.map(([v]) => v) : undefined;
    t.counts = s.e !== undefined ? s.e.map(([, c]) => c) : [];
    t.high = s.h === true;
    if (s.n !== undefined) [t.nMin, t.nMax, t.nCount] = s.n;
    return t;
  }

  range(): NumericRange | undefined {
    return this.nCount > 0 ? { min: this.nMin, max: this.nMax, count: this.nCount } : undefined;
  }
}

/** One pattern: a group narrowed to one combination of values at its splitting positions. */
class Sub {
  count = 0;
  last = 0;
  stats = new Map<number, TokenStat>();
  regex: RegExp | undefined;
  constructor(
    readonly id: string,
    readonly seq: number,
    readonly group: Group,
    /** Values at the group's splitting positions, in the order of `Group.split`. */
    public values: string[],
  ) {}
}

/** A Drain group: events of one token count whose constant tokens agree. */
class Group {
  count = 0;
  last = 0;
  pos: PosKind[];
  split: number[] = [];
  /** Positions that are not constant (parameters and splitting positions), ascending. */
  varying: number[] = [];
  /** Positions whose tokens are dynamic in every pattern of the group (parameters, masked constants), ascending. */
  dynamic: number[] = [];
  /** Parameter positions whose template keeps constant text around the wildcard (`rhost=<*>`). */
  affixed: number[] = [];
  /** Per entry of `dynamic`: length of the token's constant text before and after its variable part (-1: none). */
  prefixLen: number[] = [];
  suffixLen: number[] = [];
  subs = new Map<string, Sub>();
  constructor(
    readonly seq: number,
    readonly path: string[],
    public tokens: string[],
  ) {
    this.pos = new Array<PosKind>(tokens.length).fill(POS_CONST);
    this.refreshPositions();
  }

  refreshPositions(): void {
    this.varying = [];
    this.dynamic = [];
    this.split = [];
    this.affixed = [];
    this.prefixLen = [];
    this.suffixLen = [];
    for (let p = 0; p < this.tokens.length; p++) {
      const k = this.pos[p]!;
      const t = this.tokens[p]!;
      if (k !== POS_CONST) this.varying.push(p);
      if (k === POS_PARAM || (k === POS_CONST && hasWildcard(t))) {
        this.dynamic.push(p);
        const bare = t === WILDCARD;
        this.prefixLen.push(bare ? -1 : t.indexOf(WILDCARD));
        this.suffixLen.push(bare ? -1 : t.length - t.lastIndexOf(WILDCARD) - WILDCARD.length);
      }
      if (k instanceof Map) this.split.push(p);
      if (k === POS_PARAM && t !== WILDCARD) this.affixed.push(p);
    }
  }

  subKey(masked: string[]): string {
    const s = this.split;
    if (s.length === 0) return '';
    if (s.length === 1) return masked[s[0]!]!;
    let k = masked[s[0]!]!;
    for (let i = 1; i < s.length; i++) k += '\u0000' + masked[s[i]!]!;
    return k;
  }
}

interface Node {
  children: Map<string, Node>;
  groups: Group[];
}

function newNode(): Node {
  return { children: new Map(), groups: [] };
}

/**
 * Streaming log-pattern miner (Drain's fixed-depth tree and similarity, plus splitting on low-cardinality word
 * positions). No I/O and no clock: the caller feeds events and reads patterns.
 */
export class PatternMiner {
  private readonly opts: Required<MinerOptions>;
  private readonly root = new Map<number, Node>();
  private readonly groups = new Set<Group>();
  private readonly byId = new Map<string, Sub>();
  private readonly aliases = new Map<string, string>();
  private cache = new Map<string, Group>();
  private seq = 0;
  private events = 0;
  private merges = 0;

  constructor(opts: MinerOptions = {}) {
    this.opts = { ...DEFAULTS, ...opts };
  }

  get options(): Readonly<Required<MinerOptions>> {
    return this.opts;
  }

  /** Learn from one event and return its pattern. */
  add(message: string): MatchResult {
    const { raw, masked } = tokenize(message, this.opts.maxChars);
    const now = ++this.events;
    let g = this.lookup(masked);
    if (g === undefined) {
      const best = this.similar(masked);
      if (best !== undefined) {
        this.generalise(best, masked);
        g = best;
      } else {
        g = this.createGroup(masked);
      }
      this.cache.clear();
    }
    g.count++;
    g.last = now;
    if (g.affixed.length > 0) this.narrowAffixes(g, masked);
    this.observeVarying(g, masked);
    let isNew = false;
    const sk = g.subKey(masked);
    let sub = g.subs.get(sk);
    if (sub === undefined) {
      sub = this.createSub(g, masked, sk);
      isNew = true;
    }
    sub.count++;
    sub.last = now;
    const params = this.params(g, raw, sub, true);
    if (this.groups.size > this.opts.maxGroups) this.evict();
    return { patternId: sub.id, isNew, params, positions: g.dynamic };
  }

  /** The pattern an event belongs to, without learning; undefined when no pattern covers it. */
  match(message: string): MatchResult | undefined {
    const { raw, masked } = tokenize(message, this.opts.maxChars);
    const g = this.lookup(masked);
    if (g === undefined) return undefined;
    for (const p of g.split) {
      const m = g.pos[p] as Map<string, number>;
      if (!m.has(masked[p]!)) return undefined;
    }
    const sub = g.subs.get(g.subKey(masked));
    if (sub === undefined) return undefined;
    return { patternId: sub.id, isNew: false, params: this.params(g, raw, sub, false), positions: g.dynamic };
  }

  /** The current id of a pattern id handed out earlier (patterns merge when a position turns out to be a parameter). */
  resolve(patternId: string): string | undefined {
    let id = patternId;
    for (let i = 0; i < 64; i++) {
      if (this.byId.has(id)) return id;
      const next = this.aliases.get(id);
      if (next === undefined) return undefined;
      id = next;
    }
    return undefined;
  }

  /**
   * Grows whenever pattern ids stop being current (patterns merged or dropped): a caller keeping data per pattern id
   * re-keys it through `resolve` when this has moved. Not part of the saved state.
   */
  get revision(): number {
    return this.merges;
  }

  /** Number of patterns. */
  get size(): number {
    return this.byId.size;
  }

  patterns(): Pattern[] {
    const out: Pattern[] = [];
    for (const g of this.groups) for (const sub of g.subs.values()) out.push(this.describe(g, sub));
    out.sort((a, b) => b.count - a.count || (a.patternId < b.patternId ? -1 : 1));
    return out;
  }

  /** The pattern of an id (resolved through merges). */
  pattern(patternId: string): Pattern | undefined {
    const id = this.resolve(patternId);
    if (id === undefined) return undefined;
    const sub = this.byId.get(id)!;
    return this.describe(sub.group, sub);
  }

  toJSON(): MinerState {
    const groups: GroupState[] = [];
    for (const g of this.groups) {
      groups.push({
        seq: g.seq,
        path: g.path,
        tokens: g.tokens,
        count: g.count,
        last: g.last,
        pos: g.pos.map((k) => (k instanceof Map ? [...k] : k)),
        split: g.split,
        subs: [...g.subs.values()].map(
          (s): SubState => ({
            id: s.id,
            seq: s.seq,
            count: s.count,
            last: s.last,
            values: s.values,
            stats: [...s.stats].map(([p, t]) => t.toState(p)),
          }),
        ),
      });
    }
    return { version: 1, options: { ...this.opts }, seq: this.seq, events: this.events, groups, aliases: [...this.aliases] };
  }

  static fromJSON(state: MinerState): PatternMiner {
    if (state.version !== 1) throw new Error(`unsupported miner state version ${String(state.version)}`);
    const m = new PatternMiner(state.options);
    m.seq = state.seq;
    m.events = state.events;
    for (const gs of state.groups) {
      const g = new Group(gs.seq, gs.path, gs.tokens);
      g.count = gs.count;
      g.last = gs.last;
      g.pos = gs.pos.map((k) => (Array.isArray(k) ? new Map(k) : k));
      g.refreshPositions();
      for (const ss of gs.subs) {
        const sub = new Sub(ss.id, ss.seq, g, ss.values);
        sub.count = ss.count;
        sub.last = ss.last;
        for (const ts of ss.stats) sub.stats.set(ts.p, TokenStat.fromState(ts));
        g.subs.set(ss.values.join('\u0000'), sub);
        m.byId.set(sub.id, sub);
      }
      m.groups.add(g);
      m.leaf(gs.tokens.length, gs.path, true).groups.push(g);
    }
    for (const [a, b] of state.aliases) m.aliases.set(a, b);
    return m;
  }

  // ---- parse tree ----

  private pathOf(masked: string[]): string[] {
    const d = Math.min(this.opts.depth, masked.length);
    const path: string[] = [];
    let node = this.root.get(masked.length);
    for (let i = 0; i < d; i++) {
      const t = masked[i]!;
      let k = hasWildcard(t) ? WILDCARD : t;
      if (k !== WILDCARD && node !== undefined && !node.children.has(k) && node.children.size >= this.opts.maxChildren) {
        k = WILDCARD;
      }
      path.push(k);
      node = node?.children.get(k);
    }
    return path;
  }

  private leaf(len: number, path: string[], create: boolean): Node {
    let node: Node | undefined = this.root.get(len);
    if (node === undefined) {
      node = newNode();
      if (create) this.root.set(len, node);
    }
    for (const k of path) {
      let next: Node | undefined = node.children.get(k);
      if (next === undefined) {
        next = newNode();
        if (create) node.children.set(k, next);
      }
      node = next;
    }
    return node;
  }

  /** The leaf an event descends to, following exact tokens first and the wildcard branch otherwise. */
  private findLeaf(masked: string[]): Node | undefined {
    let node = this.root.get(masked.length);
    const d = Math.min(this.opts.depth, masked.length);
    for (let i = 0; i < d && node !== undefined; i++) {
      const t = masked[i]!;
      node = (hasWildcard(t) ? undefined : node.children.get(t)) ?? node.children.get(WILDCARD);
    }
    return node;
  }

  /** The group an event fits, if any (see `fitting`). */
  private lookup(masked: string[]): Group | undefined {
    const leaf = this.findLeaf(masked);
    if (leaf === undefined) return undefined;
    if (leaf.groups.length <= CACHE_FROM_GROUPS) return this.fitting(leaf, masked);
    const key = masked.join(' ');
    let g = this.cache.get(key);
    if (g === undefined) {
      g = this.fitting(leaf, masked);
      if (g !== undefined) {
        if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
        this.cache.set(key, g);
      }
    }
    return g;
  }

  /** The most specific group of the leaf whose constant tokens all equal the event's. */
  private fitting(leaf: Node, masked: string[]): Group | undefined {
    let best: Group | undefined;
    let bestConst = -1;
    for (const g of leaf.groups) {
      const t = g.tokens;
      let consts = 0;
      let ok = true;
      for (let i = 0; i < t.length; i++) {
        const a = t[i]!;
        if (g.pos[i] !== POS_CONST) continue;
        if (a !== masked[i]) {
          ok = false;
          break;
        }
        consts++;
      }
      if (ok && consts > bestConst) {
        best = g;
        bestConst = consts;
      }
    }
    return best;
  }

  /** Drain's choice: the group of the leaf with the most equal constant tokens, if above the threshold. */
  private similar(masked: string[]): Group | undefined {
    const leaf = this.findLeaf(masked);
    if (leaf === undefined) return undefined;
    const n = masked.length;
    let best: Group | undefined;
    let bestSim = -1;
    let bestParams = -1;
    for (const g of leaf.groups) {
      const t = g.tokens;
      let same = 0;
      for (let i = 0; i < n; i++) if (g.pos[i] === POS_CONST && t[i] === masked[i]) same++;
      const sim = n === 0 ? 1 : same / n;
      const params = g.varying.length;
      if (sim > bestSim || (sim === bestSim && params > bestParams)) {
        best = g;
        bestSim = sim;
        bestParams = params;
      }
    }
    if (best !== undefined && bestSim >= this.opts.similarityThreshold) return best;
    // Short events (two tokens) that differ in one word only: Drain's share of equal tokens is 1/2 at most, so they
    // would never meet, yet `Server environment:os.name=Linux` … are one event type whose value varies. They join as
    // a splitting position, as longer events do: separate patterns while the position has few values, one beyond.
    // (Measured: also joining two-token events whose `key=<*>` tokens differ in the key cost Android 0.02 GA.)
    // (Measured: letting any two-token events that share one token join, masked values included, costs more than it
    // gains: `onStandStepChanged <*>` and `getTodayTotalDetailSteps <*>` are different events.)
    if (best !== undefined && n === 2 && this.opts.splitCardinality >= 2 && bestSim * n === n - 1) {
      for (let i = 0; i < n; i++) {
        if (best.pos[i] === POS_CONST && best.tokens[i] !== masked[i]) {
          return splittable(best.tokens[i]!) && splittable(masked[i]!) ? best : undefined;
        }
      }
    }
    return undefined;
  }

  private createGroup(masked: string[]): Group {
    const path = this.pathOf(masked);
    const g = new Group(++this.seq, path, masked.slice());
    this.leaf(masked.length, path, true).groups.push(g);
    this.groups.add(g);
    return g;
  }

  // ---- learning ----

  /** Turn the constant positions where the event differs into varying positions. */
  private generalise(g: Group, masked: string[]): void {
    let changed = false;
    for (let p = 0; p < masked.length; p++) {
      if (g.pos[p] !== POS_CONST) continue;
      const old = g.tokens[p]!;
      if (old === masked[p]) continue;
      changed = true;
      if (splittable(old) && splittable(masked[p]!) && this.opts.splitCardinality >= 2) {
        // a word position: a splitting position until it shows too many values
        for (const sub of g.subs.values()) sub.values = this.insertValue(g, sub.values, p, old);
        g.pos[p] = new Map([[old, g.count]]);
        g.tokens[p] = WILDCARD;
      } else {
        this.toParam(g, p, old, commonTemplate(old, masked[p]!));
      }
      g.refreshPositions();
    }
    if (changed) this.rekey(g);
  }

  /** Values of a sub with `value` inserted for a new splitting position p (`g.split` not yet holding p). */
  private insertValue(g: Group, values: string[], p: number, value: string): string[] {
    const out: string[] = [];
    let i = 0;
    let placed = false;
    for (const q of g.split) {
      if (!placed && q > p) {
        out.push(value);
        placed = true;
      }
      out.push(values[i++]!);
    }
    if (!placed) out.push(value);
    return out;
  }

  private observeVarying(g: Group, masked: string[]): void {
    if (g.split.length === 0) return;
    const limit = this.opts.splitCardinality;
    let demoted = false;
    // demote() replaces g.split, so this loop runs over the positions as they were
    for (const p of g.split) {
      const k = g.pos[p] as Map<string, number>;
      const v = masked[p]!;
      const c = k.get(v);
      if (c !== undefined) k.set(v, c + 1);
      else if (k.size < limit && splittable(v)) k.set(v, 1);
      else {
        this.demote(g, p, v);
        demoted = true;
      }
    }
    if (!demoted && g.split.length > 0 && g.subs.size >= this.opts.maxSplitsPerGroup && !g.subs.has(g.subKey(masked))) {
      // too many combinations: the most varied splitting position becomes a parameter
      let worst = g.split[0]!;
      for (const p of g.split) if ((g.pos[p] as Map<string, number>).size > (g.pos[worst] as Map<string, number>).size) worst = p;
      this.demote(g, worst, masked[worst]!);
    }
  }

  /** A splitting position becomes a parameter (keeping the text its values share): its patterns merge. */
  private demote(g: Group, p: number, incoming: string): void {
    const idx = g.split.indexOf(p);
    let tpl = incoming;
    for (const v of (g.pos[p] as Map<string, number>).keys()) tpl = v === tpl ? tpl : commonTemplate(tpl, v);
    if (!hasWildcard(tpl)) tpl = WILDCARD;
    for (const sub of g.subs.values()) {
      const v = sub.values[idx]!;
      const st = new TokenStat();
      st.observe(paramOf(tpl, v), this.opts.maxEnumerations, sub.count);
      sub.stats.set(p, st);
      sub.values = sub.values.filter((_, i) => i !== idx);
    }
    g.pos[p] = POS_PARAM;
    g.tokens[p] = tpl;
    g.refreshPositions();
    this.rekey(g);
  }

  /** A constant position becomes a parameter with template `tpl`; patterns learn the old value in their statistics. */
  private toParam(g: Group, p: number, old: string, tpl: string): void {
    g.pos[p] = POS_PARAM;
    g.tokens[p] = tpl;
    if (!hasWildcard(old)) {
      for (const sub of g.subs.values()) {
        const st = new TokenStat();
        st.observe(paramOf(tpl, old), this.opts.maxEnumerations, sub.count);
        sub.stats.set(p, st);
      }
    }
  }

  /** An event whose token lacks a parameter's constant prefix or suffix narrows them. */
  private narrowAffixes(g: Group, masked: string[]): void {
    let changed = false;
    for (const p of g.affixed) {
      const tpl = g.tokens[p]!;
      if (fitsAffixes(tpl, masked[p]!)) continue;
      g.tokens[p] = commonTemplate(tpl, masked[p]!);
      changed = true;
    }
    if (!changed) return;
    g.refreshPositions();
    for (const sub of g.subs.values()) sub.regex = undefined;
    this.cache.clear();
  }

  /** Re-index the patterns of a group after its splitting positions changed, merging those that now coincide. */
  private rekey(g: Group): void {
    const subs = [...g.subs.values()].sort((a, b) => a.seq - b.seq);
    g.subs.clear();
    for (const s of subs) {
      const k = s.values.join('\u0000');
      const keep = g.subs.get(k);
      if (keep === undefined) {
        g.subs.set(k, s);
        continue;
      }
      keep.count += s.count;
      keep.last = Math.max(keep.last, s.last);
      for (const [p, st] of s.stats) {
        const mine = keep.stats.get(p);
        if (mine === undefined) keep.stats.set(p, st);
        else mine.absorb(st, this.opts.maxEnumerations);
      }
      keep.regex = undefined;
      this.byId.delete(s.id);
      this.alias(s.id, keep.id);
    }
    for (const s of g.subs.values()) s.regex = undefined;
  }

  private alias(from: string, to: string): void {
    this.merges++;
    this.aliases.set(from, to);
    if (this.aliases.size > ALIAS_LIMIT) this.aliases.delete(this.aliases.keys().next().value!);
  }

  private createSub(g: Group, masked: string[], key: string): Sub {
    const values = g.split.map((p) => masked[p]!);
    const first = g.tokens.map((t, p) => (g.pos[p] instanceof Map ? masked[p]! : t)).join(' ');
    let id = md5(first);
    for (let i = 1; this.byId.has(id); i++) id = md5(`${first}\u0000${i}`);
    const sub = new Sub(id, ++this.seq, g, values);
    g.subs.set(key, sub);
    this.byId.set(id, sub);
    return sub;
  }

  private params(g: Group, raw: string[], sub: Sub, learn: boolean): string[] {
    const out: string[] = [];
    const limit = this.opts.maxEnumerations;
    const dyn = g.dynamic;
    for (let i = 0; i < dyn.length; i++) {
      const p = dyn[i]!;
      const r = raw[p]!;
      const pre = g.prefixLen[i]!;
      const suf = g.suffixLen[i]!;
      // as paramOf, with the template's affix lengths computed once per template
      const v = pre < 0 || pre + suf > r.length ? r : r.slice(pre, r.length - suf);
      out.push(v);
      if (learn) {
        let st = sub.stats.get(p);
        if (st === undefined) sub.stats.set(p, (st = new TokenStat()));
        st.observe(v, limit);
      }
    }
    return out;
  }

  /** Least recently seen group goes when there are too many. */
  private evict(): void {
    let victim: Group | undefined;
    for (const g of this.groups) if (victim === undefined || g.last < victim.last) victim = g;
    if (victim === undefined) return;
    this.merges++;
    this.groups.delete(victim);
    this.unlink(victim);
    for (const s of victim.subs.values()) this.byId.delete(s.id);
    this.cache.clear();
  }

  /**
   * Remove a group from its leaf and drop the nodes left empty, so that the tree is a function of the groups alone
   * and a restored miner (which rebuilds the tree from its groups) behaves exactly as the one it was saved from.
   */
  private unlink(g: Group): void {
    const top = this.root.get(g.tokens.length);
    if (top === undefined) return;
    const trail: Node[] = [top];
    for (const k of g.path) {
      const next = trail[trail.length - 1]!.children.get(k);
      if (next === undefined) return;
      trail.push(next);
    }
    const leaf = trail[trail.length - 1]!;
    leaf.groups = leaf.groups.filter((x) => x !== g);
    for (let i = trail.length - 1; i > 0; i--) {
      const node = trail[i]!;
      if (node.groups.length > 0 || node.children.size > 0) return;
      trail[i - 1]!.children.delete(g.path[i - 1]!);
    }
    if (top.groups.length === 0 && top.children.size === 0) this.root.delete(g.tokens.length);
  }

  // ---- description ----

  private subMasked(g: Group, sub: Sub): string[] {
    const t = g.tokens.slice();
    g.split.forEach((p, i) => (t[p] = sub.values[i]!));
    return t;
  }

  private describe(g: Group, sub: Sub): Pattern {
    const toks = this.subMasked(g, sub);
    const tokens: PatternToken[] = toks.map((t, p) => {
      const isDynamic = g.pos[p] === POS_PARAM || (g.pos[p] === POS_CONST && hasWildcard(t));
      const tok: PatternToken = { position: p, isDynamic, tokenString: t };
      const st = sub.stats.get(p);
      if (isDynamic && st !== undefined) {
        const enums = st.enums;
        if (enums !== undefined) tok.enumerations = enums;
        if (st.high) tok.highCardinality = true;
        const r = st.range();
        if (r !== undefined) tok.numericRange = r;
      }
      return tok;
    });
    if (sub.regex === undefined) sub.regex = buildRegex(toks);
    return { patternId: sub.id, patternString: toks.join(' '), patternRegex: sub.regex, tokens, count: sub.count };
  }
}

/** The dynamic part of a raw token: its text between the pattern token's constant prefix and suffix. */
function paramOf(tpl: string, raw: string): string {
  if (tpl === WILDCARD) return raw;
  const a = tpl.indexOf(WILDCARD);
  const b = tpl.lastIndexOf(WILDCARD) + WILDCARD.length;
  const pre = a;
  const suf = tpl.length - b;
  if (pre + suf <= raw.length) return raw.slice(pre, raw.length - suf);
  return raw;
}

function buildRegex(tokens: string[]): RegExp {
  const parts = tokens.map((t) => {
    // a wildcard may stand for a run of tokens (a list, a date: see mask.ts)
    if (t === WILDCARD) return '\\S+(?:\\s+\\S+)*?';
    if (!hasWildcard(t)) return escapeRegex(t);
    return t
      .split(WILDCARD)
      .map((s) => escapeRegex(s))
      .join('\\S+?(?:\\s+\\S+?)*?');
  });
  return new RegExp(`^\\s*${parts.join('\\s+')}\\s*$`);
}

