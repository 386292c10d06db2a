import assert from 'node:assert/strict';
import { chmodSync, cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  PutLogEventsCommand,
  type InputLogEvent,
} from '@aws-sdk/client-cloudwatch-logs';
import { OffsetClock } from '../../src/common/clock.js';
import { Compression } from '../../src/logs/chunks.js';
import { rows, runQuery } from '../insights/helpers.js';
import { repoRoot } from '../helpers/paths.js';
import { clientConfig, startTestServer, type TestServer } from '../helpers/server.js';

/**
 * A data directory written by the server of commit e451ede, before chunks were zstd (every chunk there is Brotli:
 * quality 1 from PutLogEvents, 5 from compaction; format 2, and 3 with transformed versions). Today's server must
 * read every event back, write new ones with today's codec beside them, and compact old and new together.
 * test/fixtures/datadir-e451ede/README.md says how the fixture was made.
 */
const fixture = join(repoRoot, 'test', 'fixtures', 'datadir-e451ede');

interface FixtureGroup {
  group: string;
  stream: string;
  customerKey?: boolean;
  transformer?: unknown;
  compactAfter: number;
  batches: InputLogEvent[][];
}
const { fixtureBatches, T0 } = (await import(pathToFileURL(join(fixture, 'events.mjs')).href)) as { fixtureBatches(): FixtureGroup[]; T0: number };

const onPostgres = process.env.LOGSEAL_TEST_STORE === 'postgres' ? 'the fixture is a SQLite data directory' : false;

