import type { RequestContext } from '../../common/operation.js';
import type { LogsCore } from '../../logs/core.js';
import { maskerFor } from '../../logs/dataProtection/policies.js';
import { NEXT, STOP } from '../../logs/scan.js';
import type { GetLogGroupFieldsRequest, GetLogGroupFieldsResponse, LogGroupField } from '../../protocol/generated/logs.js';
import { EventRow } from '../row.js';

/** AWS looks at the 15 minutes before now, or 8 minutes either side of `time`. */
const RECENT_MS = 15 * 60_000;
const AROUND_MS = 8 * 60_000;
const SAMPLE = 10_000;
const SYSTEM = ['@ingestionTime', '@log', '@logStream', '@message', '@timestamp'];

/** Fields found in the group's recent events, with the percentage of events holding each. */
export async function getLogGroupFields(core: LogsCore, input: GetLogGroupFieldsRequest, ctx: RequestContext): Promise<GetLogGroupFieldsResponse> {
  const group = await core.selectGroup(ctx, input);
  const now = core.clock.now();
  const [fromTime, toTime] = input.time !== undefined ? [input.time * 1000 - AROUND_MS, input.time * 1000 + AROUND_MS] : [now - RECENT_MS, now];
  const counts = new Map<string, number>();
  let total = 0;
  // Fields of what callers see: a masked value may hide a field name too.
  const masker = await maskerFor(core, group);
  await core.scanner(group, ctx, undefined, { direction: 'desc', fromTime, toTime }).run((cur, i) => {
    const row = new EventRow({ timestamp: 0, ingestionTime: 0, message: masker.mask(cur.cols.message(i), cur.cols.ingestionTimes[i]!), logStream: '', log: '', ptr: '', transformed: cur.cols.transformed?.transformed(i) });
    for (const k of row.discovered().keys()) counts.set(k, (counts.get(k) ?? 0) + 1);
    total++;
    return total >= SAMPLE ? STOP : NEXT;
  });
  if (total === 0) return { logGroupFields: [] };
  const fields: LogGroupField[] = SYSTEM.map((name) => ({ name, percent: 100 }));
  const found = [...counts].map(([name, n]) => ({ name, percent: Math.round((100 * n) / total) }));
  found.sort((a, b) => b.percent - a.percent || (a.name < b.name ? -1 : 1));
  return { logGroupFields: [...fields, ...found] };
}
