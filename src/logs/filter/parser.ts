import type {
  CompareOp,
  DelimitedAst,
  DelimitedField,
  FieldExpr,
  FilterAst,
  JsonAst,
  JsonExpr,
  PathSegment,
  Selector,
  Term,
  TermsAst,
  Value,
} from './ast.js';
import { FilterPatternError, invalidTerm } from './errors.js';
import { validateRegex } from './regex.js';

/** AWS: at most two regular expressions in one filter pattern. */
export const MAX_REGEX_PER_PATTERN = 2;
/** At most one wildcard (`.*`, `[*]`) per property selector and three per JSON pattern. */
export const MAX_WILDCARDS_PER_SELECTOR = 1;
export const MAX_WILDCARDS_PER_PATTERN = 3;
/** Our own bound on parenthesis nesting, so a hostile pattern cannot exhaust the stack. */
const MAX_DEPTH = 64;

const ALL: FilterAst = Object.freeze({ kind: 'all' });

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const FIELD_NAME = /^[A-Za-z0-9_]+$/;

function isWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

/** Characters of an unquoted value in JSON and space-delimited conditions (`123.123.*`, `4*`, `-1.5e3`). */
function isValueChar(code: number): boolean {
  return isWordChar(code) || code === 46 || code === 42 || code === 43 || code === 45; // . * + -
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 11 || code === 12;
}

/**
 * The text AWS quotes for an unexpected character: the character itself (a whole code point), and for the
 * first half of a two-character operator (`!=`, `&&`, `||`) the character after it too, as in `'!('`.
 */
function badCharAt(s: string, i: number): FilterPatternError {
  const ch = String.fromCodePoint(s.codePointAt(i)!);
  if ((ch === '!' || ch === '&' || ch === '|') && i + 1 < s.length && !isSpace(s.charCodeAt(i + 1))) {
    return invalidTerm(ch + String.fromCodePoint(s.codePointAt(i + 1)!));
  }
  return invalidTerm(ch);
}

/** Reads a quoted string whose opening quote is at `s[i]`; `\"` and `\\` are escapes. Returns [text, next]. */
function readQuoted(s: string, i: number): [string, number] {
  let out = '';
  let k = i + 1;
  for (;;) {
    if (k >= s.length) throw new FilterPatternError();
    const c = s[k]!;
    if (c === '"') return [out, k + 1];
    if (c === '\\' && (s[k + 1] === '"' || s[k + 1] === '\\')) {
      out += s[k + 1];
      k += 2;
    } else {
      out += c;
      k++;
    }
  }
}

/** Reads `%regex%` whose opening percent sign is at `s[i]`, validating the regex. Returns [source, next]. */
function readRegex(s: string, i: number): [string, number] {
  const close = s.indexOf('%', i + 1);
  if (close < 0) throw new FilterPatternError();
  const source = s.slice(i + 1, close);
  validateRegex(source);
  return [source, close + 1];
}

/**
 * Parses a CloudWatch Logs filter pattern. Throws `FilterPatternError` (an `InvalidParameterException` with
 * AWS's wording) for every malformed pattern, and nothing else.
 */
export function parseFilterPattern(text: string): FilterAst {
  if (typeof text !== 'string') throw new FilterPatternError();
  const p = text.trim();
  if (p === '') return ALL;
  if (p[0] === '{') {
    if (p.length < 2 || p[p.length - 1] !== '}') {
      throw new FilterPatternError("If a filter pattern starts with '{' it must end with '}'");
    }
    return parseJson(p.slice(1, -1));
  }
  if (p[0] === '[') {
    if (p.length < 2 || p[p.length - 1] !== ']') {
      throw new FilterPatternError("If a filter pattern starts with '[' it must end with ']'");
    }
    return parseDelimited(p.slice(1, -1));
  }
  return parseTerms(p);
}

// ---------------------------------------------------------------------------------------------------------------
// Unstructured terms

