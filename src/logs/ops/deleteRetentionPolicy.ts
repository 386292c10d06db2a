import type { RequestContext } from '../../common/operation.js';
import type { DeleteRetentionPolicyRequest } from '../../protocol/generated/logs.js';
import type { LogsCore } from '../core.js';

/** The group's events never expire again. */
export async function deleteRetentionPolicy(core: LogsCore, input: DeleteRetentionPolicyRequest, ctx: RequestContext): Promise<void> {
  const group = await core.mustGroup(ctx, input.logGroupName);
  await core.store.logs.updateGroup({ ...group, retentionDays: undefined });
}
