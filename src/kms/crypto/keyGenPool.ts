/**
 * Key pair generation on worker threads of its own, so that it never holds the libuv thread pool.
 *
 * `crypto.generateKeyPair` runs on libuv's pool (4 threads by default), which also runs zlib, file system calls and
 * the other async crypto: a few concurrent RSA_4096 generations (each ~0.5-3 s of CPU) held all four threads, and a
 * PutLogEvents of another account, which compresses its chunk there, waited seconds behind them. Here a small fixed
 * set of worker threads (one fewer than the cores, at least one) runs `generateKeyPairSync`; jobs wait in a bounded
 * queue, ECC jobs (a millisecond each) ahead of RSA ones, and a job beyond the queue's bound is refused at once
 * with `KeyGenBusyError` (the KMS layer answers AWS's ThrottlingException). Written on `worker_threads` directly:
 * the whole pool is a queue and a message handler, less than a pool library's configuration.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { KeyGenBusyError } from './errors.js';

export interface KeyGenJob {
  type: 'rsa' | 'ec';
  options: Record<string, unknown>;
}

export interface KeyGenResult {
  publicKey: Buffer;
  privateKey: Buffer;
}

export interface KeyGenPoolOptions {
  /** Worker threads; at most one per core. */
  workers?: number;
  /** Jobs allowed to wait for a worker; more are refused. */
  maxQueued?: number;
}

/** The worker: generates pairs as asked, answers the DER halves (or the error's message). CommonJS, run by eval. */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { generateKeyPairSync } = require('node:crypto');
parentPort.on('message', ({ type, options }) => {
  try {
    const { publicKey, privateKey } = generateKeyPairSync(type, options);
    parentPort.postMessage({ publicKey, privateKey });
  } catch (e) {
    parentPort.postMessage({ error: e instanceof Error ? e.message : String(e) });
  }
});
`;

interface Pending {
  job: KeyGenJob;
  resolve: (r: KeyGenResult) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  current: Pending | undefined;
}

export class KeyGenPool {
  readonly size: number;
  readonly maxQueued: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private closed = false;

  constructor(opts: KeyGenPoolOptions = {}) {
    const cores = availableParallelism();
    this.size = Math.max(1, Math.min(opts.workers ?? cores - 1, cores));
    this.maxQueued = opts.maxQueued ?? 16 * this.size;
  }

  /** Jobs running and waiting. */
  get load(): { running: number; queued: number } {
    return { running: this.slots.filter((s) => s.current).length, queued: this.queue.length };
  }

  /** Generates a pair on a worker; rejects with KeyGenBusyError at once when the queue is full. */
  generate(job: KeyGenJob): Promise<KeyGenResult> {
    if (this.closed) return Promise.reject(new Error('key generation pool is closed'));
    return new Promise((resolve, reject) => {
      const pending: Pending = { job, resolve, reject };
      const idle = this.idleSlot();
      if (idle) return this.start(idle, pending);
      if (this.queue.length >= this.maxQueued) return reject(new KeyGenBusyError());
      // ECC pairs take a millisecond: they go ahead of the RSA ones (first come, first served among their kind).
      if (job.type === 'ec') {
        const firstRsa = this.queue.findIndex((p) => p.job.type !== 'ec');
        this.queue.splice(firstRsa < 0 ? this.queue.length : firstRsa, 0, pending);
      } else {
        this.queue.push(pending);
      }
    });
  }

  /** Stops the workers; jobs not finished are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    const err = new Error('key generation pool is closed');
    for (const p of this.queue.splice(0)) p.reject(err);
    await Promise.all(
      this.slots.splice(0).map((s) => {
        s.current?.reject(err);
        return s.worker.terminate();
      }),
    );
  }

  private idleSlot(): Slot | undefined {
    const free = this.slots.find((s) => !s.current);
    if (free) return free;
    if (this.slots.length < this.size) return this.spawn();
    return undefined;
  }

  private spawn(): Slot {
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    const slot: Slot = { worker, current: undefined };
    worker.on('message', (m: { publicKey?: Uint8Array; privateKey?: Uint8Array; error?: string }) => {
      const p = slot.current;
      slot.current = undefined;
      if (p) {
        if (m.error !== undefined) p.reject(new Error(m.error));
        else p.resolve({ publicKey: Buffer.from(m.publicKey!), privateKey: Buffer.from(m.privateKey!) });
      }
      this.next(slot);
    });
    const lost = (err: Error) => {
      const i = this.slots.indexOf(slot);
      if (i < 0) return;
      this.slots.splice(i, 1);
      const p = slot.current;
      slot.current = undefined;
      p?.reject(err);
      // A replacement takes the waiting jobs.
      const next = this.queue.shift();
      if (next && !this.closed) this.start(this.spawn(), next);
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`key generation worker exited with code ${code}`)));
    // Only a worker with a job keeps the process alive (unref after the listeners, which ref it again).
    worker.unref();
    this.slots.push(slot);
    return slot;
  }

  private start(slot: Slot, p: Pending): void {
    slot.current = p;
    slot.worker.ref();
    slot.worker.postMessage(p.job);
  }

  private next(slot: Slot): void {
    const p = this.queue.shift();
    if (p) this.start(slot, p);
    else slot.worker.unref();
  }
}

let shared: KeyGenPool | undefined;

/** The process's pool, created on first use. */
export function keyGenPool(): KeyGenPool {
  shared ??= new KeyGenPool();
  return shared;
}

/** Replaces the process's pool (tests; a server with other limits). The previous one is closed. */
export async function configureKeyGenPool(opts: KeyGenPoolOptions): Promise<KeyGenPool> {
  const old = shared;
  shared = new KeyGenPool(opts);
  await old?.close();
  return shared;
}
