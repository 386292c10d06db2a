import type { RequestContext } from '../../common/operation.js';
import type { AssociateKmsKeyRequest } from '../../protocol/generated/logs.js';
import type { LogsCore } from '../core.js';
import { keyTargetGroup } from './kmsKeyHelpers.js';

/**
 * Makes a customer key encrypt the group's new data (replacing any earlier key); data already stored keeps the key
 * it was written under. The key is checked as CreateLogGroup checks it.
 */
export async function associateKmsKey(core: LogsCore, input: AssociateKmsKeyRequest, ctx: RequestContext): Promise<void> {
  const group = await keyTargetGroup(core, ctx, input);
  const kmsKeyArn = await core.validateCustomerKey(ctx, group, input.kmsKeyId);
  await core.store.logs.updateGroup({ ...group, kmsKeyArn });
}
