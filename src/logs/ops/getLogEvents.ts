import type { RequestContext } from '../../common/operation.js';
import type { GetLogEventsRequest, GetLogEventsResponse, OutputLogEvent } from '../../protocol/generated/logs.js';
import type { LogsCore } from '../core.js';
import { NO_MASKING } from '../dataProtection/mask.js';
import { maskerFor } from '../dataProtection/policies.js';
import { keyAt, NEXT, STOP, STOP_BEFORE, type EventKey } from '../scan.js';
import { BEFORE_ALL, decodeStreamToken, encodeStreamToken } from '../tokens.js';
import { MAX_PAGE_BYTES, PAGE_EVENT_OVERHEAD } from './readHelpers.js';

const DEFAULT_LIMIT = 10_000;

/**
 * One page of a stream's events, oldest first. Forward (`startFromHead`, or an `f/` token) pages start after the
 * position; backward ones (the default, or a `b/` token) end before it. At either end of the stream the token passed
 * in comes back unchanged.
 */
export async function getLogEvents(core: LogsCore, input: GetLogEventsRequest, ctx: RequestContext): Promise<GetLogEventsResponse> {
  const group = await core.selectGroup(ctx, input);
  const stream = await core.mustStream(group, input.logStreamName);
  // Callers allowed logs:Unmask (checked by authorization) may see the originals.
  const masker = input.unmask === true ? NO_MASKING : await maskerFor(core, group);
  const token = input.nextToken !== undefined ? decodeStreamToken(input.nextToken, stream.id) : undefined;
  const forward = token ? token.direction === 'f' : input.startFromHead === true;
  const limit = input.limit ?? DEFAULT_LIMIT;
  const after: EventKey | undefined = token && { time: token.time, streamId: stream.id, seq: token.seq };
  const scanner = core.scanner(group, ctx, [stream.id], {
    direction: forward ? 'asc' : 'desc',
    fromTime: input.startTime ?? 0,
    // endTime is exclusive for GetLogEvents.
    toTime: input.endTime !== undefined ? input.endTime - 1 : Number.MAX_SAFE_INTEGER,
    ...(after ? { after } : {}),
  });

  const events: OutputLogEvent[] = [];
  let first: EventKey | undefined;
  let last: EventKey | undefined;
  let bytes = 0;
  await scanner.run((cur, i) => {
    const size = cur.cols.byteLengths[i]! + PAGE_EVENT_OVERHEAD;
    if (events.length > 0 && bytes + size > MAX_PAGE_BYTES) return STOP_BEFORE;
    bytes += size;
    const ingestionTime = cur.cols.ingestionTimes[i]!;
    events.push({ timestamp: cur.cols.times[i]!, message: masker.mask(cur.cols.message(i), ingestionTime), ingestionTime });
    const key = keyAt(cur.chunk, cur.cols, i);
    first ??= key;
    last = key;
    return events.length >= limit ? STOP : NEXT;
  });

  const here = token ?? BEFORE_ALL;
  if (!first || !last) {
    return {
      events,
      nextForwardToken: token?.direction === 'f' ? input.nextToken : encodeStreamToken('f', stream.id, here),
      nextBackwardToken: token?.direction === 'b' ? input.nextToken : encodeStreamToken('b', stream.id, here),
    };
  }
  // A backward scan met the newest event first.
  const [oldest, newest] = forward ? [first, last] : [last, first];
  if (!forward) events.reverse();
  return { events, nextForwardToken: encodeStreamToken('f', stream.id, newest), nextBackwardToken: encodeStreamToken('b', stream.id, oldest) };
}
