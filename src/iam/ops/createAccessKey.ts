import type { RequestContext } from '../../common/operation.js';
import { LimitExceededException, type AccessKey, type CreateAccessKeyRequest, type CreateAccessKeyResponse } from '../../protocol/generated/iam.js';
import type { IamCore } from '../core.js';
import { messages } from '../messages.js';
import { iamDate } from '../wire.js';
import { keyOwner } from './accessKeyHelpers.js';

const MAX_KEYS = 2;

/** The only response that carries the secret; it is stored sealed and never shown again. */
export async function createAccessKey(core: IamCore, input: CreateAccessKeyRequest, ctx: RequestContext): Promise<CreateAccessKeyResponse> {
  const accountId = ctx.principal.accountId;
  const owner = await keyOwner(core, ctx, input.UserName);
  if ((await core.store.accounts.listAccessKeys(accountId, owner.arn)).length >= MAX_KEYS) throw new LimitExceededException(messages.accessKeyQuota);
  const createdAt = core.clock.now();
  const key = await core.accounts.createAccessKey(accountId, owner.arn, owner.id);
  const out: Partial<AccessKey> = { AccessKeyId: key.accessKeyId, Status: 'Active', SecretAccessKey: key.secretAccessKey, CreateDate: iamDate(createdAt) };
  // The root's own keys have no user name.
  if (owner.userName !== undefined) out.UserName = owner.userName;
  return { AccessKey: out as AccessKey };
}
