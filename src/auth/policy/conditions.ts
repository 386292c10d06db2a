import { BlockList, isIP } from 'node:net';
import { scalarToString, type ContextIndex } from './context.js';
import { PatternSet, parseTemplate, renderTemplate, resolveVariables, type Template } from './template.js';
import type { BaseOperator, ConditionClause, ContextScalar, SetQualifier } from './types.js';

/**
 * Condition operators, compiled. Every policy value is parsed here (numbers, dates, CIDRs, base64, globs), so that
 * evaluation only converts the request's values. Semantics follow the IAM user guide ("Condition operators",
 * "Conditions with multiple context keys or values", "Single-valued vs. multivalued context keys"):
 *  - several values for one key OR; a negated operator NORs them (it is the negation of its positive form);
 *  - a missing key makes a positive operator false and a negated one true; `…IfExists` makes it true;
 *  - `ForAnyValue:` is true when some request value matches (false when the key is missing or empty);
 *    `ForAllValues:` is true when every request value matches (true when the key is missing or empty);
 *  - `Null` is true when the key's presence is what the value ("true" = absent) says.
 */

/** Tests one request value against all of a clause's policy values under the positive form of the operator. */
type ValueTest = (value: ContextScalar, ctx: ContextIndex) => boolean;

export interface CompiledCondition {
  /** The condition key, lowercased for the case-insensitive lookup. */
  key: string;
  qualifier: SetQualifier | null;
  ifExists: boolean;
  negated: boolean;
  /** For `Null`: which presences satisfy it (from "true"/"false" values). */
  nullWants: { absent: boolean; present: boolean } | null;
  test: ValueTest;
}

const NEGATED: Partial<Record<BaseOperator, BaseOperator>> = {
  StringNotEquals: 'StringEquals',
  StringNotEqualsIgnoreCase: 'StringEqualsIgnoreCase',
  StringNotLike: 'StringLike',
  NumericNotEquals: 'NumericEquals',
  DateNotEquals: 'DateEquals',
  NotIpAddress: 'IpAddress',
  ArnNotEquals: 'ArnEquals',
  ArnNotLike: 'ArnLike',
};

const never: ValueTest = () => false;

// ---- conversions of request values -------------------------------------------------------------------------

function toNumber(v: ContextScalar): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string') {
    const s = v.trim();
    if (s === '') return null;
    const n = Number(s);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/** Dates in policies and contexts: ISO-8601 or epoch seconds (as `aws:EpochTime`). Returns epoch milliseconds. */
export function parseDate(v: ContextScalar): number | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.getTime();
  if (typeof v === 'number') return Number.isFinite(v) ? v * 1000 : null;
  if (typeof v !== 'string') return null;
  const s = v.trim();
  if (/^-?\d+(\.\d+)?$/.test(s)) return Number(s) * 1000;
  const ms = Date.parse(s);
  return Number.isNaN(ms) ? null : ms;
}

function toBool(v: ContextScalar): 'true' | 'false' | null {
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') {
    const s = v.toLowerCase();
    return s === 'true' || s === 'false' ? s : null;
  }
  return null;
}

function toBytes(v: ContextScalar): Buffer | null {
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  if (typeof v === 'string') return Buffer.from(v, 'base64');
  return null;
}

// ---- operator families -------------------------------------------------------------------------------------

function stringEquals(values: string[], ignoreCase: boolean, variables: boolean): ValueTest {
  const fold = (s: string): string => (ignoreCase ? s.toLowerCase() : s);
  const fixed = new Set<string>();
  const dynamic: Template[] = [];
  for (const v of values) {
    const t = parseTemplate(v, variables);
    if (t.dynamic) dynamic.push(t);
    else fixed.add(fold(renderTemplate(t, [])));
  }
  return (value, ctx) => {
    const s = scalarToString(value);
    if (s === null) return false;
    const f = fold(s);
    if (fixed.has(f)) return true;
    for (const t of dynamic) {
      const vars = resolveVariables(t, ctx);
      if (vars !== null && fold(renderTemplate(t, vars)) === f) return true;
    }
    return false;
  };
}

function stringLike(values: string[], variables: boolean): ValueTest {
  const set = new PatternSet(values, { mode: 'plain', ignoreCase: false, variables });
  return (value, ctx) => {
    const s = scalarToString(value);
    return s !== null && set.test(s, ctx);
  };
}

function numeric(values: string[], cmp: (a: number, b: number) => boolean): ValueTest {
  // A policy value that is not a number can never match.
  const nums = values.map((v) => toNumber(v)).filter((n): n is number => n !== null);
  if (nums.length === 0) return never;
  return (value) => {
    const n = toNumber(value);
    return n !== null && nums.some((p) => cmp(n, p));
  };
}

