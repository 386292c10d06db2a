import type { RequestContext } from '../../common/operation.js';
import type { LogsCore } from '../../logs/core.js';
import type { StopQueryRequest, StopQueryResponse } from '../../protocol/generated/logs.js';
import { insightsService } from '../service.js';

/** Cancels a running query; what it found so far stays readable with status Cancelled. */
export async function stopQuery(core: LogsCore, input: StopQueryRequest, ctx: RequestContext): Promise<StopQueryResponse> {
  return { success: await insightsService(core).stop(ctx, input.queryId) };
}
