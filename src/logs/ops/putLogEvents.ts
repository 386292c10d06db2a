import type { RequestContext } from '../../common/operation.js';
import type { PutLogEventsRequest, PutLogEventsResponse, RejectedLogEventsInfo } from '../../protocol/generated/logs.js';
import { InvalidParameterException, ResourceNotFoundException } from '../../protocol/generated/logs.js';
import { decodeEvents, encodeColumns, INGEST_CODEC, sealChunk } from '../chunks.js';
import { buildSketch, sealSketch } from '../sketch.js';
import { COMPACT_BELOW_BYTES } from '../compaction.js';
import type { LogsCore } from '../core.js';
import { EventBatch, type PutLogEventsBatchRequest } from '../eventBatch.js';
import { MAX_BATCH_BYTES, messages } from '../messages.js';
import { MAX_CHUNK_SPAN_MS, type LogGroupRecord, type NewChunk } from '../model.js';
import { transformBatch } from '../transform/index.js';
import { sequenceToken } from '../wire.js';

const DAY_MS = 86_400_000;
/** AWS counts 26 bytes per event on top of its message's UTF-8 bytes. */
const EVENT_OVERHEAD_BYTES = 26;
const MAX_AGE_MS = 14 * DAY_MS;
const MAX_FUTURE_MS = 2 * 60 * 60 * 1000;

/** Which events of a batch are stored: `[start, end)`, and why the others are not. */
export interface BatchVerdict {
  start: number;
  end: number;
  rejected?: RejectedLogEventsInfo;
}

/**
 * PutLogEvents' rules: the batch size limit, chronological order, then too old (older than 14 days or than the
 * group's retention) and too new (over 2 hours ahead) events set aside, then at most 24 hours between the events kept.
 */
export function judgeBatch(events: EventBatch, now: number, retentionDays: number | undefined): BatchVerdict {
  const n = events.length;
  const { timestamps, byteLengths } = events;
  let bytes = n * EVENT_OVERHEAD_BYTES;
  let ordered = true;
  for (let i = 0; i < n; i++) {
    bytes += byteLengths[i]!;
    if (i > 0 && timestamps[i]! < timestamps[i - 1]!) ordered = false;
  }
  if (bytes > MAX_BATCH_BYTES) throw new InvalidParameterException(messages.uploadTooLarge(bytes));
  if (!ordered) throw new InvalidParameterException(messages.chronologicalOrder);

  const tooOldEnd = countBefore(events, now - MAX_AGE_MS);
  const expiredEnd = retentionDays === undefined ? 0 : countBefore(events, now - retentionDays * DAY_MS);
  const start = Math.max(tooOldEnd, expiredEnd);
  const end = countBefore(events, now + MAX_FUTURE_MS + 1);
  const rejected: RejectedLogEventsInfo = {};
  if (tooOldEnd > 0) rejected.tooOldLogEventEndIndex = tooOldEnd;
  if (expiredEnd > tooOldEnd) rejected.expiredLogEventEndIndex = expiredEnd;
  if (end < n) rejected.tooNewLogEventStartIndex = end;
  if (start < end && timestamps[end - 1]! - timestamps[start]! > MAX_CHUNK_SPAN_MS) {
    throw new InvalidParameterException(messages.batchSpan);
  }
  const verdict: BatchVerdict = { start, end: Math.max(start, end) };
  if (Object.keys(rejected).length > 0) verdict.rejected = rejected;
  return verdict;
}

/** How many events (ordered by time) are older than `t`. */
function countBefore(events: EventBatch, t: number): number {
  const timestamps = events.timestamps;
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (timestamps[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Stores the accepted events of the batch as one encrypted chunk. The chunk is prepared outside any transaction and
 * committed by the group-commit writer; the response waits for that commit, so an acknowledged batch is durable.
 * Sequence tokens are accepted and ignored. The events come as columns from the server's PutLogEvents body decoder
 * (src/logs/eventBatch.ts), or as objects from any other caller.
 */
export async function putLogEvents(core: LogsCore, input: PutLogEventsRequest | PutLogEventsBatchRequest, ctx: RequestContext): Promise<PutLogEventsResponse> {
  const group = await core.mustGroup(ctx, input.logGroupName);
  const stream = await core.mustStream(group, input.logStreamName);
  const events = input.logEvents instanceof EventBatch ? input.logEvents : EventBatch.fromEvents(input.logEvents);
  const now = core.clock.now();
  const verdict = judgeBatch(events, now, group.retentionDays);
  let nextSeq = stream.nextSeq;
  if (verdict.start < verdict.end) {
    const chunk = await core.writer.write(prepareChunk(core, group, stream.id, input.logStreamName, events, verdict, now, ctx));
    // The stream was deleted while the batch was being prepared.
    if (!chunk) throw new ResourceNotFoundException(messages.streamNotFound);
    nextSeq = chunk.firstSeq + chunk.count;
  }
  const out: PutLogEventsResponse = { nextSequenceToken: sequenceToken(stream.id, nextSeq) };
  if (verdict.rejected) out.rejectedLogEventsInfo = verdict.rejected;
  return out;
}

/** The kept events as a compressed chunk encrypted under the group's current data key. */
async function prepareChunk(
  core: LogsCore,
  group: LogGroupRecord,
  streamId: number,
  streamName: string,
  events: EventBatch,
  verdict: BatchVerdict,
  now: number,
  ctx: RequestContext,
): Promise<Omit<NewChunk, 'firstSeq'>> {
  const { start, end } = verdict;
  const { byteLengths, timestamps } = events;
  const dataKey = await core.dataKeys.forEncryption(group, ctx);
  const transformed = await transformBatch(core, group, streamName, events, start, end, ctx);
  const plain = encodeColumns(events, start, end, now, transformed);
  const place = { groupId: group.id, streamId };
  const data = await sealChunk(plain, dataKey.plaintext, place, INGEST_CODEC.compression, INGEST_CODEC.level);
  const sketch = sealSketch(buildSketch(decodeEvents(plain, transformed !== undefined)), dataKey.plaintext, place);
  let rawBytes = 0;
  for (let i = start; i < end; i++) rawBytes += byteLengths[i]!;
  const chunk: Omit<NewChunk, 'firstSeq'> = {
    groupId: group.id,
    streamId,
    count: end - start,
    minTime: timestamps[start]!,
    maxTime: timestamps[end - 1]!,
    maxIngestionTime: now,
    rawBytes,
    wrappedKey: dataKey.wrapped,
    data,
    compactable: rawBytes < COMPACT_BELOW_BYTES,
    sketch,
  };
  if (dataKey.keyArn !== undefined) chunk.keyArn = dataKey.keyArn;
  return chunk;
}
