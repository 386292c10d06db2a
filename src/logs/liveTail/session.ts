/**
 * A Live Tail session: every second, the events stored in its log groups since the last look, filtered and masked,
 * as one `sessionUpdate`. Events are found by polling the store, never through an in-process signal, so a session
 * on one instance sees what any instance of a PostgreSQL deployment ingests (see docs/decisions/0018-live-tail.md).
 *
 * Per group, the session remembers the newest chunk id it has read: a group's chunks become visible in id order (the
 * store's promise, see LogStore.chunksAfter), so "id above the last one read" is exactly "stored since". Compaction
 * writes merged chunks, holding old events, under new ids; the session therefore also remembers, per stream, which
 * sequence numbers it has considered (SeqRanges) and where the stream stood when the session started, and skips those.
 */
import type { EventStreamSink } from '../../common/eventStream.js';
import type { RequestContext } from '../../common/operation.js';
import { AwsError } from '../../protocol/errors.js';
import type { LiveTailSessionLogEvent } from '../../protocol/generated/logs.js';
import { isStoreUnavailable } from '../../store/errors.js';
import { openChunk } from '../chunks.js';
import type { LogsCore } from '../core.js';
import { maskerFor } from '../dataProtection/policies.js';
import type { FilterMatcher } from '../filter/index.js';
import type { ChunkRecord, LogGroupRecord } from '../model.js';
import { messages } from '../messages.js';
import { SeqRanges } from './seqRanges.js';

/** AWS sends a `sessionUpdate` every second. */
export const LIVE_TAIL_UPDATE_MS = 1000;
/** Sessions end with SessionTimeoutException after three hours. */
export const LIVE_TAIL_MAX_SESSION_MS = 3 * 60 * 60 * 1000;
/** An update holds at most 500 events; beyond that they are sampled down to 500 (`sampled: true`). */
export const LIVE_TAIL_MAX_EVENTS_PER_UPDATE = 500;
/** Updates the server keeps for a client that reads slower than they come; then the oldest are dropped. */
export const LIVE_TAIL_MAX_QUEUED_UPDATES = 10;
/** Chunks read from the store at once, and at most per group per update (the rest waits for the next one). */
const CHUNKS_PER_READ = 64;
const MAX_CHUNKS_PER_UPDATE = 1024;

/** Which streams a session follows: all, some names, or names with some prefixes (one group only, as on AWS). */
export interface StreamSelection {
  names?: ReadonlySet<string>;
  prefixes?: readonly string[];
}

/** A group followed by a session. */
interface Followed {
  group: LogGroupRecord;
  /** The identifier as the request gave it: events name their group this way. */
  identifier: string;
  /** The newest chunk id read. */
  cursor: number;
  /** Stream id → its next sequence number when the session started (streams created since start at 0). */
  startSeq: Map<number, number>;
  /** Stream id → sequence numbers already considered. */
  seen: Map<number, SeqRanges>;
  /** Stream id → its name when the selection includes it, null when it does not. */
  streams: Map<number, string | null>;
}

export interface LiveTailOptions {
  core: LogsCore;
  ctx: RequestContext;
  groups: readonly { group: LogGroupRecord; identifier: string }[];
  selection: StreamSelection;
  match?: FilterMatcher;
  /** Called once when the session ends, whatever the reason. */
  onEnd: () => void;
}

export class LiveTailSession {
  private readonly followed: Followed[] = [];
  private readonly startedAt: number;
  private timer: NodeJS.Timeout | undefined;
  private ended = false;

  constructor(private readonly o: LiveTailOptions) {
    this.startedAt = o.core.clock.now();
  }

  /** Reads where each group stands: what is stored now is not part of the session. */
  async prepare(): Promise<void> {
    for (const { group, identifier } of this.o.groups) {
      const start = await this.o.core.store.logs.liveTailStart(group.id);
      this.followed.push({ group, identifier, cursor: start.lastChunkId, startSeq: start.streams, seen: new Map(), streams: new Map() });
    }
  }

  /** Starts sending updates; returns the function that ends the session. */
  run(sink: EventStreamSink): () => void {
    const tick = () => {
      this.timer = undefined;
      if (this.ended) return;
      if (this.o.core.clock.now() - this.startedAt >= LIVE_TAIL_MAX_SESSION_MS) {
        sink.exception('SessionTimeoutException', messages.liveTailTimeout);
        this.stop();
        return;
      }
      this.collect().then(
        (events) => {
          if (this.ended) return;
          if (events !== undefined) sink.event('sessionUpdate', update(events));
          this.timer = setTimeout(tick, LIVE_TAIL_UPDATE_MS);
        },
        (err: unknown) => {
          if (this.ended) return;
          // What AWS calls an unknown error on its side; a key KMS refuses says why (never any log data).
          sink.exception('SessionStreamingException', err instanceof AwsError ? err.message : messages.liveTailStreamingError);
          this.stop();
        },
      );
    };
    this.timer = setTimeout(tick, LIVE_TAIL_UPDATE_MS);
    return () => this.stop();
  }

