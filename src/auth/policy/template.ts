import type { ContextIndex } from './context.js';

/**
 * Policy strings with `${…}` variables and `*`/`?` wildcards. AWS's rules (IAM user guide, "Variables and tags"):
 * `${key}` is replaced by the request's single value for `key` (key names case-insensitive); `${key, 'default'}` falls
 * back to a literal default (`''` inside it is one quote); `${*}`, `${?}` and `${$}` are the literal characters; a
 * variable with no value and no default matches nothing. Substituted text is literal, never a wildcard. Only policies
 * with `"Version": "2012-10-17"` have variables; older ones read `${…}` as plain text.
 */
export type TemplatePart =
  | { kind: 'text'; text: string }
  | { kind: 'literal'; text: string }
  | { kind: 'var'; key: string; fallback: string | null };

export interface Template {
  parts: TemplatePart[];
  /** True when some part is a variable (the string must be resolved per request). */
  dynamic: boolean;
}

const VAR_WITH_DEFAULT = /^([^,'\s]+)\s*,\s*'((?:[^']|'')*)'$/;
const VAR_PLAIN = /^[^,'\s{}$]+$/;

/** Splits a policy string into text, literal characters and variables. */
export function parseTemplate(source: string, variables: boolean): Template {
  if (!variables || !source.includes('${')) return { parts: [{ kind: 'text', text: source }], dynamic: false };
  const parts: TemplatePart[] = [];
  let text = '';
  let i = 0;
  let dynamic = false;
  const flush = (): void => {
    if (text) parts.push({ kind: 'text', text });
    text = '';
  };
  while (i < source.length) {
    if (source.startsWith('${', i)) {
      // Find the closing brace outside a quoted default.
      let j = i + 2;
      let quoted = false;
      while (j < source.length && (quoted || source[j] !== '}')) {
        if (source[j] === "'") quoted = !quoted;
        j++;
      }
      if (j < source.length) {
        const inner = source.slice(i + 2, j).trim();
        const withDefault = VAR_WITH_DEFAULT.exec(inner);
        if (inner === '*' || inner === '?' || inner === '$') {
          flush();
          parts.push({ kind: 'literal', text: inner });
          i = j + 1;
          continue;
        }
        if (withDefault) {
          flush();
          parts.push({ kind: 'var', key: withDefault[1]!.toLowerCase(), fallback: withDefault[2]!.replace(/''/g, "'") });
          dynamic = true;
          i = j + 1;
          continue;
        }
        if (VAR_PLAIN.test(inner)) {
          flush();
          parts.push({ kind: 'var', key: inner.toLowerCase(), fallback: null });
          dynamic = true;
          i = j + 1;
          continue;
        }
      }
    }
    text += source[i];
    i++;
  }
  flush();
  return { parts, dynamic };
}

/** The variable values of a dynamic template, or null when one has no value and no default. */
export function resolveVariables(t: Template, ctx: ContextIndex | null): string[] | null {
  const out: string[] = [];
  for (const p of t.parts) {
    if (p.kind !== 'var') continue;
    const v = ctx?.variable(p.key) ?? null;
    if (v !== null) out.push(v);
    else if (p.fallback !== null) out.push(p.fallback);
    else return null;
  }
  return out;
}

/** The plain string of a template once its variables are known (wildcards kept as written). */
export function renderTemplate(t: Template, values: readonly string[]): string {
  let s = '';
  let vi = 0;
  for (const p of t.parts) s += p.kind === 'var' ? values[vi++]! : p.text;
  return s;
}

/**
 * How `*` and `?` behave. `plain` (Action, StringLike, one ARN component): `*` is any run of characters. `resource`
 * (the Resource element): wildcards stay inside one colon-separated segment, except a `*` that ends a segment, which
 * may run past colons (IAM user guide, "Using wildcards in resource ARNs").
 */
export type GlobMode = 'plain' | 'resource';

interface Token {
  c: string;
  wild: boolean;
}

function tokens(t: Template, values: readonly string[]): Token[] {
  const out: Token[] = [];
  let vi = 0;
  for (const p of t.parts) {
    const text = p.kind === 'var' ? values[vi++]! : p.text;
    const wild = p.kind === 'text';
    for (const c of text) out.push({ c, wild: wild && (c === '*' || c === '?') });
  }
  return out;
}

const REGEX_SPECIAL = /[.*+?^${}()|[\]\\/]/g;

function regexSource(toks: Token[], mode: GlobMode): string {
  let src = '';
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (!t.wild) {
      src += t.c.replace(REGEX_SPECIAL, '\\$&');
    } else if (t.c === '*') {
      const next = toks[i + 1];
      src += mode === 'plain' || next === undefined || (!next.wild && next.c === ':') ? '.*' : '[^:]*';
    } else {
      src += mode === 'plain' ? '.' : '[^:]';
    }
  }
  return src;
}

/** A static pattern split for the fastest test: match-all, exact string, or a regular-expression source. */
type StaticForm = { kind: 'all' } | { kind: 'exact'; value: string } | { kind: 'regex'; source: string };

function staticForm(t: Template, mode: GlobMode): StaticForm {
  const toks = tokens(t, []);
  if (!toks.some((x) => x.wild)) return { kind: 'exact', value: toks.map((x) => x.c).join('') };
  if (toks.length === 1 && toks[0]!.c === '*') return { kind: 'all' };
  return { kind: 'regex', source: regexSource(toks, mode) };
}

const DYNAMIC_CACHE_MAX = 256;

/**
 * A set of glob patterns tested as one (OR). Static patterns are compiled once into a Set of exact strings plus one
 * alternation RegExp; patterns with variables are compiled per distinct set of variable values and cached.
 * A hand-written matcher was not used: V8's RegExp engine is faster than one in JavaScript for these short patterns.
 */
export class PatternSet {
  private readonly all: boolean;
  private readonly exact: Set<string>;
  private readonly regex: RegExp | null;
  private readonly dynamic: { template: Template; cache: Map<string, RegExp> }[];
  private readonly flags: string;

  constructor(
    patterns: readonly string[],
    private readonly opts: { mode: GlobMode; ignoreCase: boolean; variables: boolean },
  ) {
    this.flags = opts.ignoreCase ? 'si' : 's';
    let all = false;
    this.exact = new Set();
    const sources: string[] = [];
    this.dynamic = [];
    for (const p of patterns) {
      const t = parseTemplate(p, opts.variables);
      if (t.dynamic) {
        this.dynamic.push({ template: t, cache: new Map() });
        continue;
      }
      const f = staticForm(t, opts.mode);
      if (f.kind === 'all') all = true;
      else if (f.kind === 'exact') this.exact.add(opts.ignoreCase ? f.value.toLowerCase() : f.value);
      else sources.push(f.source);
    }
    this.all = all;
    this.regex = sources.length ? new RegExp(`^(?:${sources.join('|')})$`, this.flags) : null;
  }

  /** True when no pattern can ever match (an empty set). */
  get empty(): boolean {
    return !this.all && this.exact.size === 0 && !this.regex && this.dynamic.length === 0;
  }

  test(value: string, ctx: ContextIndex | null): boolean {
    if (this.all) return true;
    if (this.exact.size && this.exact.has(this.opts.ignoreCase ? value.toLowerCase() : value)) return true;
    if (this.regex && this.regex.test(value)) return true;
    for (const d of this.dynamic) {
      const values = resolveVariables(d.template, ctx);
      if (values === null) continue;
      const key = values.join('\u0000');
      let re = d.cache.get(key);
      if (!re) {
        re = new RegExp(`^${regexSource(tokens(d.template, values), this.opts.mode)}$`, this.flags);
        if (d.cache.size >= DYNAMIC_CACHE_MAX) d.cache.clear();
        d.cache.set(key, re);
      }
      if (re.test(value)) return true;
    }
    return false;
  }
}
