import type { DelimitedAst, FieldExpr, FilterAst, JsonExpr, Selector, Term, TermsAst, Value } from './ast.js';
import { compileRegex } from './regex.js';

/** A compiled filter: true when the message matches. Never throws. */
export type FilterMatcher = (message: string) => boolean;

/** Values a matching event yields for metric filters, keyed `$name`/`$N` (space-delimited) or `$.path` (JSON). */
export type ExtractedFields = Record<string, string>;

/** Compiles a parsed pattern into a matcher. */
export function compileFilter(ast: FilterAst): FilterMatcher {
  switch (ast.kind) {
    case 'all':
      return () => true;
    case 'terms':
      return compileTerms(ast);
    case 'json': {
      const test = compileJsonExpr(ast.expr);
      const prefilter = jsonPrefilter(ast.expr);
      return (message) => {
        if (prefilter !== null && !prefilter(message)) return false;
        const root = parseJsonEvent(message);
        return root !== NOT_JSON && test(root);
      };
    }
    case 'delimited': {
      const extractor = compileDelimited(ast);
      return (message) => extractor(message, false) !== null;
    }
  }
}

/**
 * Compiles a parsed pattern into a function giving the extracted values of a matching event, or null when the
 * event does not match. Terms patterns extract nothing (an empty object on a match).
 */
export function compileExtractor(ast: FilterAst): (message: string) => ExtractedFields | null {
  switch (ast.kind) {
    case 'all':
    case 'terms': {
      const match = compileFilter(ast);
      return (message) => (match(message) ? {} : null);
    }
    case 'json': {
      const test = compileJsonExpr(ast.expr);
      const selectors = new Map<string, Selector>();
      collectSelectors(ast.expr, selectors);
      return (message) => {
        const root = parseJsonEvent(message);
        if (root === NOT_JSON || !test(root)) return null;
        const out: ExtractedFields = {};
        for (const [text, sel] of selectors) {
          const v = firstScalar(root, sel);
          if (v !== undefined) out[text] = v;
        }
        return out;
      };
    }
    case 'delimited': {
      const extractor = compileDelimited(ast);
      return (message) => extractor(message, true);
    }
  }
}

/** One-off convenience over `compileExtractor`. */
export function extractFields(ast: FilterAst, message: string): ExtractedFields | null {
  return compileExtractor(ast)(message);
}

// ---------------------------------------------------------------------------------------------------------------
// Terms

function termTest(term: Term): FilterMatcher {
  if (term.type === 'regex') {
    const re = compileRegex(term.source);
    return (m) => re.test(m);
  }
  const text = term.text;
  return (m) => m.indexOf(text) !== -1;
}

