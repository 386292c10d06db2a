/**
 * Runs a parsed query over rows pushed to it one by one (events, in scan order). Stages are push-based: each hands
 * rows to the next, and answers `true` when the scan may stop (a `limit` reached with nothing before it that needs
 * every row: no `sort`, `stats`, `dedup`, `pattern`). `stats`, `sort` and `pattern` keep what they need and pass
 * their rows on at the end.
 */
import { PatternMiner } from '../anomaly/miner/index.js';
import { poissonUpperTail } from '../anomaly/stats.js';
import { severityOf } from '../anomaly/severity.js';
import type { Command, Expr, Named, Query } from './ast.js';
import { accumulator, type Accumulator, type AccumulatorFactory } from './aggregates.js';
import { compile, isAggregateCall, type Compiled } from './evaluate.js';
import { prefilterTerms } from './prefilter.js';
import { EventRow, MapRow, type Row } from './row.js';
import { compileQueryRegex } from './safeRegex.js';
import { naturalCompare, Time, toNumber, toText, truthy, type Value } from './values.js';

export interface ResultField {
  field: string;
  value: string;
}

interface Stage {
  push(row: Row): boolean;
  end(): void;
}

export interface EngineOptions {
  /** Most result rows (StartQuery's `limit`, 10,000 by default). */
  maxResults: number;
  /** The query's time range (ms), for `pattern` histograms and `anomaly`. */
  fromTime: number;
  toTime: number;
}

/** The fields each row shows, decided from the commands. */
interface Columns {
  /** Shown fields, in order; undefined while no command chose (the default: @timestamp, @message). */
  chosen?: string[];
  /** Fields the query made (parse, unnest) shown beside the default ones. */
  created: string[];
  /** Whether rows are events (they also show @ptr). */
  events: boolean;
  /** `display` fixes the list. */
  fixed: boolean;
}

const DEFAULT_COLUMNS = ['@timestamp', '@message'];
export const PATTERN_FIELDS = ['@pattern', '@ratio', '@sampleCount', '@severityLabel', '@tokens', '@visualization'];
export const ANOMALY_FIELDS = ['@anomalyType', '@description', '@priority'];
const HISTOGRAM_BUCKETS = 10;

export class QueryEngine {
  /** Rows that passed every per-event stage before the first aggregating or limiting one. */
  matched = 0;
  readonly results: ResultField[][] = [];
  private readonly head: Stage;
  private readonly columns: Columns = { created: [], events: true, fixed: false };
  /** True when a scan may stop early (limit with only streaming stages before it). */
  readonly streaming: boolean;
  /** The order the scan should visit events in: newest first unless the query's first sort says otherwise. */
  readonly order: 'asc' | 'desc' = 'desc';

  constructor(
    readonly query: Query,
    readonly opts: EngineOptions,
  ) {
    const cmds = query.commands;
    let blocking = false;
    for (const c of cmds) if (c.k === 'stats' || c.k === 'sort' || c.k === 'pattern' || c.k === 'dedup') blocking = true;
    this.streaming = !blocking;
    // The first sort on @timestamp alone, ascending, before anything else that reorders, lets the scan run oldest first.
    const firstSort = cmds.find((c) => c.k === 'sort' || c.k === 'stats' || c.k === 'pattern');
    // `pattern` mines events oldest first, as the anomaly detectors' miner does.
    if (firstSort?.k === 'pattern') this.order = 'asc';
    if (firstSort?.k === 'sort' && firstSort.keys.length === 1 && firstSort.keys[0]!.expr.k === 'field' && firstSort.keys[0]!.expr.name === '@timestamp' && !firstSort.keys[0]!.desc) {
      this.order = 'asc';
    }
    let next: Stage = new Collector(this);
    const stages: Stage[] = [];
    // Walk forward to decide columns, then link backwards.
    const builders: ((n: Stage) => Stage)[] = [];
    let counted = false;
    for (let i = 0; i < cmds.length; i++) {
      const c = cmds[i]!;
      if (!counted && c.k !== 'filter' && c.k !== 'fields' && c.k !== 'parse' && c.k !== 'display') {
        counted = true;
        builders.push((n) => new Counter(this, n));
      }
      builders.push(this.stageOf(c, cmds[i + 1]));
    }
    if (!counted) builders.push((n) => new Counter(this, n));
    for (let i = builders.length - 1; i >= 0; i--) {
      next = builders[i]!(next);
      stages.push(next);
    }
    this.head = next;
  }

