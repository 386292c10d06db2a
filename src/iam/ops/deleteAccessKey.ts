import type { RequestContext } from '../../common/operation.js';
import type { DeleteAccessKeyRequest } from '../../protocol/generated/iam.js';
import type { IamCore } from '../core.js';
import { keyOwner, mustOwnKey } from './accessKeyHelpers.js';

export async function deleteAccessKey(core: IamCore, input: DeleteAccessKeyRequest, ctx: RequestContext): Promise<Record<string, never>> {
  const owner = await keyOwner(core, ctx, input.UserName);
  const key = await mustOwnKey(core, ctx, owner, input.AccessKeyId);
  await core.store.accounts.deleteAccessKey(key.accessKeyId);
  core.credentials.invalidate(key.accessKeyId);
  return {};
}
