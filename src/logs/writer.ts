/**
 * Group commit for PutLogEvents. A commit costs an fsync (milliseconds); one per request would cap ingest at a few
 * hundred batches a second. Requests prepare their chunk (compression, encryption, KMS) outside any transaction and
 * queue it here; one transaction stores every chunk queued while the previous commit ran, and each request is
 * answered only after the commit holding its chunk, so an acknowledged batch is durable.
 */
import type { Store } from '../store/types.js';
import type { ChunkRecord, NewChunk } from './model.js';

interface Job {
  chunk: Omit<NewChunk, 'firstSeq'>;
  resolve(c: ChunkRecord | undefined): void;
  reject(err: unknown): void;
}

export class ChunkWriter {
  private queue: Job[] = [];
  private running = false;

  constructor(private readonly store: Store) {}

  /**
   * Stores the chunk as its stream's newest; undefined when the stream no longer exists. Resolves after the commit.
   * Never call it inside a store transaction: the commit it waits for would have to join that transaction.
   */
  append(chunk: Omit<NewChunk, 'firstSeq'>): Promise<ChunkRecord | undefined> {
    return new Promise((resolve, reject) => {
      this.queue.push({ chunk, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      // Let callbacks already due (other requests' compression finishing) queue their chunks into this commit.
      await new Promise<void>((resolve) => setImmediate(resolve));
      while (this.queue.length > 0) {
        const jobs = this.queue;
        this.queue = [];
        await this.commit(jobs);
      }
    } finally {
      this.running = false;
    }
  }

  private async commit(jobs: Job[]): Promise<void> {
    let stored: (ChunkRecord | undefined)[];
    try {
      stored = await this.store.transaction(async () => {
        const out: (ChunkRecord | undefined)[] = [];
        // A vanished stream only skips its own chunk (appendChunk writes nothing then); any other failure aborts all.
        for (const j of jobs) out.push(await this.store.logs.appendChunk(j.chunk));
        return out;
      });
    } catch (err) {
      for (const j of jobs) j.reject(err);
      return;
    }
    jobs.forEach((j, i) => j.resolve(stored[i]));
  }
}
