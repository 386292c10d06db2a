/**
 * Reads events of one or many streams in time order, across chunks that may overlap in time, without building an
 * object per event: chunks are fetched from the index in the order of their first (or, backwards, last) event,
 * decrypted lazily, and merged with a small heap of chunk cursors. Within a chunk events are already ordered.
 *
 * Order of events: (timestamp, stream id, sequence number), ascending or descending. A scan resumes strictly after
 * a position in that order, which is what pagination tokens hold.
 */
import type { ScanBudget } from '../common/scanBudget.js';
import type { EventColumns } from './chunks.js';
import type { ChunkHead } from './model.js';

/** A chunk as a scan reads it: its index row and its body (a `ChunkRecord` is one). */
export type ScanChunk = ChunkHead & { data: Buffer };

export interface EventKey {
  time: number;
  streamId: number;
  seq: number;
}

export type Direction = 'asc' | 'desc';

/** A chunk being read: its columns and the next index to visit. */
export interface ChunkCursor {
  chunk: ScanChunk;
  cols: EventColumns;
  /** Index of the next event to visit. */
  i: number;
  /** Index one past the last event to visit (in the scan's direction). */
  end: number;
}

export interface ScanSource {
  /**
   * The next chunks in scan order overlapping the scan's time range and holding events after `resumeFrom` (when
   * set), after the given chunk; with the group's compaction epoch.
   */
  fetch(after: { time: number; id: number } | undefined, limit: number, resumeFrom: EventKey | undefined): Promise<{ chunks: ScanChunk[]; epoch: number }>;
  /** Decrypts and decodes a chunk. */
  open(chunk: ScanChunk): Promise<EventColumns>;
}

export interface ScanOptions {
  direction: Direction;
  /** Inclusive bounds on event timestamps. */
  fromTime: number;
  toTime: number;
  /** Resume strictly after this event position. */
  after?: EventKey;
  /** Stop (resumably) once about this many message bytes were visited. */
  budgetBytes?: number;
  /**
   * Time bounds: the scan yields to the event loop at the end of each slice, and stops (resumably, ending with
   * 'budget') once its limit is spent. Without one, the scan runs to its end in one go.
   */
  budget?: ScanBudget;
}

/** What a visitor wants next: the next event, to stop after this one, or to stop before it (it stays unvisited). */
export const NEXT = 0;
export const STOP = 1;
export const STOP_BEFORE = 2;
export type VisitResult = typeof NEXT | typeof STOP | typeof STOP_BEFORE;
export type Visit = (cur: ChunkCursor, index: number) => VisitResult;

export type ScanEnd = 'done' | 'stopped' | 'budget';

/** How a drain of one cursor ended: it may go on with the next cursor, the visitor stopped, or its slice is over. */
const GO_ON = 0;
const STOPPED = 1;
const SLICE_OVER = 2;
type DrainEnd = typeof GO_ON | typeof STOPPED | typeof SLICE_OVER;

export function compareKeys(a: EventKey, b: EventKey): number {
  return a.time - b.time || a.streamId - b.streamId || a.seq - b.seq;
}

const FETCH_BATCH = 16;
/**
 * Chunks decrypted and decompressed ahead of the scan: decompression runs on the libuv pool, so the next chunks are
 * being inflated on another core while this one is matched.
 */
const PREFETCH = 3;

export class EventScanner {
  private readonly heap: ChunkCursor[] = [];
  private pending: ScanChunk[] = [];
  private fetchedAll = false;
  private fetchAfter: { time: number; id: number } | undefined;
  private visitedBytes = 0;
  private readonly sign: number;
  /** The last visited event, kept as (cursor, index) so that visiting allocates nothing. */
  private lastCursor: ChunkCursor | undefined;
  private lastIndex = 0;
  /** The compaction epoch the chunks read so far belong to. */
  private epoch: number | undefined;
  /** Chunks being opened, by id (started ahead of need). */
  private opening = new Map<number, Promise<EventColumns>>();

