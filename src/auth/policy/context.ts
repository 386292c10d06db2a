import type { ConditionContext, ContextScalar, ContextValue } from './types.js';

/** One condition key of a context: its value, or, when the context spells the key in several cases, each one's. */
export interface Entry {
  value: ContextValue;
  /** Set when the context carries this key under more than one spelling (`…:Dept` and `…:dept`). */
  spellings?: ContextValue[];
}

/**
 * Lower-cased condition key names. A request context is built from the same few dozen key names over and over
 * (`aws:CurrentTime`, `kms:CallerAccount`, …): lower-casing each on every evaluation was a visible share of a KMS
 * request. Bounded: cleared when full (encryption-context and tag keys come from callers).
 */
const lowerNames = new Map<string, string>();
const LOWER_NAMES_MAX = 10_000;

export function lowerName(k: string): string {
  let lk = lowerNames.get(k);
  if (lk === undefined) {
    lk = k.toLowerCase();
    if (lowerNames.size >= LOWER_NAMES_MAX) lowerNames.clear();
    lowerNames.set(k, lk);
  }
  return lk;
}

/** The lower-cased index of a context, built once per evaluation that reads the context. */
function indexOf(ctx: ConditionContext): Map<string, Entry> {
  const index = new Map<string, Entry>();
  for (const k in ctx) {
    if (!Object.hasOwn(ctx, k)) continue;
    const lk = lowerName(k);
    const v = ctx[k];
    const seen = index.get(lk);
    if (!seen) index.set(lk, { value: v });
    else (seen.spellings ??= [seen.value]).push(v);
  }
  return index;
}

/** A key's values as a list, or undefined when absent (`null`, `undefined` and `[]` count as absent). */
function listOf(v: ContextValue): readonly ContextScalar[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (Array.isArray(v)) return v.length === 0 ? undefined : (v as readonly ContextScalar[]);
  return [v as ContextScalar];
}

/**
 * Case-insensitive view of a request context (AWS matches condition key names case-insensitively). A context may
 * carry one key under several spellings, e.g. `kms:EncryptionContext:Dept` and `kms:EncryptionContext:dept` for an
 * encryption context with both pairs: condition key names being case-insensitive, the key then refers to all of
 * them, in no particular order (`spellings`).
 */
export class ContextIndex {
  private readonly index: Map<string, Entry>;

  constructor(ctx: ConditionContext) {
    this.index = indexOf(ctx);
  }

  /**
   * The key's values, or undefined when the key is absent. For a key the context spells several ways, the values of
   * every spelling.
   */
  values(lowerKey: string): readonly ContextScalar[] | undefined {
    return this.valuesOf(this.index.get(lowerKey));
  }

  /** The entry of a key (one lookup for callers that need both its spellings and its values). */
  entry(lowerKey: string): Entry | undefined {
    return this.index.get(lowerKey);
  }

  valuesOf(e: Entry | undefined): readonly ContextScalar[] | undefined {
    if (!e) return undefined;
    if (!e.spellings) return listOf(e.value);
    const all = e.spellings.flatMap((v) => listOf(v) ?? []);
    return all.length === 0 ? undefined : all;
  }

  /** Each spelling's values when the context carries the key under several spellings; otherwise undefined. */
  spellings(e: Entry | undefined): (readonly ContextScalar[] | undefined)[] | undefined {
    return e?.spellings?.map(listOf);
  }

  /**
   * The key's value as a policy variable: only single-valued keys resolve (AWS refuses multivalued ones), and a key
   * the context spells several ways is not single-valued.
   */
  variable(lowerKey: string): string | null {
    const e = this.index.get(lowerKey);
    if (!e || e.spellings) return null;
    const v = e.value;
    if (v === undefined || v === null || Array.isArray(v)) return null;
    return scalarToString(v as ContextScalar);
  }
}

/** The string form AWS compares for a context value; binary values have none. */
export function scalarToString(v: ContextScalar): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : null;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  return null;
}
