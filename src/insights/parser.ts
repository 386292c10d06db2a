/**
 * Parser of CloudWatch Logs Insights queries into the AST of `ast.ts`, following `grammar.md`. Hand-written
 * recursive descent: the language is small, and the lexer has to know whether an operand is expected to tell a
 * regex literal from a division.
 */
import { AGGREGATES, type Command, type Expr, type Named, type Query } from './ast.js';
import { invalidQuery, malformed } from './errors.js';
import { compileQueryRegex, UnsafeRegexError } from './safeRegex.js';

type TokKind = 'name' | 'num' | 'dur' | 'str' | 'regex' | 'op' | 'eof';

interface Tok {
  kind: TokKind;
  text: string;
  /** Value: the name, the string's content, the regex source. */
  value: string;
  start: number;
  end: number;
}

const DURATION_UNITS: Record<string, number> = {
  ms: 1,
  s: 1000,
  sec: 1000,
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
  hr: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
  mo: 30 * 86_400_000,
  q: 90 * 86_400_000,
  y: 365 * 86_400_000,
};

const OPS = ['!=', '<=', '>=', '=~', '=', '<', '>', '+', '-', '*', '/', '%', '^', '(', ')', ',', '[', ']', '|'];
export const MAX_LIMIT = 10_000;
const NAME_START = /[A-Za-z_@$]/;
const NAME_PART = /[A-Za-z0-9_@$.]/;

class Lexer {
  pos = 0;
  constructor(readonly src: string) {}

  private skip(): void {
    const s = this.src;
    for (;;) {
      while (this.pos < s.length && /\s/.test(s[this.pos]!)) this.pos++;
      if (s[this.pos] === '#') {
        while (this.pos < s.length && s[this.pos] !== '\n') this.pos++;
        continue;
      }
      return;
    }
  }

  /** The next token; a `/` is a regex literal when `regexOk` (an operand is expected), else the division operator. */
  next(regexOk: boolean): Tok {
    this.skip();
    const s = this.src;
    const start = this.pos;
    if (start >= s.length) return { kind: 'eof', text: '<EOF>', value: '', start, end: start };
    const c = s[start]!;
    if (c === '/' && regexOk) {
      let i = start + 1;
      let src = '';
      while (i < s.length && s[i] !== '/') {
        if (s[i] === '\\' && s[i + 1] === '/') {
          src += '/';
          i += 2;
        } else if (s[i] === '\\' && i + 1 < s.length) {
          src += s[i]! + s[i + 1]!;
          i += 2;
        } else src += s[i++]!;
      }
      if (i >= s.length) throw malformed(s, start, s.length, s.slice(start));
      this.pos = i + 1;
      return { kind: 'regex', text: s.slice(start, this.pos), value: src, start, end: this.pos };
    }
    if (c === '"' || c === "'") {
      let i = start + 1;
      let v = '';
      while (i < s.length && s[i] !== c) {
        if (s[i] === '\\' && i + 1 < s.length) {
          const n = s[i + 1]!;
          v += n === 'n' ? '\n' : n === 't' ? '\t' : n === 'r' ? '\r' : n;
          i += 2;
        } else v += s[i++]!;
      }
      if (i >= s.length) throw malformed(s, start, s.length, s.slice(start));
      this.pos = i + 1;
      return { kind: 'str', text: s.slice(start, this.pos), value: v, start, end: this.pos };
    }
    if (c === '`') {
      const close = s.indexOf('`', start + 1);
      if (close < 0) throw malformed(s, start, s.length, s.slice(start));
      this.pos = close + 1;
      return { kind: 'name', text: s.slice(start, this.pos), value: s.slice(start + 1, close), start, end: this.pos };
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(s[start + 1] ?? ''))) {
      const m = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/.exec(s.slice(start))!;
      let i = start + m[0].length;
      const unit = /^[a-z]+/.exec(s.slice(i));
      if (unit && DURATION_UNITS[unit[0]] !== undefined && !NAME_PART.test(s[i + unit[0].length] ?? '')) {
        i += unit[0].length;
        this.pos = i;
        return { kind: 'dur', text: s.slice(start, i), value: m[0], start, end: i };
      }
      this.pos = i;
      return { kind: 'num', text: m[0], value: m[0], start, end: i };
    }
    if (NAME_START.test(c)) {
      let i = start + 1;
      while (i < s.length && NAME_PART.test(s[i]!)) i++;
      // A name does not end with a dot (`a.` then an operator).
      while (s[i - 1] === '.') i--;
      this.pos = i;
      return { kind: 'name', text: s.slice(start, i), value: s.slice(start, i), start, end: i };
    }
    for (const op of OPS) {
      if (s.startsWith(op, start)) {
        this.pos = start + op.length;
        return { kind: 'op', text: op, value: op, start, end: this.pos };
      }
    }
    throw malformed(s, start, start + 1, c);
  }
}

