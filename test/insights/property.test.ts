/**
 * The engine against a straightforward reference evaluation: random JSON events and random queries of a safe
 * subset (filters with comparisons and boolean logic, stats by a field or bin(), fields + sort + limit).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { QueryEngine } from '../../src/insights/engine.js';
import { parseQuery } from '../../src/insights/parser.js';
import { EventRow } from '../../src/insights/row.js';

interface Ev {
  t: number;
  a: number;
  b: string;
  c?: number;
}

type Cond = { k: 'cmp'; op: '<' | '<=' | '>' | '>=' | '=' | '!='; n: number } | { k: 'beq'; v: string } | { k: 'present' } | { k: 'not'; x: Cond } | { k: 'and' | 'or'; l: Cond; r: Cond };

const B = ['alpha', 'beta', 'gamma'];
const T0 = Date.UTC(2026, 0, 1);

const evArb = fc.record({ a: fc.integer({ min: -50, max: 50 }), b: fc.constantFrom(...B), c: fc.option(fc.integer({ min: 0, max: 9 }), { nil: undefined }) });
const condArb: fc.Arbitrary<Cond> = fc.letrec((tie) => ({
  cond: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ k: fc.constant('cmp' as const), op: fc.constantFrom('<' as const, '<=' as const, '>' as const, '>=' as const, '=' as const, '!=' as const), n: fc.integer({ min: -50, max: 50 }) }),
    fc.record({ k: fc.constant('beq' as const), v: fc.constantFrom(...B) }),
    fc.constant({ k: 'present' as const }),
    fc.record({ k: fc.constant('not' as const), x: tie('cond') as fc.Arbitrary<Cond> }),
    fc.record({ k: fc.constantFrom('and' as const, 'or' as const), l: tie('cond') as fc.Arbitrary<Cond>, r: tie('cond') as fc.Arbitrary<Cond> }),
  ),
})).cond;

function condText(c: Cond): string {
  switch (c.k) {
    case 'cmp':
      return `a ${c.op} ${c.n}`;
    case 'beq':
      return `b = "${c.v}"`;
    case 'present':
      return 'ispresent(c)';
    case 'not':
      return `not (${condText(c.x)})`;
    default:
      return `(${condText(c.l)}) ${c.k} (${condText(c.r)})`;
  }
}

function holds(c: Cond, e: Ev): boolean {
  switch (c.k) {
    case 'cmp': {
      const x = e.a;
      return c.op === '<' ? x < c.n : c.op === '<=' ? x <= c.n : c.op === '>' ? x > c.n : c.op === '>=' ? x >= c.n : c.op === '=' ? x === c.n : x !== c.n;
    }
    case 'beq':
      return e.b === c.v;
    case 'present':
      return e.c !== undefined;
    case 'not':
      return !holds(c.x, e);
    case 'and':
      return holds(c.l, e) && holds(c.r, e);
    case 'or':
      return holds(c.l, e) || holds(c.r, e);
  }
}

type Tail = { k: 'statsByB' } | { k: 'statsByBin' } | { k: 'sortLimit'; desc: boolean; limit: number };
const tailArb: fc.Arbitrary<Tail> = fc.oneof(
  fc.constant({ k: 'statsByB' as const }),
  fc.constant({ k: 'statsByBin' as const }),
  fc.record({ k: fc.constant('sortLimit' as const), desc: fc.boolean(), limit: fc.integer({ min: 1, max: 20 }) }),
);

const fmtTime = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
const num = (n: number) => (Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(15))));

function reference(events: Ev[], cond: Cond | undefined, tail: Tail): Record<string, string>[] {
  // The service scans newest first.
  const scanned = [...events].sort((x, y) => y.t - x.t).filter((e) => !cond || holds(cond, e));
  if (tail.k === 'sortLimit') {
    const sorted = [...scanned].sort((x, y) => (tail.desc ? y.a - x.a : x.a - y.a));
    return sorted.slice(0, tail.limit).map((e) => ({ a: String(e.a), b: e.b }));
  }
  const groups = new Map<string, Ev[]>();
  for (const e of scanned) {
    const k = tail.k === 'statsByB' ? e.b : String(Math.floor(e.t / 60_000) * 60_000);
    groups.set(k, [...(groups.get(k) ?? []), e]);
  }
  const keys = [...groups.keys()].sort((x, y) => (tail.k === 'statsByB' ? (x < y ? -1 : 1) : Number(x) - Number(y)));
  return keys.map((k) => {
    const es = groups.get(k)!;
    const as = es.map((e) => e.a);
    const head: Record<string, string> = tail.k === 'statsByB' ? { b: k } : { 'bin(1m)': fmtTime(Number(k)) };
    return { ...head, n: String(es.length), s: num(as.reduce((x, y) => x + y, 0)), mn: String(Math.min(...as)), mx: String(Math.max(...as)), av: num(as.reduce((x, y) => x + y, 0) / as.length) };
  });
}

function queryText(cond: Cond | undefined, tail: Tail): string {
  const parts: string[] = [];
  if (cond) parts.push(`filter ${condText(cond)}`);
  if (tail.k === 'sortLimit') parts.push('fields a, b', `sort a ${tail.desc ? 'desc' : 'asc'}`, `limit ${tail.limit}`);
  else parts.push(`stats count(*) as n, sum(a) as s, min(a) as mn, max(a) as mx, avg(a) as av by ${tail.k === 'statsByB' ? 'b' : 'bin(1m)'}`);
  return parts.join(' | ');
}

function run(events: Ev[], query: string): Record<string, string>[] {
  const engine = new QueryEngine(parseQuery(query), { maxResults: 10_000, fromTime: T0, toTime: T0 + 3_600_000 });
  for (const e of [...events].sort((x, y) => y.t - x.t)) {
    const msg = JSON.stringify(e.c === undefined ? { a: e.a, b: e.b } : { a: e.a, b: e.b, c: e.c });
    if (engine.push(new EventRow({ timestamp: e.t, ingestionTime: e.t, message: msg, logStream: 's', log: 'g', ptr: 'p' }))) break;
  }
  engine.end();
  return engine.results.map((r) => Object.fromEntries(r.filter((f) => f.field !== '@ptr').map((f) => [f.field, f.value])));
}

test('query results equal a reference evaluation on random events and queries', () => {
  fc.assert(
    fc.property(
      fc.array(evArb, { maxLength: 60 }),
      fc.option(condArb, { nil: undefined }),
      tailArb,
      (raw, cond, tail) => {
        // Distinct timestamps, so the scan order (and a stable sort's ties) is the same for both.
        const events: Ev[] = raw.map((e, i) => ({ ...e, t: T0 + i * 17_000 }));
        const q = queryText(cond, tail);
        const expected = reference(events, cond, tail);
        const got = run(events, q);
        if (tail.k === 'sortLimit') {
          // Ties on `a` may come in either order: the `a` column must match, in order.
          assert.deepEqual(got.map((r) => r.a), expected.map((r) => r.a), q);
        } else {
          assert.deepEqual(got, expected, q);
        }
      },
    ),
    { numRuns: 300 },
  );
});
