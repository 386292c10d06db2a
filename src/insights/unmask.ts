/**
 * `unmask(field)` shows what a data protection policy masked. Like `unmask: true` of GetLogEvents and
 * FilterLogEvents it needs `logs:Unmask` on every queried group: authorization asks for it when the query string
 * holds the function.
 */
import type { Command, Expr, Query } from './ast.js';
import { parseQuery } from './parser.js';

function exprs(c: Command): Expr[] {
  switch (c.k) {
    case 'fields':
      return c.items.map((i) => i.expr);
    case 'filter':
      return [c.expr];
    case 'stats':
      return [...c.aggs.map((a) => a.expr), ...c.by.map((b) => b.expr)];
    case 'sort':
      return c.keys.map((k) => k.expr);
    case 'parse':
    case 'pattern':
      return [c.src];
    default:
      return [];
  }
}

function calls(e: Expr): boolean {
  switch (e.k) {
    case 'call':
      return e.fn === 'unmask' || e.args.some(calls);
    case 'bin':
      return calls(e.l) || calls(e.r);
    case 'neg':
    case 'not':
      return calls(e.x);
    case 'like':
      return calls(e.x) || calls(e.pat);
    case 'in':
      return calls(e.x) || e.list.some(calls);
    default:
      return false;
  }
}

export function usesUnmask(q: Query): boolean {
  return q.commands.some((c) => exprs(c).some(calls));
}

/** Whether a query string unmasks; a query that does not parse asks for nothing (StartQuery refuses it). */
export function queryStringUnmasks(queryString: unknown): boolean {
  if (typeof queryString !== 'string' || !/unmask\s*\(/i.test(queryString)) return false;
  try {
    return usesUnmask(parseQuery(queryString));
  } catch {
    return false;
  }
}
