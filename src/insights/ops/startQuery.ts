import type { RequestContext } from '../../common/operation.js';
import type { LogsCore } from '../../logs/core.js';
import type { StartQueryRequest, StartQueryResponse } from '../../protocol/generated/logs.js';
import { insightsService } from '../service.js';

/**
 * Checks the request and the query (MalformedQueryException with the position of what does not parse), then runs
 * the query in the background and answers its id at once.
 */
export async function startQuery(core: LogsCore, input: StartQueryRequest, ctx: RequestContext): Promise<StartQueryResponse> {
  return { queryId: await insightsService(core).start(ctx, input) };
}
