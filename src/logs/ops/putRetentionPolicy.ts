import type { RequestContext } from '../../common/operation.js';
import type { PutRetentionPolicyRequest } from '../../protocol/generated/logs.js';
import { InvalidParameterException } from '../../protocol/generated/logs.js';
import type { LogsCore } from '../core.js';
import { messages, RETENTION_DAYS } from '../messages.js';

/** Events older than the retention are deleted by the retention task (src/logs/retention.ts). */
export async function putRetentionPolicy(core: LogsCore, input: PutRetentionPolicyRequest, ctx: RequestContext): Promise<void> {
  if (!RETENTION_DAYS.includes(input.retentionInDays)) throw new InvalidParameterException(messages.retentionNotAllowed(input.retentionInDays));
  const group = await core.mustGroup(ctx, input.logGroupName);
  await core.store.logs.updateGroup({ ...group, retentionDays: input.retentionInDays });
}
