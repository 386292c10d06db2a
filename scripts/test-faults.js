#!/usr/bin/env node
// `npm run test:faults [-- --cycles N --requests N --seed N --soak SECONDS --only NAME,…]`: the fault harnesses of
// test/faults (compiled to dist/test/faults), one after the other. Each prints what it tried and what it found; the
// exit code is non-zero when one fails. Loopback only; servers run in child processes on random ports.
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    cycles: { type: 'string', default: '5' },
    requests: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '17' },
    soak: { type: 'string' },
    'load-seconds': { type: 'string', default: '20' },
    only: { type: 'string' },
  },
  strict: true,
});
const opts = {
  cycles: Number(values.cycles),
  requests: Number(values.requests),
  seed: Number(values.seed),
  loadSeconds: Number(values.soak ?? values['load-seconds']),
  soak: values.soak !== undefined,
};
const { harnesses } = await import('../dist/test/faults/index.js');
const only = values.only ? values.only.split(',') : values.soak !== undefined ? ['mixed-load'] : undefined;
const started = Date.now();
let failed = 0;
for (const [name, run] of Object.entries(harnesses)) {
  if (only && !only.includes(name)) continue;
  const t = Date.now();
  console.log(`== ${name}`);
  let result;
  try {
    result = await run(opts);
  } catch (err) {
    result = { ok: false, summary: `harness error: ${err instanceof Error ? err.stack : String(err)}` };
  }
  const secs = ((Date.now() - t) / 1000).toFixed(1);
  if (result.skipped) console.log(`-- ${name}: SKIPPED (${result.skipped}) [${secs} s]`);
  else console.log(`-- ${name}: ${result.ok ? 'PASS' : 'FAIL'}: ${result.summary} [${secs} s]`);
  if (!result.ok && !result.skipped) failed++;
}
console.log(`test:faults: ${failed === 0 ? 'all passed' : `${failed} failed`} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
process.exit(failed === 0 ? 0 : 1);
