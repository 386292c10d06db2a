import { parsePolicy, PolicyError } from '../../auth/policy/index.js';
import type { RequestContext } from '../../common/operation.js';
import { InvalidParameterException, ResourceNotFoundException, type PutDestinationPolicyRequest } from '../../protocol/generated/logs.js';
import type { LogsCore } from '../core.js';
import { subscriptionMessages as m } from '../subscriptions/messages.js';

/** Sets the destination's access policy: a resource policy naming the accounts that may subscribe to it. */
export async function putDestinationPolicy(core: LogsCore, input: PutDestinationPolicyRequest, ctx: RequestContext): Promise<void> {
  const d = await core.store.logSubscriptions.getDestination(ctx.principal.accountId, ctx.region, input.destinationName);
  if (!d) throw new ResourceNotFoundException(m.destinationNotFound);
  try {
    parsePolicy(input.accessPolicy, { kind: 'resource' });
  } catch (err) {
    throw new InvalidParameterException(m.invalidAccessPolicy(err instanceof PolicyError ? err.message : 'not a policy document'));
  }
  await core.store.logSubscriptions.putDestination({ ...d, accessPolicy: input.accessPolicy });
}
