/** Accumulators of the `stats` aggregate functions. */
import type { Expr } from './ast.js';
import type { Compiled } from './evaluate.js';
import type { Row } from './row.js';
import { naturalCompare, Time, toNumber, toText, type Value } from './values.js';

export interface Accumulator {
  add(row: Row): void;
  value(): Value;
}

export type AccumulatorFactory = () => Accumulator;

/** A factory of accumulators for one aggregate call; `arg` evaluates its (first) argument. */
export function accumulator(call: Extract<Expr, { k: 'call' }>, arg: Compiled | undefined): AccumulatorFactory {
  const a = arg ?? (() => 1);
  switch (call.fn) {
    case 'count':
      if (call.args.length === 0 || call.args[0]!.k === 'star') {
        return () => {
          let n = 0;
          return { add: () => void n++, value: () => n };
        };
      }
      return () => {
        let n = 0;
        return {
          add: (r) => {
            if (a(r) !== undefined) n++;
          },
          value: () => n,
        };
      };
    case 'count_distinct':
      return () => {
        const seen = new Set<string>();
        return {
          add: (r) => {
            const v = toText(a(r));
            if (v !== undefined) seen.add(v);
          },
          value: () => seen.size,
        };
      };
    case 'sum':
      return numeric((ns) => (ns.length ? ns.reduce((x, y) => x + y, 0) : undefined));
    case 'avg':
      return numeric((ns) => (ns.length ? ns.reduce((x, y) => x + y, 0) / ns.length : undefined));
    case 'stddev':
      return numeric((ns) => {
        if (ns.length === 0) return undefined;
        if (ns.length === 1) return 0;
        const mean = ns.reduce((x, y) => x + y, 0) / ns.length;
        return Math.sqrt(ns.reduce((s, x) => s + (x - mean) ** 2, 0) / (ns.length - 1));
      });
    case 'pct': {
      const p = (call.args[1] as { v: number }).v;
      return numeric((ns) => {
        if (ns.length === 0) return undefined;
        ns.sort((x, y) => x - y);
        const rank = Math.max(1, Math.ceil((p / 100) * ns.length));
        return ns[Math.min(ns.length, rank) - 1];
      });
    }
    case 'min':
    case 'max': {
      const sign = call.fn === 'min' ? -1 : 1;
      return () => {
        let best: number | undefined;
        let time = false;
        return {
          add: (r) => {
            const v = a(r);
            const n = toNumber(v);
            if (n === undefined) return;
            if (best === undefined || sign * (n - best) > 0) {
              best = n;
              time = v instanceof Time;
            }
          },
          value: () => (best === undefined ? undefined : time ? new Time(best) : best),
        };
      };
    }
    case 'earliest':
    case 'latest': {
      const sign = call.fn === 'earliest' ? -1 : 1;
      return () => {
        let bestT: number | undefined;
        let best: Value;
        return {
          add: (r) => {
            const v = a(r);
            if (v === undefined) return;
            const t = toNumber(r.get('@timestamp')) ?? 0;
            if (bestT === undefined || sign * (t - bestT) > 0) {
              bestT = t;
              best = v;
            }
          },
          value: () => best,
        };
      };
    }
    case 'sortsfirst':
    case 'sortslast': {
      const sign = call.fn === 'sortsfirst' ? -1 : 1;
      return () => {
        let best: Value;
        return {
          add: (r) => {
            const v = a(r);
            if (v === undefined) return;
            if (best === undefined || sign * naturalCompare(v, best) > 0) best = v;
          },
          value: () => best,
        };
      };
    }
    default:
      throw new Error(`no aggregate ${call.fn}`);
  }

  function numeric(final: (ns: number[]) => Value): AccumulatorFactory {
    return () => {
      const ns: number[] = [];
      let sum = 0;
      let n = 0;
      const onlySum = call.fn === 'sum' || call.fn === 'avg';
      return {
        add: (r) => {
          const x = toNumber(a(r));
          if (x === undefined) return;
          if (onlySum) {
            sum += x;
            n++;
          } else ns.push(x);
        },
        value: () => (onlySum ? (n === 0 ? undefined : call.fn === 'sum' ? sum : sum / n) : final(ns)),
      };
    };
  }
}
