/**
 * Accuracy of the miner against Loghub-style ground truth (Zhu et al., "Tools and Benchmarks for Automated Log
 * Parsing", ICSE-SEIP 2019). Used by the benchmark harness and the accuracy test; reads files, never the network.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { PatternMiner } from './miner.js';
import type { MinerOptions } from './types.js';

/** Parse CSV text (RFC 4180: quoted fields may hold commas, newlines and doubled quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  const n = text.length;
  let quoted = false;
  while (i < n) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field.length === 0) {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += c;
    }
    i++;
  }
  if (field.length > 0 || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export interface LabelledLine {
  content: string;
  eventId: string;
  template: string;
}

/** Read `<Name>_2k.log_structured.csv` of a Loghub folder. */
export function readStructured(dir: string): { name: string; lines: LabelledLine[] } {
  const name = basename(dir.replace(/\/+$/, ''));
  let file = join(dir, `${name}_2k.log_structured.csv`);
  const found = readdirSync(dir).filter((f) => f.endsWith('_structured.csv'));
  if (!found.includes(basename(file))) {
    if (found.length !== 1) throw new Error(`no *_structured.csv in ${dir}`);
    file = join(dir, found[0]!);
  }
  const rows = parseCsv(readFileSync(file, 'utf8'));
  const header = rows[0] ?? [];
  const ci = header.indexOf('Content');
  const ei = header.indexOf('EventId');
  const ti = header.indexOf('EventTemplate');
  if (ci < 0 || ei < 0 || ti < 0) throw new Error(`${file}: needs Content, EventId and EventTemplate columns`);
  const lines: LabelledLine[] = [];
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r]!;
    if (row.length === 1 && row[0] === '') continue;
    lines.push({ content: row[ci] ?? '', eventId: row[ei] ?? '', template: row[ti] ?? '' });
  }
  return { name, lines };
}

/**
 * Grouping Accuracy: share of messages whose predicted group holds exactly the messages of their true group.
 * `predicted[i]` and `truth[i]` are group labels of message i.
 */
export function groupingAccuracy(predicted: readonly string[], truth: readonly string[]): number {
  if (predicted.length !== truth.length) throw new Error('label arrays differ in length');
  if (truth.length === 0) return 1;
  const byPred = new Map<string, number[]>();
  predicted.forEach((p, i) => {
    let a = byPred.get(p);
    if (a === undefined) byPred.set(p, (a = []));
    a.push(i);
  });
  const truthSize = new Map<string, number>();
  for (const t of truth) truthSize.set(t, (truthSize.get(t) ?? 0) + 1);
  let correct = 0;
  for (const members of byPred.values()) {
    const t0 = truth[members[0]!]!;
    if (truthSize.get(t0) === members.length && members.every((i) => truth[i] === t0)) correct += members.length;
  }
  return correct / truth.length;
}

/**
 * Template normalisation for Parsing Accuracy: whitespace runs become one space, the ends are trimmed, and wildcards
 * joined only by whitespace or by `.` `:` `,` `-` `_` are one wildcard (`<*>.<*>`, `<*>:<*>`, `<*> <*>` -> `<*>`).
 */
export function normaliseTemplate(t: string): string {
  let s = t.replace(/\s+/g, ' ').trim();
  let prev: string;
  do {
    prev = s;
    s = s.replace(/<\*>(?:[\s.:,_-]+<\*>)+/g, '<*>');
  } while (s !== prev);
  return s;
}

/** Parsing Accuracy: share of messages whose predicted template equals the true one after `normaliseTemplate`. */
export function parsingAccuracy(predicted: readonly string[], truth: readonly string[]): number {
  if (predicted.length !== truth.length) throw new Error('template arrays differ in length');
  if (truth.length === 0) return 1;
  const memo = new Map<string, string>();
  const norm = (s: string): string => {
    let v = memo.get(s);
    if (v === undefined) memo.set(s, (v = normaliseTemplate(s)));
    return v;
  };
  let ok = 0;
  for (let i = 0; i < truth.length; i++) if (norm(predicted[i]!) === norm(truth[i]!)) ok++;
  return ok / truth.length;
}

export interface DatasetResult {
  name: string;
  lines: number;
  /** Patterns the miner ended with. */
  patterns: number;
  groundTruthTemplates: number;
  ga: number;
  pa: number;
  /** Per message: pattern id and pattern string predicted. */
  predictedIds: string[];
  predictedTemplates: string[];
}

/**
 * Feed every message to a fresh miner, then assign each message the final pattern of the group it joined (patterns
 * merged since resolve to the survivor), as Drain is scored.
 */
export function evaluateLines(name: string, lines: readonly LabelledLine[], opts?: MinerOptions): DatasetResult {
  const miner = new PatternMiner(opts);
  const firstIds = lines.map((l) => miner.add(l.content).patternId);
  const byId = new Map(miner.patterns().map((p) => [p.patternId, p.patternString]));
  // a pattern dropped for lack of room (beyond maxGroups) leaves its messages in a group of their own
  const predictedIds = firstIds.map((id) => miner.resolve(id) ?? id);
  const predictedTemplates = predictedIds.map((id) => byId.get(id) ?? '');
  const truth = lines.map((l) => l.template);
  return {
    name,
    lines: lines.length,
    patterns: byId.size,
    groundTruthTemplates: new Set(truth).size,
    ga: groupingAccuracy(predictedIds, truth),
    pa: parsingAccuracy(predictedTemplates, truth),
    predictedIds,
    predictedTemplates,
  };
}

export function evaluateDir(dir: string, opts?: MinerOptions): DatasetResult {
  const { name, lines } = readStructured(dir);
  return evaluateLines(name, lines, opts);
}
