import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { SqliteStore } from '../../../src/store/sqlite/sqliteStore.js';

const dir = mkdtempSync(join(tmpdir(), 'logseal-shared-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Two stores on one file stand for two worker processes (each has connections of its own). */
function pair(name: string): [SqliteStore, SqliteStore] {
  const path = join(dir, `${name}.db`);
  return [new SqliteStore(path, { shared: true }), new SqliteStore(path, { shared: true })];
}

test('one process of those sharing a SQLite file holds the scheduler lease; resigning hands it over', async () => {
  const [a, b] = pair('lease');
  try {
    assert.equal(await a.coordination.lead(), true);
    assert.equal(await b.coordination.lead(), false);
    assert.equal(await a.coordination.lead(), true, 'the holder keeps it');
    assert.deepEqual([a.coordination.isLeader(), b.coordination.isLeader()], [true, false]);
    await a.coordination.resign();
    assert.equal(a.coordination.isLeader(), false);
    assert.equal(await b.coordination.lead(), true);
    assert.equal(await a.coordination.lead(), false);
    assert.equal((await b.coordination.health()).leader, true);
  } finally {
    await a.close();
    await b.close();
  }
});

test('the lease of a process that no longer exists is taken at the next check, before it expires', async () => {
  const [a, b] = pair('dead');
  try {
    assert.equal(await a.coordination.lead(), true);
    const gone = spawnSync(process.execPath, ['-e', '0']).pid!; // a pid that has exited
    await a.write((p) => p('UPDATE scheduler_lease SET pid = ?').run(gone));
    assert.equal(await b.coordination.lead(), true);
    assert.equal(await a.coordination.lead(), false, 'the old holder learns it lost the lease');
  } finally {
    await a.close();
    await b.close();
  }
});

test('an expired lease is taken over even when its holder still runs', async () => {
  const [a, b] = pair('expired');
  try {
    assert.equal(await a.coordination.lead(), true);
    await a.write((p) => p('UPDATE scheduler_lease SET expires_at = ?').run(Date.now() - 1));
    assert.equal(await b.coordination.lead(), true);
  } finally {
    await a.close();
    await b.close();
  }
});

test('the change counter moves when another process changes an access key, and not when it writes what no process caches', async () => {
  const [a, b] = pair('epoch');
  try {
    const seen: number[] = [];
    b.changes!.onChange((n) => seen.push(n));
    const before = b.changes!.current();
    await new Promise((r) => setImmediate(r));
    await a.accounts.createAccount({ accountId: '111122223333', createdAt: Date.now() });
    const after1 = b.changes!.current();
    assert.ok(after1 > before);
    assert.deepEqual(seen, [after1]);
    await new Promise((r) => setImmediate(r));
    await a.meta.put('unrelated', Buffer.from('x'));
    assert.equal(b.changes!.current(), after1, 'a table nothing caches does not move it');
  } finally {
    await a.close();
    await b.close();
  }
});

test('a store not shared has no change counter and always leads', async () => {
  const s = new SqliteStore(join(dir, 'alone.db'));
  try {
    assert.equal(s.changes, undefined);
    assert.equal(await s.coordination.lead(), true);
  } finally {
    await s.close();
  }
});