function parseTerms(s: string): FilterAst {
  const include: Term[] = [];
  const exclude: Term[] = [];
  const optional: Term[] = [];
  let regexes = 0;
  let i = 0;
  const n = s.length;
  for (;;) {
    while (i < n && isSpace(s.charCodeAt(i))) i++;
    if (i >= n) break;
    let into = include;
    const mod = s[i];
    if (mod === '?' || mod === '-') {
      into = mod === '?' ? optional : exclude;
      i++;
      // The guide writes `"ERROR" - "Exiting"`, so a space may follow the operator.
      while (i < n && isSpace(s.charCodeAt(i))) i++;
      if (i >= n || s[i] === '?' || s[i] === '-') throw new FilterPatternError();
    }
    const c = s.charCodeAt(i);
    if (c === 34 /* " */) {
      const [phrase, next] = readQuoted(s, i);
      i = next;
      // A blank phrase (`" "`) asks for nothing, which is how the guide's match-everything pattern works.
      if (phrase.trim() !== '') into.push({ type: 'text', text: phrase });
    } else if (c === 37 /* % */) {
      const [source, next] = readRegex(s, i);
      i = next;
      regexes++;
      into.push({ type: 'regex', source });
    } else if (isWordChar(c)) {
      const start = i;
      while (i < n && isWordChar(s.charCodeAt(i))) i++;
      into.push({ type: 'text', text: s.slice(start, i) });
    } else {
      throw badCharAt(s, i);
    }
  }
  if (regexes > MAX_REGEX_PER_PATTERN) throw new FilterPatternError();
  if (include.length + exclude.length + optional.length === 0) return ALL;
  const ast: TermsAst = { kind: 'terms', include, exclude, optional };
  return ast;
}

// ---------------------------------------------------------------------------------------------------------------
// Tokens shared by JSON and space-delimited patterns

type TokType = '(' | ')' | '&&' | '||' | CompareOp | ',' | '...' | 'selector' | 'string' | 'regex' | 'word' | 'eof';

interface Token {
  type: TokType;
  text: string;
  selector?: Selector;
}

function tokenize(s: string, mode: 'json' | 'delimited'): Token[] {
  const out: Token[] = [];
  const n = s.length;
  let i = 0;
  while (i < n) {
    const c = s[i]!;
    const code = s.charCodeAt(i);
    if (isSpace(code)) {
      i++;
      continue;
    }
    const two = s.slice(i, i + 2);
    if (two === '&&' || two === '||' || two === '!=' || two === '<=' || two === '>=') {
      out.push({ type: two, text: two });
      i += 2;
    } else if (c === '(' || c === ')' || c === '=' || c === '<' || c === '>') {
      out.push({ type: c, text: c });
      i++;
    } else if (c === ',' && mode === 'delimited') {
      out.push({ type: ',', text: c });
      i++;
    } else if (c === '"') {
      const [text, next] = readQuoted(s, i);
      out.push({ type: 'string', text });
      i = next;
    } else if (c === '%') {
      const [text, next] = readRegex(s, i);
      out.push({ type: 'regex', text });
      i = next;
    } else if (c === '$' && mode === 'json') {
      const [selector, next] = readSelector(s, i);
      out.push({ type: 'selector', text: selector.text, selector });
      i = next;
    } else if (isValueChar(code)) {
      const start = i;
      while (i < n && isValueChar(s.charCodeAt(i))) i++;
      const text = s.slice(start, i);
      out.push({ type: text === '...' && mode === 'delimited' ? '...' : 'word', text });
    } else {
      throw badCharAt(s, i);
    }
  }
  out.push({ type: 'eof', text: '' });
  return out;
}

/**
 * Reads a property selector starting at the `$` at `s[start]`: `.name` (letters, digits, `_`, `-`), `[N]`,
 * and the wildcards `.*` and `[*]`. A character that cannot continue it is reported with the selector so far,
 * as AWS does (`{ $."sc-status" = 5* }` gives `Invalid character(s) in term '$."'`).
 */
