import type { RequestContext } from '../../common/operation.js';
import type { DisassociateKmsKeyRequest } from '../../protocol/generated/logs.js';
import type { LogsCore } from '../core.js';
import { keyTargetGroup } from './kmsKeyHelpers.js';

/**
 * New data of the group goes back to the service-owned key. Data written while the customer key was associated
 * stays encrypted under it, and reading it still needs that key.
 */
export async function disassociateKmsKey(core: LogsCore, input: DisassociateKmsKeyRequest, ctx: RequestContext): Promise<void> {
  const group = await keyTargetGroup(core, ctx, input);
  await core.store.logs.updateGroup({ ...group, kmsKeyArn: undefined });
}