function date(values: string[], cmp: (a: number, b: number) => boolean): ValueTest {
  const dates = values.map((v) => parseDate(v)).filter((n): n is number => n !== null);
  if (dates.length === 0) return never;
  return (value) => {
    const d = parseDate(value);
    return d !== null && dates.some((p) => cmp(d, p));
  };
}

function bool(values: string[]): ValueTest {
  const want = new Set(values.map((v) => v.toLowerCase()));
  return (value) => {
    const b = toBool(value);
    return b !== null && want.has(b);
  };
}

function binary(values: string[]): ValueTest {
  const wanted = values.map((v) => Buffer.from(v, 'base64'));
  return (value) => {
    const b = toBytes(value);
    return b !== null && wanted.some((w) => w.equals(b));
  };
}

function ipAddress(values: string[]): ValueTest {
  const list = new BlockList();
  let any = false;
  for (const v of values) {
    const [addr, bits, extra] = v.trim().split('/');
    const family = isIP(addr ?? '');
    if (!family || extra !== undefined) continue;
    const type = family === 4 ? 'ipv4' : 'ipv6';
    const max = family === 4 ? 32 : 128;
    const prefix = bits === undefined ? max : /^\d+$/.test(bits) ? Number(bits) : -1;
    if (prefix < 0 || prefix > max) continue;
    list.addSubnet(addr!, prefix, type);
    any = true;
  }
  if (!any) return never;
  return (value) => {
    if (typeof value !== 'string') return false;
    const family = isIP(value);
    return family !== 0 && list.check(value, family === 4 ? 'ipv4' : 'ipv6');
  };
}

/** An ARN split into its six colon-separated components; the sixth keeps any further colons. */
function arnComponents(s: string): string[] | null {
  const out: string[] = [];
  let from = 0;
  for (let i = 0; i < 5; i++) {
    const colon = s.indexOf(':', from);
    if (colon < 0) return null;
    out.push(s.slice(from, colon));
    from = colon + 1;
  }
  out.push(s.slice(from));
  return out;
}

interface ArnPattern {
  components: PatternSet[];
}

function compileArnPattern(source: string): ArnPattern | 'all' | null {
  if (source === '*') return 'all';
  const comps = arnComponents(source);
  if (!comps) return null;
  return { components: comps.map((c) => new PatternSet([c], { mode: 'plain', ignoreCase: false, variables: false })) };
}

function arnMatches(p: ArnPattern | 'all', value: string): boolean {
  if (p === 'all') return true;
  const comps = arnComponents(value);
  return comps !== null && p.components.every((m, i) => m.test(comps[i]!, null));
}

/**
 * ArnEquals and ArnLike are the same test in AWS: each of the six components is matched on its own, case-sensitively,
 * with `*`/`?` wildcards. A pattern with fewer than six components matches nothing (except `*`, which matches all).
 */
function arnLike(values: string[], variables: boolean): ValueTest {
  const fixed: (ArnPattern | 'all')[] = [];
  const dynamic: { template: Template; cache: Map<string, ArnPattern | 'all' | null> }[] = [];
  for (const v of values) {
    const t = parseTemplate(v, variables);
    if (t.dynamic) {
      dynamic.push({ template: t, cache: new Map() });
      continue;
    }
    // No variables here, but a 2012-10-17 value may still hold ${*}-style literal characters.
    const p = variables ? compileArnPatternWithLiterals(v) : compileArnPattern(v);
    if (p) fixed.push(p);
  }
  return (value, ctx) => {
    if (typeof value !== 'string') return false;
    for (const p of fixed) if (arnMatches(p, value)) return true;
    for (const d of dynamic) {
      const vars = resolveVariables(d.template, ctx);
      if (vars === null) continue;
      const key = vars.join('\u0000');
      let p = d.cache.get(key);
      if (p === undefined) {
        // Substituted values (and ${*}-style literals) must stay literal once the components are compiled again.
        const literalSafe = escapedRender(d.template, vars);
        p = compileArnPatternWithLiterals(literalSafe);
        if (d.cache.size >= 256) d.cache.clear();
        d.cache.set(key, p);
      }
      if (p && arnMatches(p, value)) return true;
    }
    return false;
  };
}

const escapeLiteral = (x: string): string => x.replace(/[$*?]/g, (c) => `\${${c}}`);

/** The template's source with its variables substituted and every literal character written as `${*}`, `${?}`, `${$}`. */
function escapedRender(t: Template, vars: readonly string[]): string {
  let s = '';
  let vi = 0;
  for (const p of t.parts) s += p.kind === 'text' ? p.text : escapeLiteral(p.kind === 'var' ? vars[vi++]! : p.text);
  return s;
}