describe('a data directory written before chunks were zstd', { skip: onPostgres }, () => {
  const groups = fixtureBatches();
  const eventsOf = (g: FixtureGroup) => g.batches.flat().map((e) => ({ timestamp: e.timestamp!, message: e.message! }));
  let srv: TestServer;
  let logs: CloudWatchLogsClient;

  before(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'logseal-old-data-'));
    cpSync(join(fixture, 'data'), dataDir, { recursive: true });
    chmodSync(join(dataDir, 'master.key'), 0o600); // git keeps no file modes but the executable bit
    // The fixture's events are of 2026-12-03; the server's clock is set a few hours after them, so PutLogEvents
    // accepts new events beside the old ones whenever this test runs.
    const clock = new OffsetClock();
    clock.advance(T0 + 3 * 3600_000 - Date.now());
    srv = await startTestServer({ dataDir, clock });
    logs = new CloudWatchLogsClient(clientConfig(srv.url, undefined, 'us-east-1', clock));
  });
  after(async () => {
    logs?.destroy();
    await srv?.dispose();
  });

  const store = () => srv.server.app.store.logs;
  const chunksOf = async (group: string) => {
    const g = (await store().getGroup('000000000000', 'us-east-1', group))!;
    return (await store().listChunks({ groupId: g.id, fromTime: 0, toTime: Number.MAX_SAFE_INTEGER, order: 'asc', limit: 1000 })).chunks;
  };

  async function getAll(group: string, stream: string): Promise<{ timestamp: number; message: string }[]> {
    const out: { timestamp: number; message: string }[] = [];
    let token: string | undefined;
    for (;;) {
      const r = await logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: stream, startFromHead: true, nextToken: token }));
      out.push(...r.events!.map((e) => ({ timestamp: e.timestamp!, message: e.message! })));
      if (r.nextForwardToken === token) return out;
      token = r.nextForwardToken;
    }
  }

  async function filterAll(group: string, filterPattern: string): Promise<string[]> {
    const out: string[] = [];
    let token: string | undefined;
    do {
      const r = await logs.send(new FilterLogEventsCommand({ logGroupName: group, filterPattern, nextToken: token }));
      out.push(...r.events!.map((e) => e.message!));
      token = r.nextToken;
    } while (token);
    return out;
  }

  const sec = (ms: number) => Math.floor(ms / 1000);
  const countQuery = async (group: string, queryString: string) => {
    const r = await runQuery(logs, { logGroupName: group, startTime: sec(T0) - 60, endTime: sec(T0) + 7200, queryString });
    assert.equal(r.status, 'Complete', JSON.stringify(r));
    return Number(rows(r)[0]?.n ?? 0);
  };

  test('holds only Brotli chunks, as that server wrote them (compacted and not, with and without transformed versions)', async () => {
    const layout = async (group: string) => (await chunksOf(group)).map((c) => [c.data[0], c.data[1], c.count, c.compactable]);
    // [format version, compression, events, compactable]: merged chunks (first) and a batch written after the merge.
    assert.deepEqual(await layout('old/service-key'), [[2, Compression.Brotli, 360, true], [2, Compression.Brotli, 60, true]]);
    assert.deepEqual(await layout('old/customer-key'), [[2, Compression.Brotli, 1000, false], [2, Compression.Brotli, 100, true]]);
    assert.deepEqual(await layout('old/transformed'), [[3, Compression.Brotli, 200, true], [3, Compression.Brotli, 50, true]]);
  });

  test('the log groups are there, one under its customer KMS key', async () => {
    const r = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: 'old/' }));
    assert.deepEqual(r.logGroups!.map((g) => [g.logGroupName, g.kmsKeyId !== undefined]).sort(), [
      ['old/customer-key', true],
      ['old/service-key', false],
      ['old/transformed', false],
    ]);
  });

  test('GetLogEvents reads every event back, in order', async () => {
    for (const g of groups) assert.deepEqual(await getAll(g.group, g.stream), eventsOf(g), g.group);
  });

  test('FilterLogEvents finds exactly the matching events', async () => {
    for (const g of groups) {
      const term = g.transformer ? 'error' : 'ERROR';
      const want = eventsOf(g).map((e) => e.message).filter((m) => m.includes(term));
      assert.ok(want.length > 5, g.group);
      assert.deepEqual(await filterAll(g.group, term), want, g.group);
    }
  });

  test('Logs Insights counts the events, and sees the transformed fields of the transformed group', async () => {
    for (const g of groups) {
      assert.equal(await countQuery(g.group, 'stats count(*) as n'), eventsOf(g).length, g.group);
    }
    const json = groups.find((g) => g.transformer)!;
    const parsed = eventsOf(json).filter((e) => e.message.startsWith('{'));
    assert.ok(parsed.length < eventsOf(json).length); // some lines failed the transformer
    assert.equal(await countQuery(json.group, 'filter fixture = "e451ede" | stats count(*) as n'), parsed.length);
    const errors = parsed.filter((e) => (JSON.parse(e.message) as { level: string }).level === 'error').length;
    assert.equal(await countQuery(json.group, 'filter level = "error" and fixture = "e451ede" | stats count(*) as n'), errors);
  });

  test('new events are stored with the current codec and read back with the old ones, also once compacted together', async () => {
    const added = new Map<string, InputLogEvent[]>();
    for (const [k, g] of groups.entries()) {
      // After every old event of the stream, a few of them holding the filter term.
      const last = g.batches.at(-1)!.at(-1)!.timestamp!;
      const fresh = Array.from({ length: 40 }, (_, i) => ({
        timestamp: last + 1000 + i,
        message: g.transformer ? JSON.stringify({ level: i % 4 ? 'info' : 'error', user: `new-${k}-${i}` }) : `${i % 4 ? 'INFO' : 'ERROR'} new event ${k}/${i} ✓`,
      }));
      await logs.send(new PutLogEventsCommand({ logGroupName: g.group, logStreamName: g.stream, logEvents: fresh }));
      added.set(g.group, fresh);
      assert.equal((await chunksOf(g.group)).at(-1)!.data[1], Compression.Zstd, g.group);
    }
    const check = async () => {
      for (const g of groups) {
        const want = [...eventsOf(g), ...added.get(g.group)!.map((e) => ({ timestamp: e.timestamp!, message: e.message! }))];
        assert.deepEqual(await getAll(g.group, g.stream), want, g.group);
        const term = g.transformer ? 'error' : 'ERROR';
        assert.deepEqual(await filterAll(g.group, term), want.map((e) => e.message).filter((m) => m.includes(term)), g.group);
        assert.equal(await countQuery(g.group, 'stats count(*) as n'), want.length, g.group);
      }
      const json = groups.find((g) => g.transformer)!;
      // The group's transformer applies to the new events (all JSON) as it did to the old.
      const parsed = eventsOf(json).filter((e) => e.message.startsWith('{')).length + added.get(json.group)!.length;
      assert.equal(await countQuery(json.group, 'filter fixture = "e451ede" | stats count(*) as n'), parsed);
    };
    await check();

    // Old (Brotli) and new (zstd) small chunks of a stream become one zstd chunk; the big old one stays as it is.
    const task = srv.server.app.background.find((t) => t.name === 'logs-compaction')!;
    await task.runOnce();
    const layout = async (group: string) => (await chunksOf(group)).map((c) => [c.data[0], c.data[1], c.count]);
    assert.deepEqual(await layout('old/service-key'), [[2, Compression.Zstd, 360 + 60 + 40]]);
    assert.deepEqual(await layout('old/customer-key'), [[2, Compression.Brotli, 1000], [2, Compression.Zstd, 100 + 40]]);
    assert.deepEqual(await layout('old/transformed'), [[3, Compression.Zstd, 200 + 50 + 40]]);
    await check();
  });
});
