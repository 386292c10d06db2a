import type { ConditionContext, ContextScalar, ContextValue } from './types.js';

/**
 * Case-insensitive view of a request context (AWS matches condition key names case-insensitively). The lowercase
 * index is built at most once per evaluation, and only when a key is not found as written in lowercase.
 */
export class ContextIndex {
  private lower: Map<string, ContextValue> | undefined;

  constructor(private readonly ctx: ConditionContext) {}

  private raw(lowerKey: string): ContextValue {
    if (Object.hasOwn(this.ctx, lowerKey)) return this.ctx[lowerKey];
    if (!this.lower) {
      this.lower = new Map();
      for (const k of Object.keys(this.ctx)) {
        const lk = k.toLowerCase();
        // Keep the first spelling when a context carries the same key twice in different cases.
        if (!this.lower.has(lk)) this.lower.set(lk, this.ctx[k]);
      }
    }
    return this.lower.get(lowerKey);
  }

  /** The key's values, or undefined when the key is absent (`null`, `undefined` and `[]` count as absent). */
  values(lowerKey: string): readonly ContextScalar[] | undefined {
    const v = this.raw(lowerKey);
    if (v === undefined || v === null) return undefined;
    if (Array.isArray(v)) return v.length === 0 ? undefined : (v as readonly ContextScalar[]);
    return [v as ContextScalar];
  }

  /** The key's value as a policy variable: only single-valued keys resolve (AWS refuses multivalued ones). */
  variable(lowerKey: string): string | null {
    const v = this.raw(lowerKey);
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
