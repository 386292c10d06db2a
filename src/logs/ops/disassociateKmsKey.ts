import type { RequestContext } from '../../common/operation.js';
import type { DisassociateKmsKeyRequest } from '../../protocol/generated/logs.js';
import type { LogsCore } from '../core.js';
import { keyTarget } from './kmsKeyHelpers.js';

/**
 * New data of the group (or, with `…:query-result:*`, results of later queries) goes back to the service-owned key.
 * Data written while the customer key was associated stays encrypted under it, and reading it still needs that key.
 */
export async function disassociateKmsKey(core: LogsCore, input: DisassociateKmsKeyRequest, ctx: RequestContext): Promise<void> {
  const target = await keyTarget(core, ctx, input);
  if (target.kind === 'group') await core.store.logs.updateGroup({ ...target.group, kmsKeyArn: undefined });
  else await core.store.insights.setResultKey(ctx.principal.accountId, ctx.region, undefined);
}
