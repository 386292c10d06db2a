import type { RequestContext } from '../../common/operation.js';
import type { TagRoleRequest } from '../../protocol/generated/iam.js';
import type { IamCore } from '../core.js';

export async function tagRole(core: IamCore, input: TagRoleRequest, ctx: RequestContext): Promise<Record<string, never>> {
  const role = await core.mustRole(ctx.principal.accountId, input.RoleName);
  await core.store.iam.putRole({ ...role, tags: core.mergeTags(role.tags, input.Tags, 'role') });
  return {};
}
