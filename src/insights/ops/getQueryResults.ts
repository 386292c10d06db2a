import type { RequestContext } from '../../common/operation.js';
import type { LogsCore } from '../../logs/core.js';
import { InvalidParameterException, type GetQueryResultsRequest, type GetQueryResultsResponse } from '../../protocol/generated/logs.js';
import { messages as logsMessages } from '../../logs/messages.js';
import { insightsService } from '../service.js';

/**
 * A query's status, statistics and results (what it has found so far while it runs). Stored results are decrypted
 * now, so a disabled or deleted query-result key makes this fail, naming the key. `maxItems` pages the results.
 */
export async function getQueryResults(core: LogsCore, input: GetQueryResultsRequest, ctx: RequestContext): Promise<GetQueryResultsResponse> {
  const { record, results, encryptionKey } = await insightsService(core).results(ctx, input.queryId);
  let from = 0;
  if (input.nextToken !== undefined) {
    from = /^\d+$/.test(input.nextToken) ? Number(input.nextToken) : -1;
    if (from < 0 || from > results.length) throw new InvalidParameterException(logsMessages.invalidNextToken);
  }
  const to = input.maxItems !== undefined ? Math.min(results.length, from + input.maxItems) : results.length;
  const out: GetQueryResultsResponse = {
    queryLanguage: 'CWLI',
    results: results.slice(from, to),
    statistics: { ...record.statistics },
    status: record.status,
  };
  if (encryptionKey !== undefined) out.encryptionKey = encryptionKey;
  if (to < results.length) out.nextToken = String(to);
  return out;
}
