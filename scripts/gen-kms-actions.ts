/** Writes src/kms/policyLint/kmsActions.generated.ts (`npm run codegen:kms-actions`); a test fails when it is stale. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { kmsPermissions, renderKmsActionsModule } from '../src/kms/policyLint/actionsSource.js';

const root = join(import.meta.dirname, '..');
const out = join(root, 'src', 'kms', 'policyLint', 'kmsActions.generated.ts');
writeFileSync(out, renderKmsActionsModule(kmsPermissions(root)));
process.stdout.write(`wrote ${out}\n`);