  /** Feeds one event; true when the scan may stop. */
  push(row: Row): boolean {
    return this.head.push(row);
  }

  end(): void {
    this.head.end();
  }

  /** Literal terms every event that can reach a result holds in its message (see `prefilter.ts`). */
  prefilterTerms(masking: boolean): string[] {
    return prefilterTerms(this.query.commands, masking);
  }

  /** The fields a result row shows, in order. */
  shown(): string[] {
    const c = this.columns;
    const base = c.chosen ?? (c.events ? DEFAULT_COLUMNS : []);
    const out = [...base];
    if (!c.fixed) for (const f of c.created) if (!out.includes(f)) out.push(f);
    return out;
  }

  get eventRows(): boolean {
    return this.columns.events && !this.columns.fixed;
  }

  private choose(names: string[]): void {
    const c = this.columns;
    if (c.fixed) return;
    c.chosen = [...(c.chosen ?? []), ...names.filter((n) => !(c.chosen ?? []).includes(n))];
  }

  private stageOf(c: Command, next: Command | undefined): (n: Stage) => Stage {
    const cols = this.columns;
    switch (c.k) {
      case 'filter': {
        const f = compile(c.expr);
        return (n) => new FilterStage(f, n);
      }
      case 'fields': {
        this.choose(c.items.map((i) => i.name));
        const items = c.items.filter((i) => !(i.expr.k === 'field' && i.expr.name === i.name)).map((i) => ({ name: i.name, f: compile(i.expr) }));
        return (n) => (items.length ? new ComputeStage(items, n) : n);
      }
      case 'display':
        cols.chosen = [...c.names];
        cols.fixed = true;
        return (n) => n;
      case 'parse': {
        const names = c.glob ? c.glob.names : c.regex!.names;
        for (const nm of names) if (!cols.created.includes(nm)) cols.created.push(nm);
        if (cols.chosen && !cols.fixed) this.choose(names);
        const src = compile(c.src);
        const re = c.glob ? globRegex(c.glob.parts) : c.regex!.re;
        return (n) => new ParseStage(src, re, names, c.glob !== undefined, n);
      }
      case 'unnest':
        if (!cols.created.includes(c.into)) cols.created.push(c.into);
        if (cols.chosen && !cols.fixed) this.choose([c.into]);
        return (n) => new UnnestStage(c.src, c.into, n);
      case 'limit':
        return (n) => new LimitStage(c.n, n);
      case 'dedup':
        return (n) => new DedupStage(c.names, n);
      case 'sort': {
        const keys = c.keys.map((k) => ({ f: compile(k.expr), desc: k.desc }));
        return (n) => new SortStage(keys, n);
      }
      case 'stats': {
        cols.chosen = [...c.by.map((b) => b.name), ...c.aggs.map((a) => a.name)];
        cols.created = [];
        cols.events = false;
        cols.fixed = false;
        const stage = statsStage(c.aggs, c.by);
        return stage;
      }
      case 'pattern': {
        const withAnomaly = next?.k === 'anomaly';
        cols.chosen = [...PATTERN_FIELDS];
        cols.created = [];
        cols.events = false;
        cols.fixed = false;
        const src = compile(c.src);
        const o = this.opts;
        return (n) => new PatternStage(src, o.fromTime, o.toTime, withAnomaly, n);
      }
      case 'anomaly':
        cols.chosen = [...PATTERN_FIELDS, ...ANOMALY_FIELDS];
        return (n) => new AnomalyStage(n);
    }
  }

  /** Formats a row for GetQueryResults: the shown fields that are present, then @ptr for events. */
  format(row: Row): ResultField[] {
    const out: ResultField[] = [];
    for (const f of this.shown()) {
      const v = toText(row.get(f));
      if (v !== undefined) out.push({ field: f, value: v });
    }
    if (this.columns.events && !this.columns.fixed) {
      const ptr = row.get('@ptr');
      if (ptr !== undefined && !out.some((r) => r.field === '@ptr')) out.push({ field: '@ptr', value: String(ptr) });
    }
    return out;
  }
}

