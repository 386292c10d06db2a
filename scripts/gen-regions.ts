/**
 * Writes src/common/regions.generated.ts: the region names of AWS's commercial partition (`aws`), from the partitions
 * data the AWS SDK for JavaScript v3 ships (@aws-sdk/core's util-endpoints). Run with `npm run codegen:regions` after
 * updating the SDK; test/common/regions.test.ts fails when the file is stale.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { partitionRegions, renderRegionsModule } from '../src/common/regionsSource.js';

const out = join(import.meta.dirname, '..', 'src', 'common', 'regions.generated.ts');
writeFileSync(out, renderRegionsModule(partitionRegions()));
process.stdout.write(`wrote ${out}\n`);