  private stop(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.o.onEnd();
  }

  /**
   * The matching events stored since the last look, in the order they were stored. Undefined (no update this second)
   * when the database cannot be reached: the next second tries again from the same place.
   */
  private async collect(): Promise<LiveTailSessionLogEvent[] | undefined> {
    const out: LiveTailSessionLogEvent[] = [];
    try {
      for (const f of this.followed) await this.collectGroup(f, out);
    } catch (err) {
      if (isStoreUnavailable(err)) return undefined;
      throw err;
    }
    return out;
  }

  private async collectGroup(f: Followed, out: LiveTailSessionLogEvent[]): Promise<void> {
    const { core, ctx, match } = this.o;
    // A fresh unwrapper and masker every second: a key disabled or a policy changed applies from the next update.
    const unwrap = core.dataKeys.unwrapper(f.group, ctx);
    let masker: Awaited<ReturnType<typeof maskerFor>> | undefined;
    for (let read = 0; read < MAX_CHUNKS_PER_UPDATE; ) {
      const chunks = await core.store.logs.chunksAfter(f.group.id, f.cursor, CHUNKS_PER_READ);
      if (chunks.length === 0) return;
      await this.nameStreams(f, chunks);
      masker ??= await maskerFor(core, f.group);
      for (const chunk of chunks) {
        const name = f.streams.get(chunk.streamId) ?? null;
        const seen = seenOf(f, chunk.streamId);
        const startSeq = f.startSeq.get(chunk.streamId) ?? 0;
        if (name !== null) {
          const key = await unwrap(chunk.keyArn, chunk.wrappedKey);
          const cols = await openChunk(chunk.data, key, chunk);
          for (let i = 0; i < cols.count; i++) {
            const seq = chunk.firstSeq + cols.seqDeltas[i]!;
            if (seq < startSeq || seen.has(seq)) continue;
            const ingestionTime = cols.ingestionTimes[i]!;
            const message = masker.mask(cols.message(i), ingestionTime);
            if (match && !match(message)) continue;
            out.push({ logStreamName: name, logGroupIdentifier: f.identifier, message, timestamp: cols.times[i]!, ingestionTime });
          }
          markSeen(seen, chunk, cols.seqDeltas);
        } else {
          // A stream outside the selection: nothing to read, but its events count as considered.
          seen.add(chunk.firstSeq, chunk.firstSeq + chunk.count);
        }
        f.cursor = chunk.id;
      }
      read += chunks.length;
      if (chunks.length < CHUNKS_PER_READ) return;
    }
  }

  /** Looks up (once per stream) the names of the streams of these chunks, and whether the selection includes them. */
  private async nameStreams(f: Followed, chunks: readonly ChunkRecord[]): Promise<void> {
    const unknown = [...new Set(chunks.map((c) => c.streamId).filter((id) => !f.streams.has(id)))];
    if (unknown.length === 0) return;
    const streams = await this.o.core.store.logs.getStreamsById(f.group.id, unknown);
    for (const id of unknown) f.streams.set(id, null);
    for (const s of streams) f.streams.set(s.id, selected(this.o.selection, s.name) ? s.name : null);
  }
}

function selected(sel: StreamSelection, name: string): boolean {
  if (sel.names) return sel.names.has(name);
  if (sel.prefixes) return sel.prefixes.some((p) => name.startsWith(p));
  return true;
}

function seenOf(f: Followed, streamId: number): SeqRanges {
  let s = f.seen.get(streamId);
  if (!s) f.seen.set(streamId, (s = new SeqRanges()));
  return s;
}

/** Records a chunk's sequence numbers: one range when they are contiguous (every appended chunk), else one by one. */
function markSeen(seen: SeqRanges, chunk: ChunkRecord, deltas: Uint32Array): void {
  let max = 0;
  for (let i = 0; i < deltas.length; i++) if (deltas[i]! > max) max = deltas[i]!;
  if (max === chunk.count - 1) {
    seen.add(chunk.firstSeq, chunk.firstSeq + chunk.count);
    return;
  }
  for (let i = 0; i < deltas.length; i++) seen.add(chunk.firstSeq + deltas[i]!, chunk.firstSeq + deltas[i]! + 1);
}

/** One second's update: every event, or an even sample of 500 of them (in order) when there are more. */
export function update(events: readonly LiveTailSessionLogEvent[]): { sessionMetadata: { sampled: boolean }; sessionResults: LiveTailSessionLogEvent[] } {
  if (events.length <= LIVE_TAIL_MAX_EVENTS_PER_UPDATE) return { sessionMetadata: { sampled: false }, sessionResults: [...events] };
  const step = events.length / LIVE_TAIL_MAX_EVENTS_PER_UPDATE;
  const sample: LiveTailSessionLogEvent[] = [];
  for (let i = 0; i < LIVE_TAIL_MAX_EVENTS_PER_UPDATE; i++) sample.push(events[Math.floor(i * step)]!);
  return { sessionMetadata: { sampled: true }, sessionResults: sample };
}
