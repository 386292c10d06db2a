/** Expressions compiled to closures over a row. */
import type { Expr } from './ast.js';
import { FUNCTIONS } from './functions.js';
import type { Row } from './row.js';
import { equals, order, Time, toNumber, toText, truthy, type Value } from './values.js';

export type Compiled = (row: Row) => Value;

/**
 * Compiles an expression. `aggregate` supplies the value of aggregate calls (stats); elsewhere they never appear
 * (the parser refuses them).
 */
export function compile(e: Expr, aggregate?: (call: Expr) => Compiled): Compiled {
  const c = (x: Expr) => compile(x, aggregate);
  switch (e.k) {
    case 'num':
    case 'str':
    case 'bool': {
      const v = e.v;
      return () => v;
    }
    case 'duration': {
      const v = e.ms;
      return () => v;
    }
    case 'regex': {
      const re = e.re;
      return (row) => {
        const m = toText(row.get('@message'));
        return m !== undefined && re.test(m);
      };
    }
    case 'star':
      return () => 1;
    case 'field': {
      const name = e.name;
      return (row) => row.get(name);
    }
    case 'neg': {
      const x = c(e.x);
      return (row) => {
        const n = toNumber(x(row));
        return n === undefined ? undefined : -n;
      };
    }
    case 'not': {
      const x = c(e.x);
      return (row) => !truthy(x(row));
    }
    case 'like': {
      const x = c(e.x);
      const neg = e.negated;
      if (e.pat.k === 'regex') {
        const re = e.pat.re;
        return (row) => {
          const s = toText(x(row));
          return s !== undefined && re.test(s) !== neg;
        };
      }
      const sub = e.pat.k === 'str' ? e.pat.v : '';
      return (row) => {
        const s = toText(x(row));
        return s !== undefined && s.includes(sub) !== neg;
      };
    }
    case 'in': {
      const x = c(e.x);
      const list = e.list.map(c);
      const neg = e.negated;
      return (row) => {
        const v = x(row);
        if (v === undefined) return false;
        return list.some((f) => equals(v, f(row))) !== neg;
      };
    }
    case 'call': {
      if (aggregate && isAggregateCall(e)) return aggregate(e);
      if (e.fn === 'bin') {
        const period = (e.args[0] as { ms: number }).ms;
        return (row) => {
          const t = toNumber(row.get('@timestamp'));
          return t === undefined ? undefined : new Time(Math.floor(t / period) * period);
        };
      }
      if (e.fn === 'unmask') {
        // The field as the unmasked event holds it; the caller's logs:Unmask was checked when the query started.
        const a = e.args[0]!;
        if (a.k !== 'field') return c(a);
        const name = a.name;
        return (row) => (row.unmasked ? row.unmasked(name) : row.get(name));
      }
      const f = FUNCTIONS[e.fn];
      if (!f) throw new Error(`no function ${e.fn}`);
      const args = e.args.map(c);
      return (row) => f(args.map((a) => a(row)));
    }
    case 'bin':
      return binary(e.op, c(e.l), c(e.r));
  }
}

import { AGGREGATES } from './ast.js';
export function isAggregateCall(e: Expr): e is Extract<Expr, { k: 'call' }> {
  return e.k === 'call' && AGGREGATES.has(e.fn);
}

function arith(f: (a: number, b: number) => number): (l: Value, r: Value) => Value {
  return (l, r) => {
    const a = toNumber(l);
    const b = toNumber(r);
    if (a === undefined || b === undefined) return undefined;
    const v = f(a, b);
    return Number.isFinite(v) ? v : undefined;
  };
}

function binary(op: string, l: Compiled, r: Compiled): Compiled {
  switch (op) {
    case 'and':
      return (row) => truthy(l(row)) && truthy(r(row));
    case 'or':
      return (row) => truthy(l(row)) || truthy(r(row));
    case '=':
      return (row) => equals(l(row), r(row));
    case '!=':
      return (row) => {
        const a = l(row);
        const b = r(row);
        return a !== undefined && b !== undefined && !equals(a, b);
      };
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const test = op === '<' ? (n: number) => n < 0 : op === '<=' ? (n: number) => n <= 0 : op === '>' ? (n: number) => n > 0 : (n: number) => n >= 0;
      return (row) => {
        const o = order(l(row), r(row));
        return o !== undefined && test(o);
      };
    }
    default: {
      const f =
        op === '+'
          ? arith((a, b) => a + b)
          : op === '-'
            ? arith((a, b) => a - b)
            : op === '*'
              ? arith((a, b) => a * b)
              : op === '/'
                ? arith((a, b) => a / b)
                : op === '%'
                  ? arith((a, b) => a % b)
                  : arith((a, b) => a ** b);
      return (row) => f(l(row), r(row));
    }
  }
}