const COMMANDS = new Set(['fields', 'display', 'filter', 'stats', 'sort', 'limit', 'dedup', 'parse', 'unnest', 'pattern', 'anomaly']);

export class Parser {
  private readonly lx: Lexer;
  private tok: Tok;
  private regexMode = false;

  constructor(private readonly src: string) {
    this.lx = new Lexer(src);
    this.tok = this.lx.next(false);
  }

  /** Re-reads the current token allowing a regex literal there (an operand is expected). */
  private operandTok(): Tok {
    if (this.tok.kind === 'op' && this.tok.text === '/' && !this.regexMode) {
      this.lx.pos = this.tok.start;
      this.tok = this.lx.next(true);
    }
    return this.tok;
  }

  private advance(): Tok {
    const t = this.tok;
    this.tok = this.lx.next(false);
    return t;
  }

  private fail(t: Tok = this.tok): never {
    throw malformed(this.src, t.start, t.end, t.text);
  }

  private isOp(text: string): boolean {
    return this.tok.kind === 'op' && this.tok.text === text;
  }

  private isKw(kw: string): boolean {
    return this.tok.kind === 'name' && this.tok.text.toLowerCase() === kw && this.src[this.tok.start] !== '`';
  }

  private expectOp(text: string): Tok {
    if (!this.isOp(text)) this.fail();
    return this.advance();
  }

  private expectKw(kw: string): Tok {
    if (!this.isKw(kw)) this.fail();
    return this.advance();
  }

  private name(): string {
    if (this.tok.kind !== 'name') this.fail();
    return this.advance().value;
  }

  parse(): Query {
    const commands: Command[] = [];
    if (this.tok.kind === 'eof') this.fail();
    for (;;) {
      commands.push(this.command());
      if ((this.tok as Tok).kind === 'eof') break;
      this.expectOp('|');
    }
    for (let i = 0; i < commands.length; i++) {
      if (commands[i]!.k === 'anomaly' && !commands.slice(0, i).some((c) => c.k === 'pattern')) {
        throw invalidQuery(this.src, 0, this.src.length, 'The anomaly command must follow a pattern command.');
      }
    }
    return { commands };
  }

  private command(): Command {
    const t = this.tok;
    if (t.kind !== 'name' || !COMMANDS.has(t.text.toLowerCase())) this.fail();
    const kw = t.text.toLowerCase();
    this.advance();
    switch (kw) {
      case 'fields':
        return { k: 'fields', items: this.list(() => this.fieldItem()) };
      case 'display':
        return { k: 'display', names: this.list(() => this.name()) };
      case 'filter':
        return { k: 'filter', expr: this.expr() };
      case 'stats':
        return this.stats();
      case 'sort':
        return {
          k: 'sort',
          keys: this.list(() => {
            const expr = this.expr();
            let desc = true;
            if (this.isKw('asc')) {
              this.advance();
              desc = false;
            } else if (this.isKw('desc')) this.advance();
            return { expr, desc };
          }),
        };
      case 'limit': {
        const n = this.tok;
        if (n.kind !== 'num' || !/^\d+$/.test(n.text)) this.fail();
        const v = Number(n.text);
        if (v < 1 || v > MAX_LIMIT) throw invalidQuery(this.src, n.start, n.end, `limit must be between 1 and ${MAX_LIMIT}.`);
        this.advance();
        return { k: 'limit', n: v };
      }
      case 'dedup':
        return { k: 'dedup', names: this.list(() => this.name()) };
      case 'parse':
        return this.parseCmd();
      case 'unnest': {
        const src = this.name();
        this.expectKw('into');
        return { k: 'unnest', src, into: this.name() };
      }
      case 'pattern':
        return { k: 'pattern', src: this.expr() };
      default:
        return { k: 'anomaly' };
    }
  }

