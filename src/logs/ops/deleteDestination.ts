import type { RequestContext } from '../../common/operation.js';
import { ResourceNotFoundException, type DeleteDestinationRequest } from '../../protocol/generated/logs.js';
import type { LogsCore } from '../core.js';
import { subscriptionMessages as m } from '../subscriptions/messages.js';

/** Deletes the destination; filters naming it stop delivering (their entries wait, then are dropped after a day). */
export async function deleteDestination(core: LogsCore, input: DeleteDestinationRequest, ctx: RequestContext): Promise<void> {
  if (!(await core.store.logSubscriptions.deleteDestination(ctx.principal.accountId, ctx.region, input.destinationName))) {
    throw new ResourceNotFoundException(m.destinationNotFound);
  }
}
