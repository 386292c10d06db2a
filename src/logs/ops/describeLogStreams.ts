import type { RequestContext } from '../../common/operation.js';
import type { DescribeLogStreamsRequest, DescribeLogStreamsResponse } from '../../protocol/generated/logs.js';
import { InvalidParameterException } from '../../protocol/generated/logs.js';
import type { LogsCore } from '../core.js';
import { messages } from '../messages.js';
import type { StreamListQuery } from '../model.js';
import { decodeListToken, encodeListToken } from '../tokens.js';
import { logStreamEntry } from '../wire.js';

const DEFAULT_LIMIT = 50;

export async function describeLogStreams(core: LogsCore, input: DescribeLogStreamsRequest, ctx: RequestContext): Promise<DescribeLogStreamsResponse> {
  const orderBy = input.orderBy ?? 'LogStreamName';
  // Parameters are checked before the group is looked up, as moto does (AWS's order here is not recorded).
  if (orderBy === 'LastEventTime' && input.logStreamNamePrefix !== undefined) {
    throw new InvalidParameterException(messages.orderByLastEventTimeWithPrefix);
  }
  const group = await core.selectGroup(ctx, input);
  const descending = input.descending === true;
  // The token names the ordering it was made for, so it cannot resume a listing in another order.
  const kind = `streams:${orderBy}:${descending ? 'desc' : 'asc'}:${input.logStreamNamePrefix ?? ''}`;
  const q: StreamListQuery = { orderBy, descending, limit: input.limit ?? DEFAULT_LIMIT };
  if (input.logStreamNamePrefix !== undefined) q.prefix = input.logStreamNamePrefix;
  const after = decodeListToken(kind, input.nextToken);
  if (after !== undefined) q.after = after;
  const page = await core.store.logs.listStreams(group.id, q);
  const out: DescribeLogStreamsResponse = { logStreams: page.items.map((s) => logStreamEntry(group, s)) };
  if (page.next !== undefined) out.nextToken = encodeListToken(kind, page.next);
  return out;
}