function readSelector(s: string, start: number): [Selector, number] {
  const path: PathSegment[] = [];
  let i = start + 1;
  const fail = (at: number): FilterPatternError =>
    invalidTerm(s.slice(start, at) + (at < s.length ? String.fromCodePoint(s.codePointAt(at)!) : ''));
  for (;;) {
    const c = s[i];
    if (c === '.') {
      i++;
      if (s[i] === '*') {
        path.push({ type: 'wildcard' });
        i++;
        continue;
      }
      const nameStart = i;
      while (i < s.length && (isWordChar(s.charCodeAt(i)) || s[i] === '-')) i++;
      if (i === nameStart) throw fail(i);
      path.push({ type: 'key', name: s.slice(nameStart, i) });
    } else if (c === '[') {
      i++;
      if (s[i] === '*') {
        i++;
        path.push({ type: 'wildcard' });
      } else {
        const digitsStart = i;
        while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
        if (i === digitsStart || i - digitsStart > 9) throw fail(i);
        path.push({ type: 'index', index: Number(s.slice(digitsStart, i)) });
      }
      if (s[i] !== ']') throw fail(i);
      i++;
    } else {
      break;
    }
  }
  if (path.length === 0) throw new FilterPatternError();
  const wildcards = path.filter((seg) => seg.type === 'wildcard').length;
  if (wildcards > MAX_WILDCARDS_PER_SELECTOR) throw new FilterPatternError();
  return [{ text: s.slice(start, i), path }, i];
}

class TokenStream {
  private pos = 0;
  constructor(private readonly toks: Token[]) {}
  peek(): Token {
    return this.toks[this.pos]!;
  }
  next(): Token {
    const t = this.toks[this.pos]!;
    if (t.type !== 'eof') this.pos++;
    return t;
  }
  expect(type: TokType): Token {
    const t = this.next();
    if (t.type !== type) throw new FilterPatternError();
    return t;
  }
}

const COMPARE_OPS: ReadonlySet<TokType> = new Set<TokType>(['=', '!=', '<', '<=', '>', '>=']);

/** Reads the value after a comparison operator and checks it suits the operator. */
function readValue(ts: TokenStream, op: CompareOp, counts: { regexes: number }): Value {
  const t = ts.next();
  let value: Value;
  if (t.type === 'string') {
    value = { type: 'string', text: t.text, quoted: true };
  } else if (t.type === 'regex') {
    counts.regexes++;
    value = { type: 'regex', source: t.text };
  } else if (t.type === 'word') {
    value = NUMBER.test(t.text)
      ? { type: 'number', text: t.text, value: Number(t.text) }
      : { type: 'string', text: t.text, quoted: false };
  } else {
    throw new FilterPatternError();
  }
  const ordering = op !== '=' && op !== '!=';
  if (ordering && value.type !== 'number') throw new FilterPatternError();
  return value;
}

// ---------------------------------------------------------------------------------------------------------------
// JSON patterns

function parseJson(body: string): JsonAst {
  const ts = new TokenStream(tokenize(body, 'json'));
  const counts = { regexes: 0, wildcards: 0 };

  const condition = (): JsonExpr => {
    const t = ts.next();
    if (t.type !== 'selector') throw new FilterPatternError();
    const selector = t.selector!;
    counts.wildcards += selector.path.filter((seg) => seg.type === 'wildcard').length;
    const op = ts.next();
    if (op.type === 'word') {
      const kw = op.text.toUpperCase();
      const arg = ts.next();
      const what = arg.type === 'word' ? arg.text.toUpperCase() : '';
      if (kw === 'IS' && (what === 'NULL' || what === 'TRUE' || what === 'FALSE')) {
        return { type: 'is', selector, what };
      }
      if (kw === 'NOT' && what === 'EXISTS') return { type: 'notExists', selector };
      throw new FilterPatternError();
    }
    if (!COMPARE_OPS.has(op.type)) throw new FilterPatternError();
    const cmp = op.type as CompareOp;
    return { type: 'compare', selector, op: cmp, value: readValue(ts, cmp, counts) };
  };

  const primary = (depth: number): JsonExpr => {
    if (ts.peek().type === '(') {
      if (depth >= MAX_DEPTH) throw new FilterPatternError();
      ts.next();
      const e = or(depth + 1);
      ts.expect(')');
      return e;
    }
    return condition();
  };
  const and = (depth: number): JsonExpr => {
    const items = [primary(depth)];
    while (ts.peek().type === '&&') {
      ts.next();
      items.push(primary(depth));
    }
    return items.length === 1 ? items[0]! : { type: 'and', items };
  };
  const or = (depth: number): JsonExpr => {
    const items = [and(depth)];
    while (ts.peek().type === '||') {
      ts.next();
      items.push(and(depth));
    }
    return items.length === 1 ? items[0]! : { type: 'or', items };
  };

  const expr = or(0);
  ts.expect('eof');
  if (counts.regexes > MAX_REGEX_PER_PATTERN || counts.wildcards > MAX_WILDCARDS_PER_PATTERN) {
    throw new FilterPatternError();
  }
  return { kind: 'json', expr };
}

