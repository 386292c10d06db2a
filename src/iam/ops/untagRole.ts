import type { RequestContext } from '../../common/operation.js';
import type { UntagRoleRequest } from '../../protocol/generated/iam.js';
import type { IamCore } from '../core.js';

export async function untagRole(core: IamCore, input: UntagRoleRequest, ctx: RequestContext): Promise<Record<string, never>> {
  const role = await core.mustRole(ctx.principal.accountId, input.RoleName);
  await core.store.iam.putRole({ ...role, tags: core.removeTags(role.tags, input.TagKeys) });
  return {};
}
