import { decodeEvents, encodeBatch, type EventColumns } from '../src/logs/chunks.js';
import { buildSketchWith, Sketch } from '../src/logs/sketch.js';
import { fmt } from './lib.js';
import { EVENTS_PER_BATCH, logLine, mulberry32 } from './logs.js';

/**
 * How the chunk sketch's parameters trade (decision 0024): for batches of 1,000 bench log lines (an ingest chunk)
 * and 5 of them merged (~1 MB, a compacted chunk), per (bits built with, largest fill kept): CPU µs per event to
 * build the sketch, sealed bytes per chunk, and the share of chunks a term that occurs in none of them still has to
 * open (false positives), for absent words of 4–12 letters and absent values shaped like the lines' own.
 */
export async function sketchBench(): Promise<boolean> {
  const rand = mulberry32(7);
  const chunk = (events: number): EventColumns => {
    const evs = Array.from({ length: events }, (_, j) => ({ timestamp: j, message: logLine(rand, j % 100 === 0) }));
    const lens = Uint32Array.from(evs, (e) => Buffer.byteLength(e.message));
    return decodeEvents(encodeBatch(evs, lens, 0, evs.length, 0));
  };
  const small = Array.from({ length: 16 }, () => chunk(EVENTS_PER_BATCH));
  const big = Array.from({ length: 4 }, () => chunk(5 * EVENTS_PER_BATCH));
  const absent = absentTerms(rand, [...small, ...big]);
  console.log(`chunk sketch: ${absent.length} absent terms; build µs/event (min of 5), bytes, false positives`);
  for (const build of [14, 16, 18]) {
    for (const fill of [0.2, 0.3, 0.5]) {
      const row: string[] = [];
      for (const [name, set] of [['1k events', small], ['5k events', big]] as const) {
        let best = Infinity;
        let sketches: Buffer[] = [];
        for (let r = 0; r < 5; r++) {
          const t0 = process.cpuUsage();
          sketches = set.map((c) => buildSketchWith(c, build, fill));
          const d = process.cpuUsage(t0);
          best = Math.min(best, (d.user + d.system) / set.reduce((n, c) => n + c.count, 0));
        }
        const opened = sketches.map((s) => new Sketch(s));
        const fp = [0, 0];
        for (const s of opened) absent.forEach((t, k) => s.mayContain(t) && fp[k % 2]!++);
        const bytes = sketches.reduce((n, s) => n + s.length, 0) / sketches.length + 29;
        row.push(`${name}: ${best.toFixed(3)} µs/event, ${fmt(bytes)} B, FP words ${((200 * fp[0]!) / (opened.length * absent.length)).toFixed(2)} %, values ${((200 * fp[1]!) / (opened.length * absent.length)).toFixed(2)} %`);
      }
      console.log(`  build 2^${build} bits, fill ≤ ${fill}: ${row.join(' | ')}`);
    }
  }
  return true;
}

/** Terms of 4–12 characters (letters, or digits and `=`) occurring in no chunk. */
function absentTerms(rand: (n: number) => number, chunks: EventColumns[]): Buffer[] {
  const text = chunks.map((c) => c.utf8.toString('utf8')).join('\n');
  const out: Buffer[] = [];
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  while (out.length < 2000) {
    const len = 4 + rand(9);
    let t = '';
    if (out.length % 2 === 0) for (let i = 0; i < len; i++) t += letters[rand(letters.length)];
    else t = `user=u${5000 + rand(5000)}`; // the lines' own shape, a value they never hold
    if (!text.includes(t)) out.push(Buffer.from(t));
  }
  return out;
}
