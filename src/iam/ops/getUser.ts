import type { RequestContext } from '../../common/operation.js';
import { rootArn } from '../../auth/identity.js';
import type { GetUserRequest, GetUserResponse, User } from '../../protocol/generated/iam.js';
import type { IamCore } from '../core.js';
import { iamDate, userShape } from '../wire.js';

/** Without `UserName`, the calling user; for the account root, IAM describes the root (no name, no path). */
export async function getUser(core: IamCore, input: GetUserRequest, ctx: RequestContext): Promise<GetUserResponse> {
  const user = await core.subjectUser(ctx, input.UserName);
  if (user) return { User: userShape(user, true) };
  const accountId = ctx.principal.accountId;
  const account = await core.store.accounts.getAccount(accountId);
  const root: Partial<User> = { UserId: accountId, Arn: rootArn(accountId), CreateDate: iamDate(account?.createdAt ?? 0) };
  return { User: root as User };
}
