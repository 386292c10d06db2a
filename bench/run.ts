import { codecsBench } from './codecs.js';
import { foundationBench } from './foundation.js';
import { kmsBench } from './kms.js';
import { kmsHandlersBench } from './kmsHandlers.js';
import { logsBench } from './logs.js';
import { postgresBench } from './postgres.js';
import { maskingBench } from './masking.js';
import { perCoreBench } from './perCore.js';
import { sketchBench } from './sketch.js';
import { writeJson } from './results.js';
import { transformBench } from './transform.js';
import { workersBench } from './workers.js';

/**
 * `npm run bench`: every benchmark, each printing its figures and its ratio to a limit measured in the same run.
 * `npm run bench -- NAME…` runs only the named ones; `--json FILE` also writes the cost figures (server CPU per unit
 * of work, beside its limit and target) to FILE, for comparison between commits. LOGSEAL_BENCH_SECONDS sets the
 * measuring time (default 8).
 */
const benches: Record<string, (seconds: number) => Promise<boolean>> = {
  percore: perCoreBench,
  foundation: foundationBench,
  kms: kmsBench,
  kmshandlers: kmsHandlersBench,
  logs: logsBench,
  postgres: postgresBench,
  masking: maskingBench,
  sketch: sketchBench,
  transform: transformBench,
  workers: workersBench,
  codecs: codecsBench,
};

const seconds = Number(process.env.LOGSEAL_BENCH_SECONDS ?? 8);
const args = process.argv.slice(2);
let jsonFile: string | undefined;
const wanted: string[] = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--json') {
    jsonFile = args[++i];
    if (!jsonFile) throw new Error('--json needs a file name');
  } else if (args[i]!.startsWith('--json=')) jsonFile = args[i]!.slice('--json='.length);
  else wanted.push(args[i]!);
}
for (const name of wanted) if (!(name in benches)) throw new Error(`unknown bench ${name} (known: ${Object.keys(benches).join(', ')})`);
let allOk = true;
for (const [name, fn] of Object.entries(benches)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  console.log(`== ${name}`);
  const ok = await fn(seconds);
  allOk &&= ok;
}
if (jsonFile) {
  writeJson(jsonFile, seconds);
  console.log(`bench: figures written to ${jsonFile}`);
}
console.log(allOk ? 'bench: all targets met' : 'bench: some targets not met');