// ---------------------------------------------------------------------------------------------------------------
// Space-delimited patterns

function parseDelimited(body: string): DelimitedAst {
  // `[]` names no field at all; like `[...]` it accepts any event.
  if (body.trim() === '') return { kind: 'delimited', fields: [], ellipsisAt: 0 };
  const ts = new TokenStream(tokenize(body, 'delimited'));
  const counts = { regexes: 0 };
  const fields: DelimitedField[] = [];
  const names = new Set<string>();
  let ellipsisAt = -1;

  for (;;) {
    const t = ts.peek();
    if (t.type === ',' || t.type === 'eof') {
      fields.push({ name: null, cond: null });
    } else if (t.type === '...') {
      if (ellipsisAt !== -1) throw new FilterPatternError();
      ts.next();
      ellipsisAt = fields.length;
    } else {
      const field = readField(ts, counts);
      if (names.has(field.name!)) throw new FilterPatternError();
      names.add(field.name!);
      fields.push(field);
    }
    const sep = ts.next();
    if (sep.type === 'eof') break;
    if (sep.type !== ',') throw new FilterPatternError();
  }
  if (counts.regexes > MAX_REGEX_PER_PATTERN) throw new FilterPatternError();
  return { kind: 'delimited', fields, ellipsisAt };
}

/**
 * One entry: a field name, optionally with conditions joined by `&&`/`||`. Every condition in an entry names
 * that entry's field; AWS rejects `status_code = 4* && bytes > 1000` inside one entry.
 */
function readField(ts: TokenStream, counts: { regexes: number }): DelimitedField {
  let name: string | null = null;
  let bare = false;

  const atom = (): FieldExpr | null => {
    const t = ts.next();
    if (t.type !== 'word' || !FIELD_NAME.test(t.text)) throw new FilterPatternError();
    if (name === null) name = t.text;
    else if (name !== t.text) throw new FilterPatternError();
    const op = ts.peek();
    if (!COMPARE_OPS.has(op.type)) {
      bare = true;
      return null;
    }
    ts.next();
    const cmp = op.type as CompareOp;
    return { type: 'compare', op: cmp, value: readValue(ts, cmp, counts) };
  };
  const primary = (depth: number): FieldExpr | null => {
    if (ts.peek().type === '(') {
      if (depth >= MAX_DEPTH) throw new FilterPatternError();
      ts.next();
      const e = or(depth + 1);
      ts.expect(')');
      return e;
    }
    return atom();
  };
  const and = (depth: number): FieldExpr | null => {
    const items = [primary(depth)];
    while (ts.peek().type === '&&') {
      ts.next();
      items.push(primary(depth));
    }
    return combine('and', items);
  };
  const or = (depth: number): FieldExpr | null => {
    const items = [and(depth)];
    while (ts.peek().type === '||') {
      ts.next();
      items.push(and(depth));
    }
    return combine('or', items);
  };
  // A bare name inside a compound condition (`a && a = 1`) means nothing; only a lone name may go without one.
  const combine = (type: 'and' | 'or', items: (FieldExpr | null)[]): FieldExpr | null => {
    if (items.length === 1) return items[0]!;
    if (items.some((it) => it === null)) throw new FilterPatternError();
    return { type, items: items as FieldExpr[] };
  };

  const cond = or(0);
  if (cond !== null && bare) throw new FilterPatternError();
  return { name, cond };
}
