import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateLogStreamCommand, FilterLogEventsCommand, type FilteredLogEvent, type FilterLogEventsCommandInput } from '@aws-sdk/client-cloudwatch-logs';
import { compileFilter, parseFilterPattern } from '../../../src/logs/filter/index.js';
import type { SqliteStore } from '../../../src/store/sqlite/sqliteStore.js';
import { devAccount } from '../../helpers/server.js';
import { createGroupAndStream, put, REGION, startLogsEnv, type LogsEnv } from '../helpers.js';

/**
 * Chunks carry a sketch of their text (decision 0024) that lets FilterLogEvents skip those that cannot match. The
 * same events stored in chunks with sketches and in chunks without (as written before sketches existed) must give
 * the same answers, and those answers must be what the pattern matches among all events.
 */
describe('FilterLogEvents over chunks with and without sketches', () => {
  let env: LogsEnv;
  let base: number;
  const all: { timestamp: number; message: string }[] = [];
  /** How many times the store was asked for each chunk's body (by chunk id). */
  const bodiesRead = new Map<number, number>();

  before(async () => {
    env = await startLogsEnv();
    base = env.clock.now() - 600_000;
    const words = ['INFO', 'INFO', 'WARN', 'DEBUG'];
    for (const group of ['sketched', 'old']) {
      await createGroupAndStream(env.logs, group, 'a');
      await env.logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: 'b' }));
    }
    // 24 batches over two streams; only a few batches hold ERROR, one holds "disk full", one a timeout.
    for (let b = 0; b < 24; b++) {
      const batch = Array.from({ length: 20 }, (_, j) => {
        const n = b * 20 + j;
        let level = words[n % words.length]!;
        if (b % 8 === 3 && j === 5) level = 'ERROR';
        let message = `${level} request ${n} handled path=/api/v${b % 3} user=u${(n * 7) % 50}`;
        if (b === 10 && j === 2) message += ' disk full on /dev/sda1';
        if (b === 17 && j === 9) message = JSON.stringify({ level: 'ERROR', msg: 'timeout talking to db' });
        return { timestamp: base + n, message };
      });
      all.push(...batch);
      for (const group of ['sketched', 'old']) await put(env.logs, group, b % 2 ? 'a' : 'b', batch);
    }
    // The "old" group's chunks lose their sketches: they are read as chunks written before sketches.
    const store = env.srv.server.app.store as unknown as SqliteStore;
    const old = (await env.srv.server.app.store.logs.getGroup(devAccount, REGION, 'old'))!;
    const removed = await store.write((p) => p('DELETE FROM log_chunk_sketches WHERE chunk_id IN (SELECT id FROM log_chunks WHERE group_id = ?)').run(old.id).changes);
    assert.equal(removed, 24, 'every chunk had a sketch');
    const logs = env.srv.server.app.store.logs;
    const original = logs.chunkBodies.bind(logs);
    logs.chunkBodies = async (ids) => {
      for (const id of ids) bodiesRead.set(id, (bodiesRead.get(id) ?? 0) + 1);
      return original(ids);
    };
  });
  after(() => env?.dispose());

  async function allPages(input: Partial<FilterLogEventsCommandInput>): Promise<FilteredLogEvent[]> {
    const out: FilteredLogEvent[] = [];
    let token: string | undefined;
    for (let i = 0; i < 100; i++) {
      const page = await env.logs.send(new FilterLogEventsCommand({ ...input, nextToken: token }));
      out.push(...page.events!);
      token = page.nextToken;
      if (!token) return out;
    }
    throw new Error('pagination did not end');
  }

  const PATTERNS = [
    'ERROR',
    'NEVERLOGGED',
    '"disk full"',
    '?timeout ?NEVERLOGGED',
    '?NEVERLOGGED ?ABSENTTOO',
    '%time[o]ut%',
    '%disk.fu?ll%',
    'ERROR -timeout',
    '-INFO',
    'request "path=/api/v2" "user=u7"',
    '{ $.level = "ERROR" }',
    '[level = ERROR, ...]',
    '',
  ];
  for (const pattern of PATTERNS) {
    test(`the same events for ${JSON.stringify(pattern)}, in both directions`, async () => {
      const match = pattern ? compileFilter(parseFilterPattern(pattern)) : () => true;
      const expected = all.filter((e) => match(e.message)).map((e) => [e.timestamp, e.message]);
      for (const startFromHead of [true, false]) {
        const want = startFromHead ? expected : [...expected].reverse();
        for (const group of ['sketched', 'old']) {
          const got = await allPages({ logGroupName: group, filterPattern: pattern, startFromHead, limit: 7 });
          assert.deepEqual(
            got.map((e) => [e.timestamp, e.message]),
            want,
            `${group}, ${startFromHead ? 'from head' : 'newest first'}`,
          );
        }
      }
    });
  }

  test('a term in no chunk reads no chunk body where chunks have sketches, and every body where they do not', async () => {
    const ids = async (group: string) => {
      const g = (await env.srv.server.app.store.logs.getGroup(devAccount, REGION, group))!;
      const page = await env.srv.server.app.store.logs.listChunkHeads({ groupId: g.id, fromTime: 0, toTime: Number.MAX_SAFE_INTEGER, order: 'asc', limit: 100 });
      return page.chunks.map((c) => c.id);
    };
    const count = (list: number[]) => list.reduce((n, id) => n + (bodiesRead.get(id) ?? 0), 0);
    const sketched = await ids('sketched');
    const old = await ids('old');
    const before = [count(sketched), count(old)];
    for (const group of ['sketched', 'old']) {
      assert.deepEqual(await allPages({ logGroupName: group, filterPattern: 'NEVERLOGGED' }), []);
    }
    assert.equal(count(sketched) - before[0]!, 0, 'no body of a sketched chunk read');
    assert.equal(count(old) - before[1]!, old.length, 'every body of a chunk without a sketch read once');
    // A term in some chunks reads fewer bodies than there are chunks.
    const mid = count(sketched);
    await allPages({ logGroupName: 'sketched', filterPattern: '"disk full"' });
    const read = count(sketched) - mid;
    assert.ok(read >= 1 && read < sketched.length / 2, `${read} of ${sketched.length} bodies read for a term in one chunk`);
  });

  test('compaction gives merged chunks a sketch, also when the chunks it merges had none, and answers stay the same', async () => {
    await env.runTask('logs-compaction');
    const logs = env.srv.server.app.store.logs;
    for (const group of ['sketched', 'old']) {
      const g = (await logs.getGroup(devAccount, REGION, group))!;
      const heads = (await logs.listChunkHeads({ groupId: g.id, fromTime: 0, toTime: Number.MAX_SAFE_INTEGER, order: 'asc', limit: 100 })).chunks;
      assert.ok(heads.length < 24, `${group}: chunks were merged (${heads.length} left)`);
      assert.ok(
        heads.every((h) => h.sketch !== undefined),
        `${group}: every chunk has a sketch after compaction`,
      );
      for (const pattern of ['ERROR', '"disk full"', 'NEVERLOGGED', '%time[o]ut%']) {
        const match = compileFilter(parseFilterPattern(pattern));
        const got = await allPages({ logGroupName: group, filterPattern: pattern, limit: 5 });
        assert.deepEqual(
          got.map((e) => [e.timestamp, e.message]),
          all.filter((e) => match(e.message)).map((e) => [e.timestamp, e.message]),
          `${group}: ${pattern}`,
        );
      }
    }
  });
});
