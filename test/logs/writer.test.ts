import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, test } from 'node:test';
import type { ChunkRecord, NewChunk } from '../../src/logs/model.js';
import { ChunkWriter } from '../../src/logs/writer.js';
import type { Store } from '../../src/store/types.js';

type Pending = Omit<NewChunk, 'firstSeq'>;

/** A store that records its transactions: which streams' chunks each one stored. */
function recordingStore(opts: { failCommit?: boolean } = {}) {
  const commits: number[][] = [];
  let current: number[] | undefined;
  let nextId = 1;
  const store = {
    async transaction<T>(fn: () => Promise<T>): Promise<T> {
      current = [];
      try {
        const out = await fn();
        if (opts.failCommit) throw new Error('disk full');
        commits.push(current);
        return out;
      } finally {
        current = undefined;
      }
    },
    logs: {
      async appendChunk(c: Pending): Promise<ChunkRecord | undefined> {
        if (!current) throw new Error('appendChunk outside a transaction');
        current.push(c.streamId);
        return { ...c, firstSeq: 0, id: nextId++ };
      },
    },
    // Subscription deliveries are owed in the transaction that stores the chunk.
    logSubscriptions: {
      async enqueue(): Promise<void> {
        if (!current) throw new Error('enqueue outside a transaction');
      },
    },
  };
  return { store: store as unknown as Store, commits };
}

function chunk(streamId: number): Pending {
  return { groupId: 1, streamId, count: 1, minTime: 0, maxTime: 0, maxIngestionTime: 0, rawBytes: 1, wrappedKey: Buffer.alloc(0), data: Buffer.alloc(0), compactable: true };
}

function deferred() {
  let resolve!: (c: Pending) => void;
  const promise = new Promise<Pending>((r) => (resolve = r));
  return { promise, resolve };
}

/** Lets the event loop go round `n` times. */
async function turns(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise<void>((r) => setImmediate(r));
}

/** A chunk prepared after `ms` milliseconds, as a request compressing on the libuv pool would hand it over. */
async function preparedAfter(ms: number, streamId: number): Promise<Pending> {
  await sleep(ms);
  return chunk(streamId);
}

describe('ChunkWriter', () => {
  test('stores chunks prepared concurrently in one commit, each caller getting its own record', async () => {
    const { store, commits } = recordingStore();
    const writer = new ChunkWriter(store, 60_000); // only the preparations decide when to commit
    const [a, b, c] = [deferred(), deferred(), deferred()];
    const stored = Promise.all([writer.write(a.promise), writer.write(b.promise), writer.write(c.promise)]);
    a.resolve(chunk(1));
    await turns(3); // a writer committing whatever is ready would have stored the first chunk alone by now
    b.resolve(chunk(2));
    await turns(3);
    c.resolve(chunk(3));
    assert.deepEqual(
      (await stored).map((r) => r?.streamId),
      [1, 2, 3],
    );
    assert.deepEqual(commits, [[1, 2, 3]]);
  });

  test('does not hold a ready chunk back for long behind a slow preparation', async () => {
    const { store, commits } = recordingStore();
    const writer = new ChunkWriter(store, 20);
    const slow = writer.write(preparedAfter(1000, 2));
    const t0 = performance.now();
    await writer.write(preparedAfter(0, 1));
    assert.ok(performance.now() - t0 < 500, 'the ready chunk was committed without waiting for the slow one');
    assert.deepEqual(commits, [[1]]);
    await slow;
    assert.deepEqual(commits, [[1], [2]]);
  });

  test('a failed preparation fails its own call only, and stops nothing from committing', async () => {
    const { store, commits } = recordingStore();
    const writer = new ChunkWriter(store);
    const failing = writer.write(sleep(1).then(() => Promise.reject(new Error('KMS said no'))));
    const ok = writer.write(preparedAfter(2, 1));
    await assert.rejects(failing, /KMS said no/);
    assert.equal((await ok)?.streamId, 1);
    assert.deepEqual(commits, [[1]]);
  });

  test('a failed commit rejects every call whose chunk it held', async () => {
    const { store, commits } = recordingStore({ failCommit: true });
    const writer = new ChunkWriter(store);
    const results = await Promise.allSettled([writer.write(preparedAfter(0, 1)), writer.write(preparedAfter(1, 2))]);
    assert.deepEqual(
      results.map((r) => r.status),
      ['rejected', 'rejected'],
    );
    assert.deepEqual(commits, []);
  });
});
