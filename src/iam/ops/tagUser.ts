import type { RequestContext } from '../../common/operation.js';
import type { TagUserRequest } from '../../protocol/generated/iam.js';
import type { IamCore } from '../core.js';

export async function tagUser(core: IamCore, input: TagUserRequest, ctx: RequestContext): Promise<Record<string, never>> {
  const user = await core.mustUser(ctx.principal.accountId, input.UserName);
  await core.store.iam.putUser({ ...user, tags: core.mergeTags(user.tags, input.Tags, 'user') });
  return {};
}
