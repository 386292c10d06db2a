import type { RequestContext } from '../../common/operation.js';
import type { PutLogGroupDeletionProtectionRequest } from '../../protocol/generated/logs.js';
import type { LogsCore } from '../core.js';

/** Turns a group's deletion protection on or off (DeleteLogGroup refuses a protected group). */
export async function putLogGroupDeletionProtection(core: LogsCore, input: PutLogGroupDeletionProtectionRequest, ctx: RequestContext): Promise<void> {
  const group = await core.selectGroup(ctx, { logGroupIdentifier: input.logGroupIdentifier });
  if (group.deletionProtection === input.deletionProtectionEnabled) return;
  await core.store.logs.updateGroup({ ...group, deletionProtection: input.deletionProtectionEnabled });
}