  constructor(
    private readonly source: ScanSource,
    private readonly opts: ScanOptions,
  ) {
    this.sign = opts.direction === 'asc' ? 1 : -1;
  }

  /** Position of the last visited event: where a later scan resumes. */
  get last(): EventKey | undefined {
    return this.lastCursor ? keyAt(this.lastCursor.chunk, this.lastCursor.cols, this.lastIndex) : this.opts.after;
  }

  /** Visits events in order until the visitor stops, the budget is spent, or there are no more. */
  async run(visit: Visit): Promise<ScanEnd> {
    const budget = this.opts.budget;
    for (;;) {
      await this.loadUntilSafe();
      const top = this.heap[0];
      if (!top) return 'done';
      // Events of the top cursor may be visited while they come before the next unloaded chunk and every other cursor.
      const bound = this.pending[0];
      this.pop();
      budget?.begin();
      const end = this.drain(top, bound, visit);
      budget?.end();
      if (top.i !== top.end) this.push(top);
      if (end === STOPPED) return 'stopped';
      if (this.opts.budgetBytes !== undefined && this.visitedBytes >= this.opts.budgetBytes) return 'budget';
      if (budget && (end === SLICE_OVER || budget.tick())) {
        // A resumed scan starts strictly after the last event visited: stopping needs one visited by this scan,
        // or the next call would start where this one did.
        if (budget.exhausted && this.lastCursor !== undefined) return 'budget';
        await budget.pause();
      }
    }
  }

  /** Visits events of `cur` while it stays first, the visitor goes on and the time slice lasts. */
  private drain(cur: ChunkCursor, bound: ScanChunk | undefined, visit: Visit): DrainEnd {
    const sign = this.sign;
    const next = this.heap[0];
    const nk = next ? this.headKey(next) : undefined;
    const boundTime = bound ? this.startTime(bound) : undefined;
    const { times, seqDeltas, byteLengths } = cur.cols;
    const streamId = cur.chunk.streamId;
    const firstSeq = cur.chunk.firstSeq;
    const budget = this.opts.budgetBytes ?? Infinity;
    const time = this.opts.budget;
    while (cur.i !== cur.end) {
      const i = cur.i;
      const t = times[i]!;
      // A pending chunk starting at this very time may hold an event ordered before this one.
      if (boundTime !== undefined && sign * (t - boundTime) >= 0) break;
      if (nk) {
        const c = t - nk.time || streamId - nk.streamId || firstSeq + seqDeltas[i]! - nk.seq;
        if (sign * c > 0) break;
      }
      const r = visit(cur, i);
      if (r === STOP_BEFORE) return STOPPED;
      cur.i += sign;
      this.lastCursor = cur;
      this.lastIndex = i;
      this.visitedBytes += byteLengths[i]!;
      if (r === STOP) return STOPPED;
      if (this.visitedBytes >= budget) return GO_ON;
      if (time?.tick(byteLengths[i]!)) return SLICE_OVER;
    }
    return GO_ON;
  }

  /** Loads pending chunks that may hold an event coming before the heap's first one. */
  private async loadUntilSafe(): Promise<void> {
    for (;;) {
      while (this.pending.length === 0 && !this.fetchedAll) await this.fetchMore();
      const next = this.pending[0];
      if (!next) return;
      const top = this.heap[0];
      if (top && this.sign * (this.startTime(next) - this.headKey(top).time) > 0) return;
      this.pending.shift();
      const cur = await this.openCursor(next);
      if (cur) this.push(cur);
    }
  }

