import type { RequestContext } from '../../common/operation.js';
import { ScanBudget } from '../../common/scanBudget.js';
import type { FilteredLogEvent, FilterLogEventsRequest, FilterLogEventsResponse } from '../../protocol/generated/logs.js';
import { InvalidParameterException } from '../../protocol/generated/logs.js';
import type { EventColumns } from '../chunks.js';
import type { LogsCore } from '../core.js';
import { NO_MASKING } from '../dataProtection/mask.js';
import { maskerFor } from '../dataProtection/policies.js';
import { compileFilter, parseFilterPattern, requiredLiterals } from '../filter/index.js';
import { messages } from '../messages.js';
import type { LogGroupRecord } from '../model.js';
import { NEXT, STOP, STOP_BEFORE } from '../scan.js';
import { requiredText } from '../sketch.js';
import { decodeFilterToken, encodeFilterToken } from '../tokens.js';
import { eventId } from '../wire.js';
import { MAX_PAGE_BYTES, PAGE_EVENT_OVERHEAD } from './readHelpers.js';

const DEFAULT_LIMIT = 10_000;
/**
 * How many message bytes one call scans at most before answering with what it found and a token to go on (AWS
 * also answers partial, even empty, pages). Keeps a call's latency bounded on big groups.
 */
export const FILTER_SCAN_BUDGET_BYTES = 256 * 1024 * 1024;

/** Streams a `logStreamNamePrefix` may select. */
const MAX_PREFIX_STREAMS = 100_000;

/** A matching event, copied out of its chunk (holding the chunk would keep its whole plaintext until the answer). */
interface Match {
  timestamp: number;
  ingestionTime: number;
  message: string;
  streamId: number;
  seq: number;
}

/**
 * Events of a group's streams matching a filter pattern, in timestamp order (newest first when `startFromHead` is
 * false), merged across streams.
 */
export async function filterLogEvents(core: LogsCore, input: FilterLogEventsRequest, ctx: RequestContext): Promise<FilterLogEventsResponse> {
  const group = await core.selectGroup(ctx, input);
  if (input.logStreamNames !== undefined && input.logStreamNamePrefix !== undefined) {
    throw new InvalidParameterException(messages.streamNamesAndPrefixExclusive);
  }
  const ast = input.filterPattern ? parseFilterPattern(input.filterPattern) : undefined;
  const match = ast && compileFilter(ast);
  // Callers allowed logs:Unmask (checked by authorization) see and search the originals; others search what they see.
  const masker = input.unmask === true ? NO_MASKING : await maskerFor(core, group);
  // Text every match contains: chunks whose sketch rules it out are not read, events without it are not decoded.
  const required = ast ? requiredLiterals(ast, !masker.empty) : [];
  const candidate = candidates(required);
  const direction = input.startFromHead === false ? 'desc' : 'asc';
  const after = input.nextToken !== undefined ? decodeFilterToken(input.nextToken, group.id, direction) : undefined;
  const streamIds = await selectedStreams(core, group, input);
  if (streamIds?.length === 0) return { events: [], searchedLogStreams: [] };

  const limit = input.limit ?? DEFAULT_LIMIT;
  const scanner = core.scanner(group, ctx, streamIds, {
    direction,
    fromTime: input.startTime ?? 0,
    toTime: input.endTime ?? Number.MAX_SAFE_INTEGER,
    budgetBytes: FILTER_SCAN_BUDGET_BYTES,
    budget: new ScanBudget({ limitMs: core.filterScanBudgetMs }),
    ...(after ? { after } : {}),
  }, requiredText(required));
  const found: Match[] = [];
  let bytes = 0;
  const end = await scanner.run((cur, i) => {
    const cols = cur.cols;
    if (candidate && !candidate(cols, i)) return NEXT;
    const message = masker.empty ? cols.message(i) : masker.mask(cols.message(i), cols.ingestionTimes[i]!);
    if (match && !match(message)) return NEXT;
    const size = cols.byteLengths[i]! + PAGE_EVENT_OVERHEAD;
    if (found.length > 0 && bytes + size > MAX_PAGE_BYTES) return STOP_BEFORE;
    bytes += size;
    const streamId = cur.chunk.streamId;
    found.push({ timestamp: cols.times[i]!, ingestionTime: cols.ingestionTimes[i]!, message, streamId, seq: cur.chunk.firstSeq + cols.seqDeltas[i]! });
    return found.length >= limit ? STOP : NEXT;
  });

  const names = await streamNames(core, group, found);
  const events: FilteredLogEvent[] = found.map((m) => ({
    logStreamName: names.get(m.streamId),
    timestamp: m.timestamp,
    message: m.message,
    ingestionTime: m.ingestionTime,
    eventId: eventId(m.timestamp, m.streamId, m.seq),
  }));
  const out: FilterLogEventsResponse = { events, searchedLogStreams: [] };
  const last = scanner.last;
  if (end !== 'done' && last) out.nextToken = encodeFilterToken(group.id, direction, last);
  return out;
}

/**
 * A cheap test that every matching event passes, on the chunk's UTF-8 bytes: a matching message holds the text of
 * each clause with a single alternative (`requiredLiterals`), so a byte search for the longest one finds the few
 * events worth decoding and matching. Undefined when the pattern requires no such text.
 */
function candidates(required: readonly (readonly string[])[]): ((cols: EventColumns, i: number) => boolean) | undefined {
  let word = '';
  for (const clause of required) if (clause.length === 1 && clause[0]!.length > word.length) word = clause[0]!;
  if (word === '') return undefined;
  const needle = Buffer.from(word, 'utf8');
  // Chunks are visited one after the other, except where streams overlap in time and the scan alternates between
  // them: each chunk's mask is kept while the chunk is in use.
  const masks = new WeakMap<EventColumns, Uint8Array>();
  let lastCols: EventColumns | undefined;
  let lastMask: Uint8Array = new Uint8Array(0);
  return (cols, i) => {
    if (cols !== lastCols) {
      let mask = masks.get(cols);
      if (!mask) masks.set(cols, (mask = cols.containing(needle)));
      lastCols = cols;
      lastMask = mask;
    }
    return lastMask[i] === 1;
  };
}

/** The stream ids the request limits the search to; undefined for all streams of the group. */
async function selectedStreams(core: LogsCore, group: LogGroupRecord, input: FilterLogEventsRequest): Promise<number[] | undefined> {
  if (input.logStreamNames !== undefined) {
    const ids: number[] = [];
    for (const name of new Set(input.logStreamNames)) {
      const s = await core.store.logs.getStream(group.id, name);
      if (s) ids.push(s.id);
    }
    return ids;
  }
  if (input.logStreamNamePrefix !== undefined) {
    const ids = await core.store.logs.streamIdsByPrefix(group.id, input.logStreamNamePrefix, MAX_PREFIX_STREAMS);
    return ids.slice(0, MAX_PREFIX_STREAMS);
  }
  return undefined;
}

async function streamNames(core: LogsCore, group: LogGroupRecord, found: readonly Match[]): Promise<Map<number, string>> {
  const ids = [...new Set(found.map((m) => m.streamId))];
  const streams = await core.store.logs.getStreamsById(group.id, ids);
  return new Map(streams.map((s) => [s.id, s.name]));
}
