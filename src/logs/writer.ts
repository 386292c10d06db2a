/**
 * Group commit for PutLogEvents. A commit costs an fsync (milliseconds, blocking the event loop: better-sqlite3 is
 * synchronous); one per request would cap ingest at a few hundred batches a second. Requests prepare their chunk
 * (compression, encryption, KMS) outside any transaction; one transaction stores every chunk ready, and each request
 * is answered only after the commit holding its chunk, so an acknowledged batch is durable.
 *
 * Nothing can join a commit while it runs (the event loop is blocked), so a commit waits briefly for the chunks still
 * being prepared (compression runs on the libuv pool): concurrent batches then share one fsync instead of each
 * paying for its own.
 */
import type { Store } from '../store/types.js';
import type { ChunkRecord, NewChunk } from './model.js';
import { owedToSubscriptions } from './subscriptions/delivery.js';

/**
 * How long a commit waits for chunks still being prepared. Preparing a 1 MB batch takes about a millisecond of
 * compression; waiting longer than a commit costs would only add latency.
 */
export const DEFAULT_GATHER_MS = 3;

type PendingChunk = Omit<NewChunk, 'firstSeq'>;

interface Job {
  chunk: PendingChunk;
  resolve(c: ChunkRecord | undefined): void;
  reject(err: unknown): void;
}

export class ChunkWriter {
  private queue: Job[] = [];
  private running = false;
  /** Chunks being prepared by `write` callers, that the next commit may wait for. */
  private preparing = 0;
  /** Wakes a commit waiting for prepared chunks. */
  private wake: (() => void) | undefined;

  constructor(
    private readonly store: Store,
    private readonly gatherMs = DEFAULT_GATHER_MS,
  ) {}

  /**
   * Stores the chunk that `prepared` yields as its stream's newest; undefined when the stream no longer exists.
   * Resolves after the commit; rejects with the preparation's error (nothing is stored then). Start the preparation
   * right before the call, so that commits know it is coming. Never call it inside a store transaction: the commit
   * it waits for would have to join that transaction.
   */
  async write(prepared: Promise<PendingChunk>): Promise<ChunkRecord | undefined> {
    this.preparing++;
    let chunk: PendingChunk;
    try {
      chunk = await prepared;
    } finally {
      this.preparing--;
      // The waiting commit resumes in a later microtask, after this chunk is queued just below.
      if (this.preparing === 0) this.wake?.();
    }
    return this.append(chunk);
  }

  private append(chunk: PendingChunk): Promise<ChunkRecord | undefined> {
    return new Promise((resolve, reject) => {
      this.queue.push({ chunk, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0) {
        await this.gather();
        const jobs = this.queue;
        this.queue = [];
        await this.commit(jobs);
      }
    } finally {
      this.running = false;
    }
  }

  /** Lets chunks being prepared join the commit: until none is left, at most `gatherMs`. */
  private async gather(): Promise<void> {
    // Callbacks already due (compression finishing) queue their chunks first.
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (this.preparing === 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, this.gatherMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
    this.wake = undefined;
  }

  private async commit(jobs: Job[]): Promise<void> {
    let stored: (ChunkRecord | undefined)[];
    try {
      // In (group, stream) order, each stream's chunks in arrival order (a stable sort): instances sharing a
      // database then lock rows in one order and never deadlock. Appends lock what they change, so the weaker
      // isolation is enough, and contending instances wait for each other instead of retrying.
      const order = jobs
        .map((_, i) => i)
        .sort((a, b) => jobs[a]!.chunk.groupId - jobs[b]!.chunk.groupId || jobs[a]!.chunk.streamId - jobs[b]!.chunk.streamId);
      stored = await this.store.transaction(
        async () => {
          const out: (ChunkRecord | undefined)[] = new Array<ChunkRecord | undefined>(jobs.length);
          // A vanished stream only skips its own chunk (appendChunk writes nothing then); any other failure aborts all.
          for (const i of order) {
            out[i] = await this.store.logs.appendChunk(jobs[i]!.chunk);
            // Subscription filters: the delivery is owed in the same transaction as the events (an outbox entry).
            if (out[i]) await owedToSubscriptions(this.store, out[i]!, out[i]!.maxIngestionTime);
          }
          return out;
        },
        { isolation: 'read-committed' },
      );
    } catch (err) {
      for (const j of jobs) j.reject(err);
      return;
    }
    jobs.forEach((j, i) => j.resolve(stored[i]));
  }
}
