/** The fault harnesses, in the order `npm run test:faults` runs them. */
import type { FaultOptions, HarnessResult } from './lib.js';
import { killIngest } from './killIngest.js';
import { memory } from './memory.js';

export const harnesses: Record<string, (opts: FaultOptions) => Promise<HarnessResult>> = {
  'kill-ingest': killIngest,
  memory,
};
