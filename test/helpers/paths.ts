import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, found by walking up from this file (works from test/ under tsx and from dist/test/). */
export const repoRoot: string = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'src'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('repository root not found');
    dir = up;
  }
})();

/** The service models the protocol layer is generated from (botocore's, without documentation). */
export const modelsDir: string = join(repoRoot, 'models', 'aws');

/** The shared folder beside the repository (the original AWS models, Loghub samples); may be absent in a clone. */
export const sharedDir: string = join(repoRoot, '..', 'shared');
