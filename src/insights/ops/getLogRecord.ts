import type { RequestContext } from '../../common/operation.js';
import { openChunk } from '../../logs/chunks.js';
import { NO_MASKING } from '../../logs/dataProtection/mask.js';
import { maskerFor } from '../../logs/dataProtection/policies.js';
import type { LogsCore } from '../../logs/core.js';
import { InvalidParameterException, type GetLogRecordRequest, type GetLogRecordResponse } from '../../protocol/generated/logs.js';
import { messages } from '../messages.js';
import { decodePtr } from '../ptr.js';
import { EventRow } from '../row.js';
import { toText } from '../values.js';

/** Every field of the event a `@ptr` points at: system fields (times in epoch ms) and the discovered ones. */
export async function getLogRecord(core: LogsCore, input: GetLogRecordRequest, ctx: RequestContext): Promise<GetLogRecordResponse> {
  const ptr = decodePtr(input.logRecordPointer);
  if (!ptr || ptr.accountId !== ctx.principal.accountId || ptr.region !== ctx.region) throw new InvalidParameterException(messages.invalidPointer);
  const group = await core.store.logs.getGroupById(ptr.groupId);
  if (!group || group.accountId !== ptr.accountId || group.region !== ptr.region) throw new InvalidParameterException(messages.invalidPointer);
  const [stream] = await core.store.logs.getStreamsById(group.id, [ptr.streamId]);
  if (!stream) throw new InvalidParameterException(messages.invalidPointer);
  const unwrap = core.dataKeys.unwrapper(group, ctx);
  // Masked as every read is, unless the caller asked for `unmask` (logs:Unmask was checked by authorization).
  const masker = input.unmask === true ? NO_MASKING : await maskerFor(core, group);
  const page = await core.store.logs.listChunks({ groupId: group.id, streamIds: [stream.id], fromTime: ptr.timestamp, toTime: ptr.timestamp, order: 'asc', limit: 1000 });
  for (const chunk of page.chunks) {
    if (ptr.seq < chunk.firstSeq || ptr.seq >= chunk.firstSeq + chunk.count) continue;
    const cols = await openChunk(chunk.data, await unwrap(chunk.keyArn, chunk.wrappedKey), chunk);
    for (let i = 0; i < cols.count; i++) {
      if (chunk.firstSeq + cols.seqDeltas[i]! !== ptr.seq) continue;
      const row = new EventRow({
        timestamp: cols.times[i]!,
        ingestionTime: cols.ingestionTimes[i]!,
        message: masker.mask(cols.message(i), cols.ingestionTimes[i]!),
        logStream: stream.name,
        log: `${group.accountId}:${group.name}`,
        ptr: input.logRecordPointer,
        transformed: cols.transformed?.transformed(i),
        transformationError: cols.transformed?.error(i),
      });
      const logRecord: Record<string, string> = {
        '@timestamp': String(cols.times[i]!),
        '@message': row.ev.message,
        '@logStream': stream.name,
        '@log': row.ev.log,
        '@ingestionTime': String(cols.ingestionTimes[i]!),
      };
      if (row.ev.transformationError !== undefined) logRecord['@transformationError'] = row.ev.transformationError;
      for (const [k, v] of row.discovered()) logRecord[k] = toText(v) ?? '';
      return { logRecord };
    }
  }
  throw new InvalidParameterException(messages.invalidPointer);
}
