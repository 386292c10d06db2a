/** Values of the query language: strings, numbers, booleans, times, and "absent" (undefined). */

/** A point in time (ms since the epoch): numeric in arithmetic and comparisons, shown as AWS shows timestamps. */
export class Time {
  constructor(readonly ms: number) {}
}

export type Value = string | number | boolean | Time | undefined;

/** `yyyy-MM-dd HH:mm:ss.SSS` in UTC, as GetQueryResults shows `@timestamp`. */
export function formatTime(ms: number): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return String(ms);
  return d.toISOString().replace('T', ' ').replace('Z', '');
}

const NUMERIC = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The number a value stands for, or undefined (strings count when they are written as a number). */
export function toNumber(v: Value): number | undefined {
  if (typeof v === 'number') return v;
  if (v instanceof Time) return v.ms;
  if (typeof v === 'string' && NUMERIC.test(v.trim())) return Number(v);
  if (typeof v === 'boolean') return undefined;
  return undefined;
}

export function toText(v: Value): string | undefined {
  if (v === undefined) return undefined;
  if (v instanceof Time) return formatTime(v.ms);
  if (typeof v === 'number') return formatNumber(v);
  return String(v);
}

export function formatNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return String(Number(n.toPrecision(15)));
}

export function truthy(v: Value): boolean {
  if (v === undefined) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (v instanceof Time) return true;
  return v !== '' && v !== 'false';
}

/** `=`: numerically when both sides are numbers, else as text (case-sensitive). Absent values equal nothing. */
export function equals(a: Value, b: Value): boolean {
  if (a === undefined || b === undefined) return false;
  if (typeof a === 'boolean' || typeof b === 'boolean') return toText(a) === toText(b);
  const x = toNumber(a);
  const y = toNumber(b);
  if (x !== undefined && y !== undefined) return x === y;
  return toText(a) === toText(b);
}

/** `<` `>` …: numerically when both sides are numbers, else by text; undefined when a side is absent. */
export function order(a: Value, b: Value): number | undefined {
  if (a === undefined || b === undefined) return undefined;
  const x = toNumber(a);
  const y = toNumber(b);
  if (x !== undefined && y !== undefined) return x < y ? -1 : x > y ? 1 : 0;
  const s = toText(a)!;
  const t = toText(b)!;
  return s < t ? -1 : s > t ? 1 : 0;
}

/**
 * The `sort` command's order (AWS's "updated natural sort", ascending): absent values first, then non-number values
 * compared chunk by chunk (runs of digits by length, then value; other characters by code point), then numbers.
 */
export function naturalCompare(a: Value, b: Value): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
  const x = typeof a === 'number' || a instanceof Time ? toNumber(a) : undefined;
  const y = typeof b === 'number' || b instanceof Time ? toNumber(b) : undefined;
  const xs = x === undefined ? toText(a)! : undefined;
  const ys = y === undefined ? toText(b)! : undefined;
  const xn = x ?? (xs !== undefined && /^\d+(\.\d+)?$/.test(xs) ? Number(xs) : undefined);
  const yn = y ?? (ys !== undefined && /^\d+(\.\d+)?$/.test(ys) ? Number(ys) : undefined);
  if (xn !== undefined && yn !== undefined) return xn - yn;
  if (xn !== undefined) return 1;
  if (yn !== undefined) return -1;
  return chunkCompare(xs!, ys!);
}

function chunkCompare(a: string, b: string): number {
  const re = /\d+|\D/g;
  const ca = a.match(re) ?? [];
  const cb = b.match(re) ?? [];
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
    const p = ca[i]!;
    const q = cb[i]!;
    const pd = p.charCodeAt(0) >= 48 && p.charCodeAt(0) <= 57;
    const qd = q.charCodeAt(0) >= 48 && q.charCodeAt(0) <= 57;
    if (pd && qd) {
      if (p.length !== q.length) return p.length - q.length;
      if (p !== q) return p < q ? -1 : 1;
      continue;
    }
    if (p !== q) {
      const x = pd ? p.charCodeAt(0) : p.codePointAt(0)!;
      const y = qd ? q.charCodeAt(0) : q.codePointAt(0)!;
      return x - y || (p < q ? -1 : 1);
    }
  }
  return ca.length - cb.length;
}
