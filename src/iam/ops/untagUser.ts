import type { RequestContext } from '../../common/operation.js';
import type { UntagUserRequest } from '../../protocol/generated/iam.js';
import type { IamCore } from '../core.js';

export async function untagUser(core: IamCore, input: UntagUserRequest, ctx: RequestContext): Promise<Record<string, never>> {
  const user = await core.mustUser(ctx.principal.accountId, input.UserName);
  await core.store.iam.putUser({ ...user, tags: core.removeTags(user.tags, input.TagKeys) });
  return {};
}