  /**
   * Fetches the next page of chunks. When the compactor merged chunks of the group since the previous page, chunks
   * not reached yet may now sit inside a merged chunk sorted before the page position: the scan then forgets what
   * it loaded and lists chunks again from its last visited event (everything up to it is done, everything after it
   * is in the new listing).
   */
  private async fetchMore(): Promise<void> {
    // Pages whose chunks were all skipped on their sketches (decision 0024) visit no event, where the budget is
    // otherwise checked: a long run of them still gives way to other requests when its slice is over.
    if (this.opts.budget?.due) await this.opts.budget.pause();
    const page = await this.source.fetch(this.fetchAfter, FETCH_BATCH, this.last);
    if (this.epoch !== undefined && page.epoch !== this.epoch) {
      this.epoch = page.epoch;
      this.heap.length = 0;
      this.pending = [];
      this.opening.clear();
      this.fetchAfter = undefined;
      return;
    }
    this.epoch = page.epoch;
    const got = page.chunks;
    if (got.length < FETCH_BATCH) this.fetchedAll = true;
    const lastChunk = got[got.length - 1];
    if (lastChunk) this.fetchAfter = { time: this.startTime(lastChunk), id: lastChunk.id };
    this.pending.push(...got);
  }

  /** The time a chunk starts at in scan order: its first event ascending, its last descending. */
  private startTime(c: ScanChunk): number {
    return this.sign > 0 ? c.minTime : c.maxTime;
  }

  /** Starts opening the next pending chunks; a failure surfaces when the scan reaches that chunk. */
  private prefetch(): void {
    for (let k = 0; k < PREFETCH && k < this.pending.length; k++) {
      const c = this.pending[k]!;
      if (this.opening.has(c.id)) continue;
      const p = this.source.open(c);
      p.catch(() => {}); // observed later by openCursor; never an unhandled rejection meanwhile
      this.opening.set(c.id, p);
    }
  }

  private async openCursor(chunk: ScanChunk): Promise<ChunkCursor | undefined> {
    this.prefetch();
    const started = this.opening.get(chunk.id);
    this.opening.delete(chunk.id);
    const cols = await (started ?? this.source.open(chunk));
    const { fromTime, toTime } = this.opts;
    // Everything up to the last visited event is done (after a restart, loaded again).
    const after = this.last;
    let i: number;
    let end: number;
    if (this.sign > 0) {
      i = lowerBound(cols.times, fromTime);
      end = lowerBound(cols.times, toTime + 1);
      if (after) while (i < end && compareKeys(keyAt(chunk, cols, i), after) <= 0) i++;
    } else {
      i = lowerBound(cols.times, toTime + 1) - 1;
      end = lowerBound(cols.times, fromTime) - 1;
      if (after) while (i > end && compareKeys(keyAt(chunk, cols, i), after) >= 0) i--;
    }
    return i === end ? undefined : { chunk, cols, i, end };
  }

  private headKey(c: ChunkCursor): EventKey {
    return keyAt(c.chunk, c.cols, c.i);
  }

  // --- a binary heap of cursors ordered by their next event ----------------------------------------------------

  /** Whether `a`'s next event comes before `b`'s (compared in place: this runs per event when chunks interleave). */
  private before(a: ChunkCursor, b: ChunkCursor): boolean {
    const c =
      a.cols.times[a.i]! - b.cols.times[b.i]! ||
      a.chunk.streamId - b.chunk.streamId ||
      a.chunk.firstSeq + a.cols.seqDeltas[a.i]! - (b.chunk.firstSeq + b.cols.seqDeltas[b.i]!);
    return this.sign * c < 0;
  }

  private push(c: ChunkCursor): void {
    const h = this.heap;
    h.push(c);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.before(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }

  private pop(): void {
    const h = this.heap;
    const last = h.pop()!;
    if (h.length === 0) return;
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && this.before(h[l]!, h[m]!)) m = l;
      if (r < h.length && this.before(h[r]!, h[m]!)) m = r;
      if (m === i) return;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
  }
}

export function keyAt(chunk: ScanChunk, cols: EventColumns, i: number): EventKey {
  return { time: cols.times[i]!, streamId: chunk.streamId, seq: chunk.firstSeq + cols.seqDeltas[i]! };
}

/** First index whose time is >= t (times are ascending). */
function lowerBound(times: Float64Array, t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
