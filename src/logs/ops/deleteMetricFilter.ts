import type { RequestContext } from '../../common/operation.js';
import { ResourceNotFoundException, type DeleteMetricFilterRequest } from '../../protocol/generated/logs.js';
import type { LogsCore } from '../core.js';
import { messages } from '../messages.js';

export async function deleteMetricFilter(core: LogsCore, input: DeleteMetricFilterRequest, ctx: RequestContext): Promise<void> {
  const group = await core.mustGroup(ctx, input.logGroupName);
  if (!(await core.store.insights.deleteMetricFilter(group.id, input.filterName))) throw new ResourceNotFoundException(messages.metricFilterNotFound);
}
