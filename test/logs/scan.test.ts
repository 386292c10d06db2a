import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decodeEvents, encodeBatch, type EventColumns } from '../../src/logs/chunks.js';
import type { ChunkPage, ChunkRecord } from '../../src/logs/model.js';
import { EventScanner, keyAt, NEXT, STOP, STOP_BEFORE, type EventKey, type ScanOptions, type ScanSource } from '../../src/logs/scan.js';

interface FakeChunk {
  rec: ChunkRecord;
  cols: EventColumns;
}

/** A chunk of `streamId` holding events at these times (sorted), numbered from `firstSeq`. */
function fake(id: number, streamId: number, firstSeq: number, times: number[]): FakeChunk {
  const evs = times.map((t, i) => ({ timestamp: t, message: `s${streamId}#${firstSeq + i}@${t}` }));
  const cols = decodeEvents(encodeBatch(evs, Uint32Array.from(evs.map((e) => e.message.length)), 0, evs.length, 0));
  const rec: ChunkRecord = {
    id,
    groupId: 1,
    streamId,
    firstSeq,
    count: times.length,
    minTime: times[0]!,
    maxTime: times[times.length - 1]!,
    maxIngestionTime: 0,
    rawBytes: 0,
    wrappedKey: Buffer.alloc(0),
    data: Buffer.alloc(0),
    compactable: false,
  };
  return { rec, cols };
}

/** An in-memory index of chunks behaving like LogStore.listChunks, whose content can change between pages. */
class FakeSource implements ScanSource {
  epoch = 0;
  fetches = 0;
  onFetch?: () => void;
  constructor(
    public chunks: FakeChunk[],
    private readonly direction: 'asc' | 'desc',
    private readonly range: { from: number; to: number } = { from: 0, to: Number.MAX_SAFE_INTEGER },
  ) {}

  async fetch(after: { time: number; id: number } | undefined, limit: number, resumeFrom: EventKey | undefined): Promise<ChunkPage> {
    this.fetches++;
    this.onFetch?.();
    const asc = this.direction === 'asc';
    const from = resumeFrom && asc ? Math.max(this.range.from, resumeFrom.time) : this.range.from;
    const to = resumeFrom && !asc ? Math.min(this.range.to, resumeFrom.time) : this.range.to;
    const sortTime = (c: ChunkRecord) => (asc ? c.minTime : c.maxTime);
    const rows = this.chunks
      .map((c) => c.rec)
      .filter((c) => c.maxTime >= from && c.minTime <= to)
      .sort((a, b) => (asc ? 1 : -1) * (sortTime(a) - sortTime(b) || a.id - b.id))
      .filter((c) => !after || (asc ? sortTime(c) > after.time || (sortTime(c) === after.time && c.id > after.id) : sortTime(c) < after.time || (sortTime(c) === after.time && c.id < after.id)))
      .slice(0, limit);
    return { chunks: rows, epoch: this.epoch };
  }

  async open(chunk: ChunkRecord): Promise<EventColumns> {
    return this.chunks.find((c) => c.rec.id === chunk.id)!.cols;
  }
}

async function scanAll(source: ScanSource, opts: Partial<ScanOptions> & { direction: 'asc' | 'desc' }): Promise<string[]> {
  const scanner = new EventScanner(source, { fromTime: 0, toTime: Number.MAX_SAFE_INTEGER, ...opts });
  const seen: string[] = [];
  assert.equal(
    await scanner.run((cur, i) => {
      seen.push(cur.cols.message(i));
      return NEXT;
    }),
    'done',
  );
  return seen;
}

/** Many overlapping chunks over three streams; the expected order is by (time, stream, seq). */
function overlapping(): { chunks: FakeChunk[]; expected: string[] } {
  const chunks: FakeChunk[] = [];
  const all: { t: number; s: number; q: number; m: string }[] = [];
  let id = 1;
  for (const s of [1, 2, 3]) {
    let seq = 0;
    for (let b = 0; b < 12; b++) {
      const times = [b * 10 + s, b * 10 + 5, b * 10 + 25 + s].sort((x, y) => x - y);
      const c = fake(id++, s, seq, times);
      chunks.push(c);
      times.forEach((t, i) => all.push({ t, s, q: seq + i, m: c.cols.message(i) }));
      seq += times.length;
    }
  }
  all.sort((a, b) => a.t - b.t || a.s - b.s || a.q - b.q);
  return { chunks, expected: all.map((e) => e.m) };
}

