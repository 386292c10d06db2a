import type { RequestContext } from '../../common/operation.js';
import { EntityAlreadyExistsException, type CreateUserRequest, type CreateUserResponse } from '../../protocol/generated/iam.js';
import type { IamCore } from '../core.js';
import { messages } from '../messages.js';
import type { IamUser } from '../model.js';
import { iamArn, newIamId } from '../names.js';
import { userShape } from '../wire.js';

export async function createUser(core: IamCore, input: CreateUserRequest, ctx: RequestContext): Promise<CreateUserResponse> {
  core.refuseBoundary(input.PermissionsBoundary);
  const accountId = ctx.principal.accountId;
  const tags = core.tagsFrom(input.Tags);
  if (await core.store.iam.getUser(accountId, input.UserName)) {
    throw new EntityAlreadyExistsException(messages.entityExists('user', input.UserName));
  }
  const path = input.Path ?? '/';
  const user: IamUser = {
    accountId,
    userId: newIamId('user'),
    userName: input.UserName,
    path,
    arn: iamArn(accountId, 'user', path, input.UserName),
    createdAt: core.clock.now(),
    tags,
  };
  await core.store.iam.putUser(user);
  core.principals.add(user.arn, user.userId);
  return { User: userShape(user, true) };
}
