/** The fault harnesses, in the order `npm run test:faults` runs them. */
import type { FaultOptions, HarnessResult } from './lib.js';
import { diskFull } from './diskFull.js';
import { fuzz } from './fuzz.js';
import { killIngest } from './killIngest.js';
import { killKeyStore } from './killKeyStore.js';
import { regex } from './regex.js';
import { memory } from './memory.js';
import { mixedLoad } from './mixedLoad.js';

export const harnesses: Record<string, (opts: FaultOptions) => Promise<HarnessResult>> = {
  'kill-ingest': killIngest,
  'kill-keystore': killKeyStore,
  'disk-full': diskFull,
  memory,
  fuzz,
  regex,
  'mixed-load': mixedLoad,
};
