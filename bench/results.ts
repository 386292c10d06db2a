import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { repoRoot } from './lib.js';

/**
 * Cost figures of a bench run, kept for `npm run bench -- --json FILE`: each a server cost per unit of work beside
 * the limit measured in the same run and its target, so that two commits can be compared figure by figure.
 */
export interface Figure {
  /** The bench that measured it (`percore`, `logs`, …). */
  bench: string;
  /** What was measured, e.g. `GenerateDataKey server CPU`. */
  name: string;
  /** e.g. `µs/request`, `µs/event`, `µs/MB`. */
  unit: string;
  value: number;
  /** The smallest of the rounds behind `value` (a median), where there were several: the least disturbed. */
  min?: number;
  /** The limit measured in the same run, in the same unit (e.g. a bare node:http server's µs/request). */
  limit?: { name: string; value: number };
  /** The target, in the same unit: lower is better for every cost figure. */
  target?: number;
  /** Whether the value meets the target (absent when there is none). */
  ok?: boolean;
}

const figures: Figure[] = [];

/** Records one figure (and decides `ok` when it has a target). */
export function record(f: Omit<Figure, 'ok'>): Figure {
  const out: Figure = { ...f };
  if (f.target !== undefined) out.ok = f.value <= f.target;
  figures.push(out);
  return out;
}

export function recorded(): readonly Figure[] {
  return figures;
}

/** Writes every recorded figure, with what identifies the run (commit, node, cores, load), as JSON. */
export function writeJson(file: string, seconds: number): void {
  let commit: string | undefined;
  try {
    commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    commit = undefined;
  }
  const run = {
    date: new Date().toISOString(),
    commit,
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    loadAverage: loadavg(),
    seconds,
    figures,
  };
  writeFileSync(file, JSON.stringify(run, null, 2) + '\n');
}
