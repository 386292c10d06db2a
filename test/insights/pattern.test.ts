/**
 * `pattern @message` groups events exactly as the anomaly detectors' miner does, so its grouping accuracy on the
 * Loghub-2k samples is the miner's (`npm run bench:patterns` prints it): same patterns, same counts.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { evaluateLines, readStructured } from '../../src/anomaly/miner/accuracy.js';
import { QueryEngine } from '../../src/insights/engine.js';
import { parseQuery } from '../../src/insights/parser.js';
import { EventRow } from '../../src/insights/row.js';
import { sharedDir } from '../helpers/paths.js';
import { createGroupAndStream, put, startLogsEnv, type LogsEnv } from '../logs/helpers.js';
import { rows, runQuery } from './helpers.js';

const loghub = process.env.LOGHUB_DIR ?? join(sharedDir, 'loghub-2k');
const datasets = existsSync(loghub) ? readdirSync(loghub).filter((d) => existsSync(join(loghub, d, `${d}_2k.log_structured.csv`))) : [];
const skip = datasets.length === 0 ? `Loghub-2k samples not found in ${loghub} (set LOGHUB_DIR)` : false;

/** Pattern counts of the miner's own grouping (what its accuracy is measured on), largest first. */
function minerCounts(lines: { content: string }[]): number[] {
  const r = evaluateLines('x', lines.map((l) => ({ content: l.content, eventId: '', template: '' })));
  const counts = new Map<string, number>();
  for (const id of r.predictedIds) counts.set(id, (counts.get(id) ?? 0) + 1);
  return [...counts.values()].sort((a, b) => b - a);
}

function patternCounts(results: Record<string, string>[]): number[] {
  return results.map((r) => Number(r['@sampleCount'])).sort((a, b) => b - a);
}

describe('pattern over Loghub-2k', { skip }, () => {
  for (const name of datasets) {
    test(`${name}: the pattern command's groups are the miner's`, () => {
      const { lines } = readStructured(join(loghub, name));
      const engine = new QueryEngine(parseQuery('pattern @message'), { maxResults: 10_000, fromTime: 0, toTime: lines.length });
      lines.forEach((l, i) => engine.push(new EventRow({ timestamp: i, ingestionTime: i, message: l.content, logStream: 's', log: 'g', ptr: '' })));
      engine.end();
      const results = engine.results.map((r) => Object.fromEntries(r.map((f) => [f.field, f.value])));
      assert.deepEqual(patternCounts(results), minerCounts(lines));
      const ratio = results.reduce((s, r) => s + Number(r['@ratio']), 0);
      assert.ok(Math.abs(ratio - 1) < 1e-9, 'ratios add up to 1');
      for (const r of results) assert.deepEqual(Object.keys(r), ['@pattern', '@ratio', '@sampleCount', '@severityLabel', '@tokens', '@visualization']);
    });
  }

  describe('through StartQuery on an encrypted group', () => {
    let env: LogsEnv;
    before(async () => {
      env = await startLogsEnv();
    });
    after(() => env.dispose());

    test('HDFS events are grouped as the miner groups them, and anomaly finds a burst of a new pattern', async () => {
      const { lines } = readStructured(join(loghub, datasets.includes('HDFS') ? 'HDFS' : datasets[0]!));
      await createGroupAndStream(env.logs, 'loghub', 's');
      const start = Math.floor(env.clock.now() / 1000) * 1000 - 3_600_000;
      for (let i = 0; i < lines.length; i += 500) {
        await put(env.logs, 'loghub', 's', lines.slice(i, i + 500).map((l, j) => ({ timestamp: start + i + j, message: l.content })));
      }
      const q = { logGroupName: 'loghub', startTime: start / 1000, endTime: start / 1000 + 3599 };
      const r = await runQuery(env.logs, { ...q, queryString: 'pattern @message' });
      assert.equal(r.status, 'Complete');
      assert.deepEqual(patternCounts(rows(r)), minerCounts(lines));

      // A pattern that appears only at the end of the range is new against the baseline.
      await put(env.logs, 'loghub', 's', Array.from({ length: 20 }, (_, i) => ({ timestamp: start + 3_500_000 + i, message: `FATAL disk /dev/sd${i % 3} failed with code ${i}` })));
      const a = rows(await runQuery(env.logs, { ...q, queryString: 'pattern @message | anomaly' }));
      const burst = a.find((x) => x['@pattern']!.startsWith('FATAL disk'));
      assert.ok(burst, JSON.stringify(a));
      assert.equal(burst['@anomalyType'], 'New pattern');
      assert.equal(burst['@priority'], 'HIGH');
      assert.equal(burst['@severityLabel'], 'Critical');
    });
  });
});
