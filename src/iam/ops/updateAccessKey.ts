import type { RequestContext } from '../../common/operation.js';
import type { UpdateAccessKeyRequest } from '../../protocol/generated/iam.js';
import type { IamCore } from '../core.js';
import { ValidationError } from '../errors.js';
import { messages } from '../messages.js';
import { keyOwner, mustOwnKey } from './accessKeyHelpers.js';

/** An `Inactive` key is refused by SigV4 from the next request on, in this process at once. */
export async function updateAccessKey(core: IamCore, input: UpdateAccessKeyRequest, ctx: RequestContext): Promise<Record<string, never>> {
  // The model's status type is shared with other credentials; access keys are only ever Active or Inactive.
  if (input.Status === 'Expired') throw new ValidationError(messages.accessKeyStatus(input.Status));
  const owner = await keyOwner(core, ctx, input.UserName);
  const key = await mustOwnKey(core, ctx, owner, input.AccessKeyId);
  await core.store.accounts.setAccessKeyStatus(key.accessKeyId, input.Status);
  core.credentials.invalidate(key.accessKeyId);
  return {};
}