class Collector implements Stage {
  constructor(private readonly engine: QueryEngine) {}
  push(row: Row): boolean {
    const e = this.engine;
    if (e.results.length >= e.opts.maxResults) return true;
    e.results.push(e.format(row));
    return e.results.length >= e.opts.maxResults;
  }
  end(): void {}
}

class Counter implements Stage {
  constructor(
    private readonly engine: QueryEngine,
    private readonly next: Stage,
  ) {}
  push(row: Row): boolean {
    this.engine.matched++;
    return this.next.push(row);
  }
  end(): void {
    this.next.end();
  }
}

class FilterStage implements Stage {
  constructor(
    private readonly f: Compiled,
    private readonly next: Stage,
  ) {}
  push(row: Row): boolean {
    return truthy(this.f(row)) ? this.next.push(row) : false;
  }
  end(): void {
    this.next.end();
  }
}

class ComputeStage implements Stage {
  constructor(
    private readonly items: { name: string; f: Compiled }[],
    private readonly next: Stage,
  ) {}
  push(row: Row): boolean {
    for (const i of this.items) row.set(i.name, i.f(row));
    return this.next.push(row);
  }
  end(): void {
    this.next.end();
  }
}

/** `parse` glob: literal parts between `*` captures; each capture takes as little as it can, the last one the rest. */
function globRegex(parts: string[]): RegExp {
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  let src = esc(parts[0]!);
  for (let i = 1; i < parts.length; i++) {
    const last = i === parts.length - 1;
    src += last && parts[i] === '' ? '(.*)' : '(.*?)';
    src += esc(parts[i]!);
  }
  return compileQueryRegex(src);
}

class ParseStage implements Stage {
  constructor(
    private readonly src: Compiled,
    private readonly re: RegExp,
    private readonly names: string[],
    private readonly positional: boolean,
    private readonly next: Stage,
  ) {}
  push(row: Row): boolean {
    const s = toText(this.src(row));
    const m = s === undefined ? null : this.re.exec(s);
    if (m) {
      if (this.positional) this.names.forEach((n, i) => row.set(n, m[i + 1]));
      else for (const n of this.names) row.set(n, m.groups?.[n]);
    }
    return this.next.push(row);
  }
  end(): void {
    this.next.end();
  }
}

/** A row of `unnest`: the original row with one field replaced. */
class ChildRow implements Row {
  private readonly own = new Map<string, Value>();
  constructor(private readonly parent: Row) {}
  get(name: string): Value {
    return this.own.has(name) ? this.own.get(name) : this.parent.get(name);
  }
  set(name: string, v: Value): void {
    this.own.set(name, v);
  }
  names(): string[] {
    return [...new Set([...this.parent.names(), ...this.own.keys()])];
  }
  unmasked(name: string): Value {
    return this.own.has(name) ? this.own.get(name) : this.parent.unmasked ? this.parent.unmasked(name) : this.parent.get(name);
  }
}

class UnnestStage implements Stage {
  constructor(
    private readonly src: string,
    private readonly into: string,
    private readonly next: Stage,
  ) {}
  push(row: Row): boolean {
    let arr: unknown = row instanceof EventRow ? row.raw(this.src) : undefined;
    if (!Array.isArray(arr)) {
      const s = toText(row.get(this.src));
      if (s === undefined || !s.trimStart().startsWith('[')) return false;
      try {
        arr = JSON.parse(s);
      } catch {
        return false;
      }
      if (!Array.isArray(arr)) return false;
    }
    for (const el of arr as unknown[]) {
      const child = new ChildRow(row);
      child.set(this.into, el === null ? 'null' : typeof el === 'object' ? JSON.stringify(el) : (el as Value));
      if (this.next.push(child)) return true;
    }
    return false;
  }
  end(): void {
    this.next.end();
  }
}

class LimitStage implements Stage {
  private n = 0;
  constructor(
    private readonly max: number,
    private readonly next: Stage,
  ) {}
  push(row: Row): boolean {
    if (this.n >= this.max) return true;
    this.n++;
    const stop = this.next.push(row);
    return stop || this.n >= this.max;
  }
  end(): void {
    this.next.end();
  }
}

