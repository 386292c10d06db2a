/**
 * Background compaction: small chunks of a stream (each PutLogEvents batch is one) are merged into bigger ones,
 * re-sorted by (timestamp, sequence number) and recompressed with `COMPACT_CODEC` (zstd, decision 0023), whatever
 * codec the small chunks had. Every event keeps its sequence number (so event ids and pagination tokens stay valid),
 * chunks are only merged with chunks under the same key (old data keeps its key), and a merged chunk never spans
 * more than MAX_CHUNK_SPAN_MS.
 */
import type { BackgroundTask } from '../common/background.js';
import type { RequestContext } from '../common/operation.js';
import { servicePrincipal } from '../auth/identity.js';
import { AwsError } from '../protocol/errors.js';
import { COMPACT_CODEC, decodeEvents, encodeMerged, openChunk, sealChunk, type EventRef } from './chunks.js';
import type { LogsCore } from './core.js';
import { buildSketch, sealSketch } from './sketch.js';
import { MAX_CHUNK_SPAN_MS, type ChunkRecord, type LogGroupRecord, type NewChunk } from './model.js';

/** Chunks with fewer message bytes than this are merged with their neighbours. */
export const COMPACT_BELOW_BYTES = 64 * 1024;
/** A merged chunk holds at most this many message bytes. */
export const MERGED_MAX_BYTES = 1024 * 1024;
const CANDIDATES_PER_STREAM = 256;
const STREAMS_PER_RUN = 1000;

export function compactionTask(core: LogsCore, intervalMs = 30_000): BackgroundTask {
  return { name: 'logs-compaction', intervalMs, runOnce: () => compactStreams(core) };
}

/** Compacts the small chunks of up to STREAMS_PER_RUN streams, in stream id order. */
async function compactStreams(core: LogsCore): Promise<void> {
  let afterStream = 0;
  for (let n = 0; n < STREAMS_PER_RUN; n++) {
    const candidates = await core.store.logs.compactionCandidates(afterStream, CANDIDATES_PER_STREAM);
    const first = candidates[0];
    if (!first) return;
    afterStream = first.streamId;
    const group = await core.store.logs.getGroupById(first.groupId);
    if (!group) continue;
    for (const run of mergeRuns(candidates)) {
      try {
        await mergeRun(core, group, run);
      } catch (err) {
        // KMS refuses the run's key (disabled, policy now Decrypt-only, …): those chunks stay as they are.
        if (!(err instanceof AwsError)) throw err;
      }
    }
  }
}

/** Splits a stream's candidates (in sequence order) into runs that may become one chunk each: two or more chunks. */
export function mergeRuns(chunks: readonly ChunkRecord[]): ChunkRecord[][] {
  const runs: ChunkRecord[][] = [];
  let run: ChunkRecord[] = [];
  let min = 0;
  let max = 0;
  let bytes = 0;
  for (const c of chunks) {
    const fits =
      run.length > 0 &&
      c.keyArn === run[0]!.keyArn &&
      Math.max(max, c.maxTime) - Math.min(min, c.minTime) <= MAX_CHUNK_SPAN_MS &&
      bytes + c.rawBytes <= MERGED_MAX_BYTES;
    if (!fits) {
      if (run.length >= 2) runs.push(run);
      run = [];
      min = c.minTime;
      max = c.maxTime;
      bytes = 0;
    }
    run.push(c);
    min = Math.min(min, c.minTime);
    max = Math.max(max, c.maxTime);
    bytes += c.rawBytes;
  }
  if (run.length >= 2) runs.push(run);
  return runs;
}

/** Decrypts a run, merges its events in order, encrypts them under a new data key of the same key, swaps them in. */
async function mergeRun(core: LogsCore, group: LogGroupRecord, run: readonly ChunkRecord[]): Promise<void> {
  const ctx = backgroundContext(core, group);
  const unwrap = core.dataKeys.unwrapper(group, ctx);
  const refs: EventRef[] = [];
  for (const c of run) {
    const cols = await openChunk(c.data, await unwrap(c.keyArn, c.wrappedKey), c);
    for (let i = 0; i < cols.count; i++) refs.push({ cols, index: i, seq: c.firstSeq + cols.seqDeltas[i]! });
  }
  refs.sort((a, b) => a.cols.times[a.index]! - b.cols.times[b.index]! || a.seq - b.seq);
  const firstSeq = Math.min(...run.map((c) => c.firstSeq));
  const keyArn = run[0]!.keyArn;
  const dataKey = await core.dataKeys.forKey(group, keyArn, ctx);
  const place = { groupId: group.id, streamId: run[0]!.streamId };
  const plain = encodeMerged(refs, firstSeq);
  const data = await sealChunk(plain, dataKey.plaintext, place, COMPACT_CODEC.compression, COMPACT_CODEC.level);
  // Merged chunks get a sketch even when some of theirs had none (written before sketches).
  const sketch = sealSketch(buildSketch(decodeEvents(plain, refs.some((r) => r.cols.transformed))), dataKey.plaintext, place);
  const rawBytes = run.reduce((n, c) => n + c.rawBytes, 0);
  const merged: NewChunk = {
    ...place,
    firstSeq,
    count: refs.length,
    minTime: Math.min(...run.map((c) => c.minTime)),
    maxTime: Math.max(...run.map((c) => c.maxTime)),
    maxIngestionTime: Math.max(...run.map((c) => c.maxIngestionTime)),
    rawBytes,
    wrappedKey: dataKey.wrapped,
    data,
    compactable: rawBytes < COMPACT_BELOW_BYTES,
    sketch,
  };
  if (keyArn !== undefined) merged.keyArn = keyArn;
  // False when retention or a deletion took one of the chunks meanwhile; the next run tries again.
  await core.store.logs.replaceChunks(run.map((c) => c.id), merged);
}

/** The context of work CloudWatch Logs does on its own, for the KMS calls it makes as the service. */
function backgroundContext(core: LogsCore, group: LogGroupRecord): RequestContext {
  return {
    requestId: 'logs-compaction',
    principal: servicePrincipal('logs', group.region, group.accountId),
    region: group.region,
    sourceIp: '',
    userAgent: 'logs.amazonaws.com',
    time: core.clock.now(),
    secureTransport: true,
  };
}