  private list<T>(item: () => T): T[] {
    const out = [item()];
    while (this.isOp(',')) {
      this.advance();
      out.push(item());
    }
    return out;
  }

  private alias(expr: Expr): string {
    if (this.isKw('as')) {
      this.advance();
      return this.name();
    }
    return expr.k === 'field' ? expr.name : this.src.slice(expr.start, expr.end);
  }

  private fieldItem(): Named {
    const expr = this.expr();
    return { expr, name: this.alias(expr) };
  }

  private stats(): Command {
    const aggs = this.list(() => {
      const expr = this.expr();
      if (!containsAggregate(expr)) throw invalidQuery(this.src, expr.start, expr.end, 'stats needs an aggregate function such as count(*).');
      return { expr, name: this.alias(expr) };
    });
    let by: Named[] = [];
    if (this.isKw('by')) {
      this.advance();
      by = this.list(() => {
        const expr = this.expr();
        return { expr, name: this.alias(expr) };
      });
    }
    return { k: 'stats', aggs, by };
  }

  private parseCmd(): Command {
    // parse [source] "glob" as a, b   |   parse [source] /regex/ ; the source defaults to @message.
    let src: Expr = { k: 'field', name: '@message', start: this.tok.start, end: this.tok.start };
    const t0 = this.operandTok();
    if (t0.kind !== 'str' && t0.kind !== 'regex') {
      src = this.primary();
    }
    const t = this.operandTok();
    if (t.kind === 'str') {
      this.advance();
      const parts = t.value.split('*');
      if (parts.length < 2) throw invalidQuery(this.src, t.start, t.end, 'A parse pattern needs at least one * to capture.');
      this.expectKw('as');
      const names = this.list(() => this.name());
      if (names.length !== parts.length - 1) {
        throw invalidQuery(this.src, t.start, this.tok.start, `The parse pattern captures ${parts.length - 1} value(s) but ${names.length} field name(s) were given.`);
      }
      return { k: 'parse', src, glob: { parts, names } };
    }
    if (t.kind === 'regex') {
      this.advance();
      const re = this.regex(t);
      const names = [...t.value.matchAll(/\(\?<([A-Za-z_][A-Za-z0-9_]*)>/g)].map((m) => m[1]!);
      if (names.length === 0) throw invalidQuery(this.src, t.start, t.end, 'A parse regular expression needs at least one named capture group (?<name>…).');
      return { k: 'parse', src, regex: { re, names } };
    }
    return this.fail(t);
  }

  private regex(t: Tok): RegExp {
    try {
      return compileQueryRegex(t.value);
    } catch (err) {
      const why = err instanceof UnsafeRegexError ? err.message : (err as Error).message;
      throw invalidQuery(this.src, t.start, t.end, `Invalid regular expression ${t.text}: ${why}`);
    }
  }

  // --- expressions ----------------------------------------------------------------------------------------------

  expr(): Expr {
    return this.or();
  }

  private or(): Expr {
    let l = this.and();
    while (this.isKw('or')) {
      this.advance();
      const r = this.and();
      l = { k: 'bin', op: 'or', l, r, start: l.start, end: r.end };
    }
    return l;
  }

  private and(): Expr {
    let l = this.not();
    while (this.isKw('and')) {
      this.advance();
      const r = this.not();
      l = { k: 'bin', op: 'and', l, r, start: l.start, end: r.end };
    }
    return l;
  }

  private not(): Expr {
    if (this.isKw('not')) {
      const t = this.advance();
      const x = this.not();
      return { k: 'not', x, start: t.start, end: x.end };
    }
    return this.cmp();
  }

  private cmp(): Expr {
    const l = this.add();
    if (this.tok.kind === 'op' && ['=', '!=', '<', '<=', '>', '>='].includes(this.tok.text)) {
      const op = this.advance().text as '=';
      const r = this.add();
      return { k: 'bin', op, l, r, start: l.start, end: r.end };
    }
    let negated = false;
    if (this.isKw('not')) {
      this.advance();
      negated = true;
      if (!this.isKw('like') && !this.isKw('in')) this.fail();
    }
    if (this.isKw('like') || this.isOp('=~')) {
      this.advance();
      const t = this.operandTok();
      if (t.kind !== 'regex' && t.kind !== 'str') this.fail();
      const pat = this.primary();
      return { k: 'like', x: l, pat, negated, start: l.start, end: pat.end };
    }
    if (this.isKw('in')) {
      this.advance();
      this.expectOp('[');
      const list: Expr[] = [];
      if (!this.isOp(']')) list.push(...this.list(() => this.expr()));
      const close = this.expectOp(']');
      return { k: 'in', x: l, list, negated, start: l.start, end: close.end };
    }
    return l;
  }

  private add(): Expr {
    let l = this.mul();
    while (this.isOp('+') || this.isOp('-')) {
      const op = this.advance().text as '+';
      const r = this.mul();
      l = { k: 'bin', op, l, r, start: l.start, end: r.end };
    }
    return l;
  }

  private mul(): Expr {
    let l = this.pow();
    while (this.isOp('*') || this.isOp('/') || this.isOp('%')) {
      const op = this.advance().text as '*';
      const r = this.pow();
      l = { k: 'bin', op, l, r, start: l.start, end: r.end };
    }
    return l;
  }

  private pow(): Expr {
    const l = this.unary();
    if (this.isOp('^')) {
      this.advance();
      const r = this.pow();
      return { k: 'bin', op: '^', l, r, start: l.start, end: r.end };
    }
    return l;
  }

  private unary(): Expr {
    if (this.isOp('-')) {
      const t = this.advance();
      const x = this.unary();
      if (x.k === 'num') return { k: 'num', v: -x.v, start: t.start, end: x.end };
      return { k: 'neg', x, start: t.start, end: x.end };
    }
    return this.primary();
  }

  private primary(): Expr {
    const t = this.operandTok();
    switch (t.kind) {
      case 'num':
        this.advance();
        return { k: 'num', v: Number(t.text), start: t.start, end: t.end };
      case 'str':
        this.advance();
        return { k: 'str', v: t.value, start: t.start, end: t.end };
      case 'dur': {
        this.advance();
        const unit = t.text.slice(t.value.length);
        const n = Number(t.value);
        return { k: 'duration', ms: n * DURATION_UNITS[unit]!, unit, n, start: t.start, end: t.end };
      }
      case 'regex':
        this.advance();
        return { k: 'regex', source: t.value, re: this.regex(t), start: t.start, end: t.end };
      case 'name': {
        const quoted = this.src[t.start] === '`';
        const lower = t.text.toLowerCase();
        this.advance();
        if (!quoted && this.isOp('(')) return this.call(t);
        if (!quoted && (lower === 'true' || lower === 'false')) return { k: 'bool', v: lower === 'true', start: t.start, end: t.end };
        if (!quoted && RESERVED.has(lower)) this.fail(t);
        return { k: 'field', name: t.value, start: t.start, end: t.end };
      }
      case 'op':
        if (t.text === '(') {
          this.advance();
          const e = this.expr();
          const close = this.expectOp(')');
          return { ...e, start: t.start, end: close.end };
        }
        return this.fail(t);
      default:
        return this.fail(t);
    }
  }

  private call(nameTok: Tok): Expr {
    const fn = nameTok.text.toLowerCase();
    if (!FUNCTIONS.has(fn)) throw invalidQuery(this.src, nameTok.start, nameTok.end, `Unknown function: ${nameTok.text}`);
    this.expectOp('(');
    const args: Expr[] = [];
    if (!this.isOp(')')) {
      args.push(
        ...this.list(() => {
          if (this.isOp('*')) {
            const s = this.advance();
            return { k: 'star', start: s.start, end: s.end } as Expr;
          }
          return this.expr();
        }),
      );
    }
    const close = this.expectOp(')');
    const e: Expr = { k: 'call', fn, args, start: nameTok.start, end: close.end };
    checkArity(this.src, e as Extract<Expr, { k: 'call' }>);
    return e;
  }
}

const RESERVED = new Set(['and', 'or', 'not', 'like', 'in', 'as', 'by', 'asc', 'desc']);

/** Functions and their argument counts [min, max]. */
const ARITY: Record<string, [number, number]> = {
  count: [0, 1],
  count_distinct: [1, 1],
  sum: [1, 1],
  avg: [1, 1],
  min: [1, 1],
  max: [1, 1],
  pct: [2, 2],
  stddev: [1, 1],
  earliest: [1, 1],
  latest: [1, 1],
  sortsfirst: [1, 1],
  sortslast: [1, 1],
  strlen: [1, 1],
  toupper: [1, 1],
  tolower: [1, 1],
  trim: [1, 1],
  ltrim: [1, 1],
  rtrim: [1, 1],
  concat: [1, 100],
  substr: [2, 3],
  replace: [3, 3],
  strcontains: [2, 2],
  ispresent: [1, 1],
  isempty: [1, 1],
  isblank: [1, 1],
  coalesce: [1, 100],
  abs: [1, 1],
  ceil: [1, 1],
  floor: [1, 1],
  greatest: [1, 100],
  least: [1, 100],
  log: [1, 1],
  sqrt: [1, 1],
  bin: [1, 1],
  datefloor: [2, 2],
  dateceil: [2, 2],
  frommillis: [1, 1],
  tomillis: [1, 1],
  isvalidip: [1, 1],
  isvalidipv4: [1, 1],
  isvalidipv6: [1, 1],
  isipinsubnet: [2, 2],
  isipv4insubnet: [2, 2],
  isipv6insubnet: [2, 2],
  unmask: [1, 1],
};
export const FUNCTIONS = new Set(Object.keys(ARITY));

function checkArity(src: string, e: Extract<Expr, { k: 'call' }>): void {
  const [min, max] = ARITY[e.fn]!;
  if (e.args.length < min || e.args.length > max) {
    throw invalidQuery(src, e.start, e.end, `Wrong number of arguments for function ${e.fn}: expected ${min === max ? min : `${min} to ${max}`}, got ${e.args.length}.`);
  }
  const star = e.args.findIndex((a) => a.k === 'star');
  if (star >= 0 && e.fn !== 'count') throw invalidQuery(src, e.args[star]!.start, e.args[star]!.end, `* is only allowed in count(*).`);
  if (['bin', 'datefloor', 'dateceil'].includes(e.fn)) {
    const d = e.args[e.args.length - 1]!;
    if (d.k !== 'duration') throw invalidQuery(src, d.start, d.end, `${e.fn} needs a time period such as 5m.`);
  }
  if (e.fn === 'unmask' && e.args[0]!.k !== 'field') {
    throw invalidQuery(src, e.args[0]!.start, e.args[0]!.end, 'unmask needs a field such as @message.');
  }
  if (e.fn === 'pct') {
    const p = e.args[1]!;
    if (p.k !== 'num' || p.v < 0 || p.v > 100) throw invalidQuery(src, p.start, p.end, 'pct needs a percentile between 0 and 100.');
  }
  if (!AGGREGATES.has(e.fn)) {
    for (const a of e.args) if (containsAggregate(a)) throw invalidQuery(src, a.start, a.end, `Aggregate functions are only allowed in stats.`);
  }
}

export function containsAggregate(e: Expr): boolean {
  switch (e.k) {
    case 'call':
      return AGGREGATES.has(e.fn) || e.args.some(containsAggregate);
    case 'bin':
      return containsAggregate(e.l) || containsAggregate(e.r);
    case 'neg':
    case 'not':
      return containsAggregate(e.x);
    case 'like':
      return containsAggregate(e.x);
    case 'in':
      return containsAggregate(e.x) || e.list.some(containsAggregate);
    default:
      return false;
  }
}

/** Parses a query; throws MalformedQueryException (with the position) when it does not follow the grammar. */
export function parseQuery(query: string): Query {
  const q = new Parser(query).parse();
  for (const c of q.commands) {
    const exprs: Expr[] =
      c.k === 'fields' ? c.items.map((i) => i.expr) : c.k === 'filter' ? [c.expr] : c.k === 'sort' ? c.keys.map((k) => k.expr) : c.k === 'stats' ? c.by.map((b) => b.expr) : [];
    for (const e of exprs) if (containsAggregate(e)) throw invalidQuery(query, e.start, e.end, 'Aggregate functions are only allowed in stats.');
  }
  return q;
}
