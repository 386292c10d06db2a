import { foundationBench } from './foundation.js';
import { kmsBench } from './kms.js';
import { logsBench } from './logs.js';
import { postgresBench } from './postgres.js';
import { maskingBench } from './masking.js';
import { workersBench } from './workers.js';

/**
 * `npm run bench`: every benchmark, each printing its figures and its ratio to a limit measured in the same run.
 * `npm run bench -- NAME…` runs only the named ones. LOGSEAL_BENCH_SECONDS sets the measuring time (default 8).
 */
const benches: Record<string, (seconds: number) => Promise<boolean>> = {
  foundation: foundationBench,
  kms: kmsBench,
  logs: logsBench,
  postgres: postgresBench,
  masking: maskingBench,
  workers: workersBench,
};

const seconds = Number(process.env.LOGSEAL_BENCH_SECONDS ?? 8);
const wanted = process.argv.slice(2);
let allOk = true;
for (const [name, fn] of Object.entries(benches)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  console.log(`== ${name}`);
  const ok = await fn(seconds);
  allOk &&= ok;
}
console.log(allOk ? 'bench: all targets met' : 'bench: some targets not met');