function compileTerms(ast: TermsAst): FilterMatcher {
  // `?term`s count only when they are the whole pattern; next to required or excluded terms AWS ignores them.
  if (ast.include.length === 0 && ast.exclude.length === 0) {
    const any = ast.optional.map(termTest);
    if (any.length === 1) return any[0]!;
    return (m) => {
      for (let i = 0; i < any.length; i++) if (any[i]!(m)) return true;
      return false;
    };
  }
  const inc = ast.include;
  const exc = ast.exclude;
  // The common case, one plain word: a bare indexOf, nothing else per message.
  if (inc.length === 1 && exc.length === 0 && inc[0]!.type === 'text') {
    const text = inc[0]!.text;
    return (m) => m.indexOf(text) !== -1;
  }
  const must = inc.map(termTest);
  const mustNot = exc.map(termTest);
  return (m) => {
    for (let i = 0; i < must.length; i++) if (!must[i]!(m)) return false;
    for (let i = 0; i < mustNot.length; i++) if (mustNot[i]!(m)) return false;
    return true;
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Values

/** Tests a value's text; `num` is given for JSON numbers, otherwise the text is read as a number when needed. */
type ValueTest = (text: string, num?: number) => boolean;

/**
 * A string value with `*` wildcards: a leading `*` allows any text before, a trailing one any text after. The
 * guide: `*Event` matches `PutEvent`, `Event*` matches `EventId`, and `Ev*ent` only the literal `Ev*ent`.
 */
function wildcardTest(pattern: string): (text: string) => boolean {
  let body = pattern;
  let anyBefore = false;
  let anyAfter = false;
  if (body.startsWith('*')) {
    anyBefore = true;
    body = body.replace(/^\*+/, '');
  }
  if (body.endsWith('*')) {
    anyAfter = true;
    body = body.replace(/\*+$/, '');
  }
  if (anyBefore && anyAfter) return (t) => t.indexOf(body) !== -1;
  if (anyBefore) return (t) => t.endsWith(body);
  if (anyAfter) return (t) => t.startsWith(body);
  return (t) => t === body;
}

function parseNumber(text: string): number | undefined {
  if (text.length === 0 || text.length > 64) return undefined;
  const c = text.charCodeAt(0);
  // Number('') is 0 and Number(' 1') is 1: only plain numeric text counts.
  if (!((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46)) return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

/** Whether `text` (with `num`, its numeric reading if any) satisfies `op value`. */
function compileValueTest(op: string, value: Value): ValueTest {
  if (value.type === 'regex') {
    const re = compileRegex(value.source);
    return op === '=' ? (t) => re.test(t) : (t) => !re.test(t);
  }
  if (value.type === 'number') {
    const v = value.value;
    const text = value.text;
    switch (op) {
      case '=':
        return (t, n = parseNumber(t)) => (n !== undefined ? n === v : t === text);
      case '!=':
        return (t, n = parseNumber(t)) => (n !== undefined ? n !== v : t !== text);
      case '<':
        return (t, n = parseNumber(t)) => n !== undefined && n < v;
      case '<=':
        return (t, n = parseNumber(t)) => n !== undefined && n <= v;
      case '>':
        return (t, n = parseNumber(t)) => n !== undefined && n > v;
      default:
        return (t, n = parseNumber(t)) => n !== undefined && n >= v;
    }
  }
  const w = wildcardTest(value.text);
  return op === '=' ? (t) => w(t) : (t) => !w(t);
}

// ---------------------------------------------------------------------------------------------------------------
// JSON

const NOT_JSON: unique symbol = Symbol('not JSON');

/** Parses the event once, and only when it looks like JSON (an object or array). */
function parseJsonEvent(message: string): unknown {
  let i = 0;
  const n = message.length;
  while (i < n && message.charCodeAt(i) <= 32) i++;
  const c = message.charCodeAt(i);
  if (c !== 123 /* { */ && c !== 91 /* [ */) return NOT_JSON;
  try {
    return JSON.parse(message);
  } catch {
    return NOT_JSON;
  }
}

/** Every node the selector points at (several with a wildcard, none when the path is absent). */
function resolve(root: unknown, sel: Selector): unknown[] {
  let nodes: unknown[] = [root];
  for (const seg of sel.path) {
    const out: unknown[] = [];
    for (const node of nodes) {
      if (node === null || typeof node !== 'object') continue;
      if (seg.type === 'key') {
        if (!Array.isArray(node) && Object.prototype.hasOwnProperty.call(node, seg.name)) {
          out.push((node as Record<string, unknown>)[seg.name]);
        }
      } else if (seg.type === 'index') {
        if (Array.isArray(node) && seg.index < node.length) out.push(node[seg.index]);
      } else if (Array.isArray(node)) {
        for (const v of node) out.push(v);
      } else {
        for (const k of Object.keys(node)) out.push((node as Record<string, unknown>)[k]);
      }
    }
    if (out.length === 0) return out;
    nodes = out;
  }
  return nodes;
}

/**
 * The text and number a JSON node compares as. Only value nodes compare: the guide says a selector pointing
 * at an object or array matches neither `=` nor `!=`, and a missing property matches nothing either.
 */
function scalarOf(node: unknown): [string, number | undefined] | undefined {
  switch (typeof node) {
    case 'string':
      return [node, undefined];
    case 'number':
      return [String(node), node];
    case 'boolean':
      return [node ? 'true' : 'false', undefined];
    default:
      return undefined;
  }
}

function firstScalar(root: unknown, sel: Selector): string | undefined {
  for (const node of resolve(root, sel)) {
    const s = scalarOf(node);
    if (s !== undefined) return s[0];
  }
  return undefined;
}

function compileJsonExpr(expr: JsonExpr): (root: unknown) => boolean {
  switch (expr.type) {
    case 'and': {
      const items = expr.items.map(compileJsonExpr);
      return (root) => items.every((f) => f(root));
    }
    case 'or': {
      const items = expr.items.map(compileJsonExpr);
      return (root) => items.some((f) => f(root));
    }
    case 'notExists': {
      const sel = expr.selector;
      return (root) => resolve(root, sel).length === 0;
    }
    case 'is': {
      const sel = expr.selector;
      const want = expr.what === 'NULL' ? null : expr.what === 'TRUE';
      return (root) => resolve(root, sel).some((node) => node === want);
    }
    case 'compare': {
      const sel = expr.selector;
      const test = compileValueTest(expr.op, expr.value);
      return (root) =>
        resolve(root, sel).some((node) => {
          const s = scalarOf(node);
          return s !== undefined && test(s[0], s[1]);
        });
    }
  }
}

function collectSelectors(expr: JsonExpr, into: Map<string, Selector>): void {
  if (expr.type === 'and' || expr.type === 'or') {
    for (const it of expr.items) collectSelectors(it, into);
  } else if (!into.has(expr.selector.text)) {
    into.set(expr.selector.text, expr.selector);
  }
}

/**
 * Text a matching event must contain, checked with `indexOf` before paying for `JSON.parse`: the quoted names of
 * properties compared in the top-level conjunction, and plain string values they must equal. JSON may spell any
 * character as a `\u` escape, so the shortcut only rejects events without a backslash.
 */
function jsonPrefilter(expr: JsonExpr): ((message: string) => boolean) | null {
  const needles = new Set<string>();
  const conjuncts = expr.type === 'and' ? expr.items : [expr];
  for (const c of conjuncts) {
    if (c.type !== 'compare' && c.type !== 'is') continue;
    for (const seg of c.selector.path) {
      if (seg.type === 'key') needles.add(JSON.stringify(seg.name));
    }
    if (c.type === 'compare' && c.op === '=' && c.value.type === 'string') {
      const core = c.value.text.replace(/^\*+/, '').replace(/\*+$/, '');
      if (core.length > 0 && !/["\\]/.test(core) && !/[\u0000-\u001f]/.test(core)) needles.add(core);
    }
  }
  if (needles.size === 0) return null;
  const list = [...needles];
  return (message) => {
    if (message.indexOf('\\') !== -1) return true;
    for (let i = 0; i < list.length; i++) if (message.indexOf(list[i]!) === -1) return false;
    return true;
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Space-delimited

/**
 * Finds the fields of a message: runs of non-blank characters, except that text between double quotes or square
 * brackets is one field without its delimiters (an unclosed one runs to the end). Records offsets only, so
 * fields nobody looks at cost no allocation; written by hand because a regex split would allocate per event.
 * Stops once `limit` fields are found, returning `limit + 1` to say "more than that".
 */
function fieldOffsets(message: string, starts: Int32Array, ends: Int32Array, limit: number): number {
  const n = message.length;
  let count = 0;
  let i = 0;
  for (;;) {
    while (i < n && isBlank(message.charCodeAt(i))) i++;
    if (i >= n) return count;
    if (count === limit) return limit + 1;
    const c = message.charCodeAt(i);
    if (c === 34 /* " */ || c === 91 /* [ */) {
      const close = message.indexOf(c === 34 ? '"' : ']', i + 1);
      starts[count] = i + 1;
      ends[count++] = close === -1 ? n : close;
      i = close === -1 ? n : close + 1;
    } else {
      let end = i + 1;
      while (end < n && !isBlank(message.charCodeAt(end))) end++;
      starts[count] = i;
      ends[count++] = end;
      i = end;
    }
  }
}

/** Offsets for at most this many fields are kept; an event with more is split again with room for all. */
const OFFSET_ROOM = 64;

/**
 * Splits a message into its space-delimited fields (see `fieldOffsets`) into `out`. Returns the number of
 * fields, or `limit + 1` when there are more than `limit`.
 */
export function splitFields(message: string, out: string[], limit: number): number {
  let room = Math.min(limit, OFFSET_ROOM);
  for (;;) {
    const starts = new Int32Array(room);
    const ends = new Int32Array(room);
    const count = fieldOffsets(message, starts, ends, room);
    if (count <= room || room >= limit) {
      const kept = Math.min(count, room);
      for (let k = 0; k < kept; k++) out[k] = message.slice(starts[k]!, ends[k]!);
      return count > room ? limit + 1 : count;
    }
    room = Math.min(limit, room * 4);
  }
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

function compileFieldExpr(expr: FieldExpr): ValueTest {
  switch (expr.type) {
    case 'and': {
      const items = expr.items.map(compileFieldExpr);
      return (t, n) => items.every((f) => f(t, n));
    }
    case 'or': {
      const items = expr.items.map(compileFieldExpr);
      return (t, n) => items.some((f) => f(t, n));
    }
    case 'compare':
      return compileValueTest(expr.op, expr.value);
  }
}

/** Returns a function giving the extracted fields (or `{}` when `extract` is false) of a match, else null. */
function compileDelimited(ast: DelimitedAst): (message: string, extract: boolean) => ExtractedFields | null {
  const fields = ast.fields;
  const hasEllipsis = ast.ellipsisAt !== -1;
  const before = hasEllipsis ? ast.ellipsisAt : fields.length;
  const after = fields.length - before;
  const tests = fields.map((f) => (f.cond ? compileFieldExpr(f.cond) : null));
  const names = fields.map((f) => f.name);
  const checks: number[] = [];
  tests.forEach((t, k) => {
    if (t) checks.push(k);
  });
  // Without an ellipsis the event must have exactly as many fields as the pattern: stop splitting past that.
  const limit = hasEllipsis ? Number.MAX_SAFE_INTEGER : fields.length;
  let room = hasEllipsis ? OFFSET_ROOM : fields.length;
  let starts = new Int32Array(room);
  let ends = new Int32Array(room);

  return (message, extract) => {
    let count = fieldOffsets(message, starts, ends, Math.min(room, limit));
    while (count > room && room < limit) {
      // More fields than offsets kept (only with an ellipsis): grow and split again.
      room *= 4;
      starts = new Int32Array(room);
      ends = new Int32Array(room);
      count = fieldOffsets(message, starts, ends, room);
    }
    if (hasEllipsis ? count < fields.length : count !== fields.length) return null;
    for (const k of checks) {
      const at = k < before ? k : count - after + (k - before);
      if (!tests[k]!(message.slice(starts[at]!, ends[at]!))) return null;
    }
    if (!extract) return {};
    const out: ExtractedFields = {};
    for (let pos = 0; pos < count; pos++) {
      const k = pos < before ? pos : pos >= count - after ? before + pos - (count - after) : -1;
      const name = k === -1 ? null : names[k];
      out[name ? `$${name}` : `$${pos + 1}`] = message.slice(starts[pos]!, ends[pos]!);
    }
    return out;
  };
}
