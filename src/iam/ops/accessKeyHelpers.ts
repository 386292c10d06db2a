/** What the access-key operations share: whose keys an operation is about, and finding one of them. */
import type { RequestContext } from '../../common/operation.js';
import { rootArn } from '../../auth/identity.js';
import { NoSuchEntityException } from '../../protocol/generated/iam.js';
import type { AccessKeyRecord } from '../../store/types.js';
import type { IamCore } from '../core.js';
import { messages } from '../messages.js';

/** The owner of the keys: a user, or the account root when the root calls without `UserName`. */
export interface KeyOwner {
  arn: string;
  /** `AIDA…` for a user, the account id for the root (as access key records name their owner). */
  id: string;
  /** Absent for the root. */
  userName?: string;
}

export async function keyOwner(core: IamCore, ctx: RequestContext, userName: string | undefined): Promise<KeyOwner> {
  const user = await core.subjectUser(ctx, userName);
  if (user) return { arn: user.arn, id: user.userId, userName: user.userName };
  return { arn: rootArn(ctx.principal.accountId), id: ctx.principal.accountId };
}

/** One of the owner's keys; another owner's key is as unknown as a key that does not exist. */
export async function mustOwnKey(core: IamCore, ctx: RequestContext, owner: KeyOwner, accessKeyId: string): Promise<AccessKeyRecord> {
  const key = await core.store.accounts.getAccessKey(accessKeyId);
  if (!key || key.accountId !== ctx.principal.accountId || key.principalId !== owner.id) {
    throw new NoSuchEntityException(messages.accessKeyNotFound(accessKeyId));
  }
  return key;
}
