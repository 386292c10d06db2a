import type { KmsOpTable } from './opTypes.js';
import { createKey } from './ops/createKey.js';
import { describeKey } from './ops/describeKey.js';

/** Keys, aliases, key policies, tags, rotation, deletion and multi-Region operations. */
export const lifecycleOps: KmsOpTable = {
  CreateKey: { run: createKey },
  DescribeKey: { run: describeKey, readOnly: true },
};