class DedupStage implements Stage {
  private readonly seen = new Set<string>();
  constructor(
    private readonly names: string[],
    private readonly next: Stage,
  ) {}
  push(row: Row): boolean {
    const vals = this.names.map((n) => toText(row.get(n)));
    // Rows missing a field are never duplicates.
    if (vals.some((v) => v === undefined)) return this.next.push(row);
    const key = JSON.stringify(vals);
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    return this.next.push(row);
  }
  end(): void {
    this.next.end();
  }
}

class SortStage implements Stage {
  private rows: { row: Row; keys: Value[] }[] = [];
  constructor(
    private readonly keys: { f: Compiled; desc: boolean }[],
    private readonly next: Stage,
  ) {}
  push(row: Row): boolean {
    this.rows.push({ row, keys: this.keys.map((k) => k.f(row)) });
    return false;
  }
  end(): void {
    const ks = this.keys;
    this.rows.sort((a, b) => {
      for (let i = 0; i < ks.length; i++) {
        const c = naturalCompare(a.keys[i], b.keys[i]);
        if (c !== 0) return ks[i]!.desc ? -c : c;
      }
      return 0;
    });
    for (const r of this.rows) if (this.next.push(r.row)) break;
    this.rows = [];
    this.next.end();
  }
}

/** `stats`: aggregates per group of `by` values; groups come out ordered by their `by` values. */
function statsStage(aggs: Named[], by: Named[]): (n: Stage) => Stage {
  const byF = by.map((b) => ({ name: b.name, f: compile(b.expr) }));
  // Each aggregate expression may hold several aggregate calls (`sum(a) / count(*)`).
  const calls: { call: Extract<Expr, { k: 'call' }>; make: AccumulatorFactory }[] = [];
  const outputs = aggs.map((a) => {
    const f = compile(a.expr, (call) => {
      const c = call as Extract<Expr, { k: 'call' }>;
      const idx = calls.length;
      const arg = c.args[0] && c.args[0].k !== 'star' ? compile(c.args[0]) : undefined;
      calls.push({ call: c, make: accumulator(c, arg) });
      return (row) => row.get(`\u0000agg${idx}`);
    });
    return { name: a.name, f };
  });
  return (next) => {
    const groups = new Map<string, { keys: Value[]; accs: Accumulator[] }>();
    return {
      push(row) {
        const keys = byF.map((b) => b.f(row));
        const id = JSON.stringify(keys.map((k) => (k === undefined ? null : [typeof k === 'number' ? 'n' : k instanceof Time ? 't' : 's', toText(k)])));
        let g = groups.get(id);
        if (!g) groups.set(id, (g = { keys, accs: calls.map((c) => c.make()) }));
        for (const a of g.accs) a.add(row);
        return false;
      },
      end() {
        const list = [...groups.values()];
        list.sort((a, b) => {
          for (let i = 0; i < a.keys.length; i++) {
            const c = naturalCompare(a.keys[i], b.keys[i]);
            if (c !== 0) return c;
          }
          return 0;
        });
        for (const g of list) {
          const row = new MapRow();
          byF.forEach((b, i) => row.set(b.name, g.keys[i]));
          const internal = new MapRow();
          g.accs.forEach((a, i) => internal.set(`\u0000agg${i}`, a.value()));
          for (const o of outputs) row.set(o.name, o.f(internal));
          if (next.push(row)) break;
        }
        next.end();
      },
    };
  };
}

/** A pattern row, with its histogram over the query's time range for `anomaly`. */
class PatternRow extends MapRow {
  histogram: number[] = [];
}

const BARS = '▁▂▃▄▅▆▇█';

