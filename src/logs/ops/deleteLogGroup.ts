import type { RequestContext } from '../../common/operation.js';
import type { DeleteLogGroupRequest } from '../../protocol/generated/logs.js';
import { ValidationException } from '../../protocol/generated/logs.js';
import type { LogsCore } from '../core.js';
import { groupTarget } from '../dataProtection/policies.js';
import { messages } from '../messages.js';

/** Deletes the group with all its streams and (encrypted) events. */
export async function deleteLogGroup(core: LogsCore, input: DeleteLogGroupRequest, ctx: RequestContext): Promise<void> {
  const group = await core.mustGroup(ctx, input.logGroupName);
  if (group.deletionProtection) throw new ValidationException(messages.deletionProtected(group.name));
  await core.store.logs.deleteGroup(group.id);
  await core.store.logPolicies.deleteTarget(group.accountId, group.region, groupTarget(group));
}
