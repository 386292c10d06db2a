/** What the metric-filter operations share: checking a metric value and extracting it from a matching event. */
import type { FilterAst } from './filter/index.js';
import { compileExtractor } from './filter/index.js';

/** AWS's quota of metric filters per log group. */
export const MAX_METRIC_FILTERS_PER_GROUP = 100;

const NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * Whether a metric value can be taken from events of the pattern: a number, `$.path` for a JSON pattern, or `$name`
 * of a named field of a space-delimited pattern.
 */
export function metricValueAllowed(ast: FilterAst, value: string): boolean {
  if (NUMBER.test(value)) return true;
  if (ast.kind === 'json') return /^\$\.[A-Za-z0-9_.[\]-]+$/.test(value);
  if (ast.kind === 'delimited') return ast.fields.some((f) => f.name !== null && `$${f.name}` === value);
  return false;
}

/** The metric value of an event: undefined when the event does not match or the value is not a number. */
export function metricValueOf(ast: FilterAst, value: string): (message: string) => number | undefined {
  const extract = compileExtractor(ast);
  const constant = NUMBER.test(value) ? Number(value) : undefined;
  return (message) => {
    const fields = extract(message);
    if (fields === null) return undefined;
    if (constant !== undefined) return constant;
    let v: unknown = fields[value];
    if (v === undefined && ast.kind === 'json') v = jsonPath(message, value);
    return v !== undefined && v !== null && NUMBER.test(String(v).trim()) ? Number(v) : undefined;
  };
}

/** `$.a.b[0].c` of a JSON event (the metric value may name a field the pattern does not test). */
function jsonPath(message: string, path: string): unknown {
  let v: unknown;
  try {
    v = JSON.parse(message);
  } catch {
    return undefined;
  }
  for (const part of path.slice(2).replace(/\[(\d+)\]/g, '.$1').split('.')) {
    if (part === '') continue;
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return typeof v === 'object' ? undefined : v;
}
