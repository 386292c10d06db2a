import type { RequestContext } from '../../common/operation.js';
import { ResourceNotFoundException, type DeleteSubscriptionFilterRequest } from '../../protocol/generated/logs.js';
import type { LogsCore } from '../core.js';
import { subscriptionMessages as m } from '../subscriptions/messages.js';

/** Deletes the filter; events stored before keep being delivered only to the filters left. */
export async function deleteSubscriptionFilter(core: LogsCore, input: DeleteSubscriptionFilterRequest, ctx: RequestContext): Promise<void> {
  const group = await core.mustGroup(ctx, input.logGroupName);
  if (!(await core.store.logSubscriptions.deleteFilter(group.id, input.filterName))) throw new ResourceNotFoundException(m.filterNotFound);
}