/** `pattern`: clusters the values with the anomaly detectors' miner; one row per pattern, most frequent first. */
class PatternStage implements Stage {
  private readonly miner = new PatternMiner();
  private readonly hist = new Map<string, number[]>();
  private total = 0;
  private revision = 0;
  constructor(
    private readonly src: Compiled,
    private readonly fromTime: number,
    private readonly toTime: number,
    private readonly withAnomaly: boolean,
    private readonly next: Stage,
  ) {}
  push(row: Row): boolean {
    const s = toText(this.src(row));
    if (s === undefined) return false;
    const m = this.miner.add(s);
    this.total++;
    if (this.miner.revision !== this.revision) this.rekey();
    const t = toNumber(row.get('@timestamp')) ?? this.fromTime;
    let h = this.hist.get(m.patternId);
    if (!h) this.hist.set(m.patternId, (h = new Array<number>(HISTOGRAM_BUCKETS).fill(0)));
    h[this.bucket(t)]!++;
    return false;
  }
  private bucket(t: number): number {
    const span = Math.max(1, this.toTime - this.fromTime + 1);
    return Math.min(HISTOGRAM_BUCKETS - 1, Math.max(0, Math.floor(((t - this.fromTime) * HISTOGRAM_BUCKETS) / span)));
  }
  /** Patterns merged: histograms follow their pattern's current id. */
  private rekey(): void {
    this.revision = this.miner.revision;
    const old = [...this.hist];
    this.hist.clear();
    for (const [id, h] of old) {
      const cur = this.miner.resolve(id);
      if (cur === undefined) continue;
      const into = this.hist.get(cur);
      if (into) h.forEach((n, i) => (into[i]! += n));
      else this.hist.set(cur, h);
    }
  }
  end(): void {
    this.rekey();
    for (const p of this.miner.patterns()) {
      const row = new PatternRow();
      let dyn = 0;
      const text = p.tokens.map((t) => (t.isDynamic ? t.tokenString.replace(/<\*>/g, () => `<Token-${++dyn}>`) : t.tokenString)).join(" ");
      const h = this.hist.get(p.patternId) ?? new Array<number>(HISTOGRAM_BUCKETS).fill(0);
      const max = Math.max(1, ...h);
      row.set('@pattern', text);
      row.set('@ratio', this.total === 0 ? 0 : p.count / this.total);
      row.set('@sampleCount', p.count);
      row.set('@severityLabel', severityLabel(text));
      row.set(
        '@tokens',
        JSON.stringify(
          p.tokens
            .filter((t) => t.isDynamic)
            .map((t, i) => ({
              token: `<Token-${i + 1}>`,
              position: t.position,
              enumerations: t.enumerations ? Object.fromEntries(t.enumerations) : {},
              ...(t.highCardinality ? { highCardinality: true } : {}),
            })),
        ),
      );
      row.set('@visualization', h.map((n) => (n === 0 ? ' ' : BARS[Math.min(BARS.length - 1, Math.floor((n / max) * (BARS.length - 1)))])).join(''));
      row.histogram = h;
      if (this.withAnomaly) (row as PatternRow).set('\u0000pattern', p.patternId);
      if (this.next.push(row)) break;
    }
    this.next.end();
  }
}

function severityLabel(text: string): string {
  switch (severityOf(text)) {
    case 'FATAL':
      return 'Critical';
    case 'ERROR':
      return 'Error';
    case 'WARN':
      return 'Warning';
    default:
      return 'Info';
  }
}

/**
 * `anomaly` after `pattern`: the query's time range is cut in ten; the first nine are the baseline and the last one
 * is compared against it. A pattern absent from the baseline is new; one whose count in the last part is improbable
 * under a Poisson law with the baseline's mean (upper tail below 0.1%) is a frequency anomaly. Only anomalous
 * patterns are kept.
 */
class AnomalyStage implements Stage {
  constructor(private readonly next: Stage) {}
  push(row: Row): boolean {
    if (!(row instanceof PatternRow)) return false;
    const h = row.histogram;
    const recent = h[h.length - 1]!;
    const base = h.slice(0, -1);
    const baseTotal = base.reduce((a, b) => a + b, 0);
    if (recent === 0) return false;
    const severity = toText(row.get('@severityLabel'))!;
    if (baseTotal === 0) {
      row.set('@anomalyType', 'New pattern');
      row.set('@description', `Pattern first seen in the last part of the time range (${recent} events).`);
      row.set('@priority', severity === 'Critical' || severity === 'Error' ? 'HIGH' : 'MEDIUM');
      return this.next.push(row);
    }
    const mean = baseTotal / base.length;
    const p = poissonUpperTail(recent, mean);
    if (p >= 0.001) return false;
    row.set('@anomalyType', 'Frequency');
    row.set('@description', `${recent} events in the last part of the time range against ${mean.toFixed(1)} on average before.`);
    row.set('@priority', severity === 'Critical' || severity === 'Error' ? 'HIGH' : recent > 10 * mean ? 'MEDIUM' : 'LOW');
    return this.next.push(row);
  }
  end(): void {
    this.next.end();
  }
}