describe('EventScanner', () => {
  test('merges overlapping chunks of several streams in (time, stream, sequence) order, both ways', async () => {
    const { chunks, expected } = overlapping();
    assert.deepEqual(await scanAll(new FakeSource(chunks, 'asc'), { direction: 'asc' }), expected);
    assert.deepEqual(await scanAll(new FakeSource(chunks, 'desc'), { direction: 'desc' }), [...expected].reverse());
  });

  test('keeps to the inclusive time range', async () => {
    const { chunks, expected } = overlapping();
    const inRange = expected.filter((m) => {
      const t = Number(m.slice(m.indexOf('@') + 1));
      return t >= 30 && t <= 60;
    });
    const range = { from: 30, to: 60 };
    assert.deepEqual(await scanAll(new FakeSource(chunks, 'asc', range), { direction: 'asc', fromTime: 30, toTime: 60 }), inRange);
    assert.deepEqual(await scanAll(new FakeSource(chunks, 'desc', range), { direction: 'desc', fromTime: 30, toTime: 60 }), [...inRange].reverse());
  });

  test('resumes strictly after the last visited event, each event once', async () => {
    const { chunks, expected } = overlapping();
    for (const direction of ['asc', 'desc'] as const) {
      const want = direction === 'asc' ? expected : [...expected].reverse();
      const seen: string[] = [];
      let after: EventKey | undefined;
      for (let round = 0; round < 100 && seen.length < want.length; round++) {
        const scanner = new EventScanner(new FakeSource(chunks, direction), { direction, fromTime: 0, toTime: Number.MAX_SAFE_INTEGER, ...(after ? { after } : {}) });
        let n = 0;
        await scanner.run((cur, i) => {
          seen.push(cur.cols.message(i));
          return ++n === 7 ? STOP : NEXT;
        });
        after = scanner.last;
      }
      assert.deepEqual(seen, want);
    }
  });

  test('an event refused with STOP_BEFORE stays unvisited and comes first on resume', async () => {
    const { chunks, expected } = overlapping();
    const scanner = new EventScanner(new FakeSource(chunks, 'asc'), { direction: 'asc', fromTime: 0, toTime: Number.MAX_SAFE_INTEGER });
    const seen: string[] = [];
    await scanner.run((cur, i) => (seen.length === 3 ? STOP_BEFORE : (seen.push(cur.cols.message(i)), NEXT)));
    const rest = new EventScanner(new FakeSource(chunks, 'asc'), { direction: 'asc', fromTime: 0, toTime: Number.MAX_SAFE_INTEGER, after: scanner.last! });
    await rest.run((cur, i) => (seen.push(cur.cols.message(i)), NEXT));
    assert.deepEqual(seen, expected);
  });

  test('stops resumably once the byte budget is spent', async () => {
    const { chunks, expected } = overlapping();
    const scanner = new EventScanner(new FakeSource(chunks, 'asc'), { direction: 'asc', fromTime: 0, toTime: Number.MAX_SAFE_INTEGER, budgetBytes: 50 });
    const seen: string[] = [];
    assert.equal(await scanner.run((cur, i) => (seen.push(cur.cols.message(i)), NEXT)), 'budget');
    assert.ok(seen.length > 0 && seen.length < expected.length);
    assert.deepEqual(seen, expected.slice(0, seen.length));
  });

  test('lists chunks again from its position when chunks were merged meanwhile, losing and repeating nothing', async () => {
    // Stream 1 has small chunks; after the first page, they are merged into one chunk sorting before the page end.
    const small = Array.from({ length: 40 }, (_, b) => fake(b + 1, 1, b * 2, [b * 10, b * 10 + 100]));
    const expected = small.flatMap((c) => [0, 1].map((i) => ({ t: c.cols.times[i]!, q: c.rec.firstSeq + i, m: c.cols.message(i) })));
    expected.sort((a, b) => a.t - b.t || a.q - b.q);
    for (const direction of ['asc', 'desc'] as const) {
      const source = new FakeSource([...small], direction);
      source.onFetch = () => {
        if (source.fetches !== 2) return;
        // The compactor's work: every chunk of the stream becomes one (same events, same sequence numbers).
        const refs = source.chunks.flatMap((c) => [0, 1].map((i) => ({ ...keyAt(c.rec, c.cols, i), m: c.cols.message(i) })));
        refs.sort((a, b) => a.time - b.time || a.seq - b.seq);
        const merged = decodeEvents(
          encodeBatch(
            refs.map((r) => ({ timestamp: r.time, message: r.m })),
            Uint32Array.from(refs.map((r) => r.m.length)),
            0,
            refs.length,
            0,
          ),
        );
        // Sequence deltas of a batch are 0…n-1; give each event its own sequence number back.
        refs.forEach((r, i) => (merged.seqDeltas[i] = r.seq));
        const rec = { ...small[0]!.rec, id: 1000, firstSeq: 0, count: refs.length, minTime: refs[0]!.time, maxTime: refs[refs.length - 1]!.time };
        source.chunks = [{ rec, cols: merged }];
        source.epoch++;
      };
      const got = await scanAll(source, { direction });
      assert.deepEqual(got, direction === 'asc' ? expected.map((e) => e.m) : expected.map((e) => e.m).reverse());
      assert.ok(source.fetches > 2);
    }
  });
});