/** Like compileArnPattern, but reads `${*}`, `${?}` and `${$}` as literal characters within each component. */
function compileArnPatternWithLiterals(source: string): ArnPattern | 'all' | null {
  if (source === '*') return 'all';
  const comps = arnComponents(source);
  if (!comps) return null;
  return { components: comps.map((c) => new PatternSet([c], { mode: 'plain', ignoreCase: false, variables: true })) };
}

// ---- compile ------------------------------------------------------------------------------------------------

function valueTest(base: BaseOperator, values: string[], variables: boolean): ValueTest {
  switch (base) {
    case 'StringEquals':
      return stringEquals(values, false, variables);
    case 'StringEqualsIgnoreCase':
      return stringEquals(values, true, variables);
    case 'StringLike':
      return stringLike(values, variables);
    case 'NumericEquals':
      return numeric(values, (a, b) => a === b);
    case 'NumericLessThan':
      return numeric(values, (a, b) => a < b);
    case 'NumericLessThanEquals':
      return numeric(values, (a, b) => a <= b);
    case 'NumericGreaterThan':
      return numeric(values, (a, b) => a > b);
    case 'NumericGreaterThanEquals':
      return numeric(values, (a, b) => a >= b);
    case 'DateEquals':
      return date(values, (a, b) => a === b);
    case 'DateLessThan':
      return date(values, (a, b) => a < b);
    case 'DateLessThanEquals':
      return date(values, (a, b) => a <= b);
    case 'DateGreaterThan':
      return date(values, (a, b) => a > b);
    case 'DateGreaterThanEquals':
      return date(values, (a, b) => a >= b);
    case 'Bool':
      return bool(values);
    case 'BinaryEquals':
      return binary(values);
    case 'IpAddress':
      return ipAddress(values);
    case 'ArnEquals':
    case 'ArnLike':
      return arnLike(values, variables);
    default:
      return never;
  }
}

/** `variables`: the policy has Version 2012-10-17 (variables are then resolved in String* and Arn* values). */
export function compileCondition(clause: ConditionClause, variables: boolean): CompiledCondition {
  const key = clause.key.toLowerCase();
  if (clause.base === 'Null') {
    const v = new Set(clause.values.map((x) => x.toLowerCase()));
    return {
      key,
      qualifier: clause.qualifier,
      ifExists: false,
      negated: false,
      nullWants: { absent: v.has('true'), present: v.has('false') },
      test: never,
    };
  }
  const positive = NEGATED[clause.base];
  const base = positive ?? clause.base;
  return {
    key,
    qualifier: clause.qualifier,
    ifExists: clause.ifExists,
    negated: positive !== undefined,
    nullWants: null,
    test: valueTest(base, clause.values, variables),
  };
}

/**
 * Evaluates one condition for a statement of the given effect. When the request context carries the key under
 * several spellings (an encryption context with `Dept` and `dept`), the key is multivalued and each spelling is one
 * reading of it. Without a set qualifier the operator is single-valued, so the outcome must not depend on which
 * reading is taken: a Deny applies when any reading satisfies it, an Allow only when every reading does. (AWS: the
 * condition key name is case-insensitive, the value comparison is the operator's; it advises against pairs differing
 * only by case.) `ForAnyValue:`/`ForAllValues:` read all the values as one set, as they do for any multivalued key.
 */
export function evaluateCondition(c: CompiledCondition, ctx: ContextIndex, effect: 'Allow' | 'Deny' = 'Allow'): boolean {
  const e = ctx.entry(c.key);
  if (e?.spellings && c.qualifier === null && c.nullWants === null) {
    const readings = ctx.spellings(e)!;
    return effect === 'Deny' ? readings.some((v) => evaluateValues(c, v, ctx)) : readings.every((v) => evaluateValues(c, v, ctx));
  }
  return evaluateValues(c, ctx.valuesOf(e), ctx);
}

function evaluateValues(c: CompiledCondition, values: readonly ContextScalar[] | undefined, ctx: ContextIndex): boolean {
  if (c.nullWants) return values === undefined ? c.nullWants.absent : c.nullWants.present;
  if (values === undefined) {
    if (c.ifExists) return true;
    if (c.qualifier === 'ForAllValues') return true;
    if (c.qualifier === 'ForAnyValue') return false;
    return c.negated;
  }
  if (c.qualifier === null) {
    let hit = false;
    for (const v of values) {
      if (c.test(v, ctx)) {
        hit = true;
        break;
      }
    }
    return c.negated ? !hit : hit;
  }
  if (c.qualifier === 'ForAnyValue') {
    for (const v of values) if (c.test(v, ctx) !== c.negated) return true;
    return false;
  }
  for (const v of values) if (c.test(v, ctx) === c.negated) return false;
  return true;
}
