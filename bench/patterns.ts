/**
 * Accuracy and throughput of the pattern miner on Loghub-2k style folders.
 *
 *   npm run bench:patterns -- [--errors N] [--no-speed] [--loo] [DIR...]
 *
 * Default DIRs: every folder of <repo>/../shared/loghub-2k/. Prints `<Name> GA=… PA=… lines_per_s=N` per folder
 * with the default configuration, the average and the worst system. `--errors N` also lists, per folder, the N
 * largest predicted groups that are wrong; `--no-speed` skips the throughput runs.
 *
 * `--loo` (leave one system out) asks how the miner does on a system it was not tuned on: for every system, the
 * configuration of the grid below with the best worst-system GA on the *other* systems (then the best average) is chosen, and its GA on the
 * system left out is printed; then the average and the worst of those figures. A setting that only helps the system
 * it came from shows up as a low figure there.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateLines, readStructured, type DatasetResult, type LabelledLine } from '../src/anomaly/miner/accuracy.js';
import { PatternMiner, type MinerOptions } from '../src/anomaly/miner/index.js';

/** The settings tuned by `--loo`: Drain's similarity threshold and the values a word position may split into. */
const GRID: MinerOptions[] = [];
for (const similarityThreshold of [0.5, 0.6, 0.7]) {
  for (const splitCardinality of [1, 2, 3, 4, 6, 8]) GRID.push({ similarityThreshold, splitCardinality });
}
const label = (o: MinerOptions) => `sim=${o.similarityThreshold} split=${o.splitCardinality}`;

function leaveOneOut(sets: { name: string; lines: LabelledLine[] }[]): void {
  // GA of every configuration on every system
  const ga = GRID.map((o) => sets.map((d) => evaluateLines(d.name, d.lines, o).ga));
  let sum = 0;
  let worst = { name: '', ga: 2 };
  sets.forEach((d, i) => {
    // the configuration whose worst system among the others is best (then the best average): generality first
    let best = 0;
    let bestAvg = -1;
    let bestMin = -1;
    ga.forEach((row, c) => {
      const others = row.filter((_, j) => j !== i);
      const avg = others.reduce((a, x) => a + x, 0) / others.length;
      const min = Math.min(...others);
      if (min > bestMin + 1e-9 || (Math.abs(min - bestMin) <= 1e-9 && avg > bestAvg + 1e-9)) {
        bestMin = min;
        bestAvg = avg;
        best = c;
      }
    });
    const g = ga[best]![i]!;
    console.log(`loo ${d.name} GA=${g.toFixed(3)} chosen=${label(GRID[best]!)} (others ${bestAvg.toFixed(3)})`);
    sum += g;
    if (g < worst.ga) worst = { name: d.name, ga: g };
  });
  console.log(`loo average GA=${(sum / sets.length).toFixed(3)} worst=${worst.name} ${worst.ga.toFixed(3)}`);
  const all = ga.map((row, c) => ({ c, avg: row.reduce((a, x) => a + x, 0) / row.length, min: Math.min(...row) }));
  for (const r of all) console.log(`grid ${label(GRID[r.c]!)} average=${r.avg.toFixed(3)} worst=${r.min.toFixed(3)}`);
}

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'src'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('repository root not found');
    dir = up;
  }
}

/** CPU time of this process (all threads, so garbage-collector helpers count against the miner), in ms. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * Lines per second of `add` (masking included) on one core: the lines are fed again and again to one miner for at
 * least `minMs` of CPU time. CPU time rather than wall time, so that other processes on a shared machine do not
 * count; the best of three rounds, so that a round disturbed by them does not either.
 */
function throughput(lines: readonly string[], minMs = 400): number {
  const miner = new PatternMiner();
  for (const l of lines) miner.add(l); // warm the JIT and learn the patterns once
  let best = 0;
  for (let round = 0; round < 3; round++) {
    let n = 0;
    const t0 = cpuMs();
    let elapsed = 0;
    while (elapsed < minMs) {
      for (const l of lines) miner.add(l);
      n += lines.length;
      elapsed = cpuMs() - t0;
    }
    best = Math.max(best, (n / elapsed) * 1000);
  }
  return Math.round(best);
}

function printErrors(r: DatasetResult, lines: readonly LabelledLine[], max: number): void {
  const groups = new Map<string, number[]>();
  r.predictedIds.forEach((id, i) => {
    let g = groups.get(id);
    if (g === undefined) groups.set(id, (g = []));
    g.push(i);
  });
  const truthSize = new Map<string, number>();
  for (const l of lines) truthSize.set(l.template, (truthSize.get(l.template) ?? 0) + 1);
  const wrong = [...groups.values()]
    .filter((m) => {
      const t = lines[m[0]!]!.template;
      return truthSize.get(t) !== m.length || m.some((i) => lines[i]!.template !== t);
    })
    .sort((a, b) => b.length - a.length)
    .slice(0, max);
  for (const m of wrong) {
    const byTruth = new Map<string, number[]>();
    for (const i of m) {
      const t = lines[i]!.template;
      let a = byTruth.get(t);
      if (a === undefined) byTruth.set(t, (a = []));
      a.push(i);
    }
    console.log(`  predicted (${m.length}): ${r.predictedTemplates[m[0]!]}`);
    for (const [t, idx] of byTruth) {
      console.log(`    truth ${idx.length}/${truthSize.get(t)}: ${t}`);
      console.log(`      e.g. ${lines[idx[0]!]!.content}`);
    }
  }
}

function main(): void {
  const args = process.argv.slice(2);
  let errors = 0;
  let speed = true;
  let loo = false;
  const dirs: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--errors') errors = Number(args[++i] ?? '5');
    else if (args[i] === '--no-speed') speed = false;
    else if (args[i] === '--loo') loo = true;
    else dirs.push(args[i]!);
  }
  if (dirs.length === 0) {
    const base = join(repoRoot(), '..', 'shared', 'loghub-2k');
    if (!existsSync(base)) {
      console.error(`no folders given and ${base} does not exist`);
      process.exit(2);
    }
    for (const f of readdirSync(base).sort()) if (statSync(join(base, f)).isDirectory()) dirs.push(join(base, f));
  }
  let sumGa = 0;
  let sumPa = 0;
  let worst = { name: '', ga: 2 };
  const sets: { name: string; lines: LabelledLine[] }[] = [];
  for (const dir of dirs) {
    const { name, lines } = readStructured(dir);
    sets.push({ name, lines });
    const r = evaluateLines(name, lines);
    if (r.ga < worst.ga) worst = { name, ga: r.ga };
    const lps = speed ? ` lines_per_s=${throughput(lines.map((l) => l.content))}` : '';
    console.log(`${name} GA=${r.ga.toFixed(3)} PA=${r.pa.toFixed(3)}${lps}`);
    if (errors > 0) printErrors(r, lines, errors);
    sumGa += r.ga;
    sumPa += r.pa;
  }
  console.log(`average GA=${(sumGa / dirs.length).toFixed(3)} PA=${(sumPa / dirs.length).toFixed(3)} worst=${worst.name} ${worst.ga.toFixed(3)}`);
  if (loo && sets.length > 1) leaveOneOut(sets);
}

main();
