import type { RequestContext } from '../../common/operation.js';
import type { LogsCore } from '../../logs/core.js';
import { messages as logsMessages } from '../../logs/messages.js';
import { InvalidParameterException, type DescribeQueriesRequest, type DescribeQueriesResponse } from '../../protocol/generated/logs.js';
import type { QueryStatus } from '../model.js';
import { insightsService } from '../service.js';

const DEFAULT_MAX = 1000;

/** The account's queries of the last 7 days in this region, newest first, optionally of one group or status. */
export async function describeQueries(core: LogsCore, input: DescribeQueriesRequest, ctx: RequestContext): Promise<DescribeQueriesResponse> {
  const service = insightsService(core);
  await service.ready();
  if (input.nextToken !== undefined && !/^\d+$/.test(input.nextToken)) throw new InvalidParameterException(logsMessages.invalidNextToken);
  const q: Parameters<typeof core.store.insights.listQueries>[2] = { limit: input.maxResults ?? DEFAULT_MAX };
  if (input.logGroupName !== undefined) q.logGroupName = input.logGroupName;
  if (input.status !== undefined) q.status = input.status as QueryStatus;
  if (input.nextToken !== undefined) q.after = input.nextToken;
  const page = await core.store.insights.listQueries(ctx.principal.accountId, ctx.region, q);
  const out: DescribeQueriesResponse = {
    queries: page.items.map((stored) => {
      const r = service.live(stored);
      return {
        queryLanguage: r.queryLanguage as 'CWLI',
        queryId: r.queryId,
        queryString: r.queryString,
        status: r.status,
        createTime: r.createTime,
        logGroupName: r.logGroupNames[0],
        ...(r.queryDuration !== undefined ? { queryDuration: r.queryDuration } : {}),
        bytesScanned: r.statistics.bytesScanned,
        userIdentity: r.userIdentity,
      };
    }),
  };
  if (page.next !== undefined) out.nextToken = page.next;
  return out;
}
