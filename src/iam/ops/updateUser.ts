import type { RequestContext } from '../../common/operation.js';
import { EntityAlreadyExistsException, type UpdateUserRequest } from '../../protocol/generated/iam.js';
import type { IamCore } from '../core.js';
import { messages } from '../messages.js';
import { iamArn } from '../names.js';

/** Renames a user or moves it to another path; its id, policies, groups and access keys stay with it. */
export async function updateUser(core: IamCore, input: UpdateUserRequest, ctx: RequestContext): Promise<Record<string, never>> {
  const accountId = ctx.principal.accountId;
  const user = await core.mustUser(accountId, input.UserName);
  const userName = input.NewUserName ?? user.userName;
  const path = input.NewPath ?? user.path;
  if (userName.toLowerCase() !== user.userName.toLowerCase() && (await core.store.iam.getUser(accountId, userName))) {
    throw new EntityAlreadyExistsException(messages.entityExists('user', userName));
  }
  const updated = { ...user, userName, path, arn: iamArn(accountId, 'user', path, userName) };
  await core.store.iam.putUser(updated);
  core.principals.remove(user.arn);
  core.principals.add(updated.arn, updated.userId);
  // Requests signed with the user's keys now carry the new ARN.
  for (const k of await core.store.accounts.listAccessKeys(accountId, updated.arn)) core.credentials.invalidate(k.accessKeyId);
  return {};
}
