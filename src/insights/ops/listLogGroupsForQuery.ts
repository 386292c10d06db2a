import type { RequestContext } from '../../common/operation.js';
import { logGroupArn } from '../../logs/arns.js';
import type { LogsCore } from '../../logs/core.js';
import { decodeListToken, encodeListToken } from '../../logs/tokens.js';
import { messages as logsMessages } from '../../logs/messages.js';
import { InvalidParameterException, type ListLogGroupsForQueryRequest, type ListLogGroupsForQueryResponse } from '../../protocol/generated/logs.js';
import { insightsService } from '../service.js';

/** AWS's default page size is not documented; the smallest `maxResults` it accepts is used. */
const DEFAULT_MAX = 50;

/**
 * The log groups a query analysed, as ARNs (`arn:aws:logs:R:A:log-group:NAME`, as StartQuery's logGroupIdentifiers
 * take them), in the order the query named them. A token is the position in that list.
 */
export async function listLogGroupsForQuery(core: LogsCore, input: ListLogGroupsForQueryRequest, ctx: RequestContext): Promise<ListLogGroupsForQueryResponse> {
  const service = insightsService(core);
  await service.ready();
  const after = decodeListToken(`query-groups/${input.queryId}`, input.nextToken);
  if (after !== undefined && !/^\d+$/.test(after)) throw new InvalidParameterException(logsMessages.invalidNextToken);
  const from = after === undefined ? 0 : Number(after);
  const record = await service.mustQuery(ctx, input.queryId);
  const arns = record.logGroupNames.map((name) => logGroupArn(record.region, record.accountId, name));
  const max = input.maxResults ?? DEFAULT_MAX;
  const out: ListLogGroupsForQueryResponse = { logGroupIdentifiers: arns.slice(from, from + max) };
  if (from + max < arns.length) out.nextToken = encodeListToken(`query-groups/${input.queryId}`, String(from + max));
  return out;
}
