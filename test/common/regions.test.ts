import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseRegionNames, RegionSet } from '../../src/common/regions.js';
import { partitionRegions, renderRegionsModule } from '../../src/common/regionsSource.js';
import { repoRoot } from '../helpers/paths.js';

test('the generated region list matches the partitions data of the installed AWS SDK (npm run codegen:regions)', () => {
  const file = readFileSync(join(repoRoot, 'src', 'common', 'regions.generated.ts'), 'utf8');
  assert.equal(file, renderRegionsModule(partitionRegions()));
});

test("accepts AWS's commercial regions and private names given, and nothing else", () => {
  const regions = new RegionSet(parseRegionNames('on-prem-1, lab-2'));
  for (const r of ['us-east-1', 'eu-west-3', 'ap-southeast-2', 'on-prem-1', 'lab-2']) assert.ok(regions.has(r), r);
  for (const r of ['us-eest-1', 'aws-global', 'cn-north-1', 'US-EAST-1', '']) assert.ok(!regions.has(r), r);
  assert.deepEqual(regions.extra, ['on-prem-1', 'lab-2']);
  assert.throws(() => new RegionSet(['Bad_Name']), /invalid region name 'Bad_Name'/);
});
