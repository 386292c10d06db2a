import type { RequestContext } from '../../common/operation.js';
import type { UpdateRoleRequest } from '../../protocol/generated/iam.js';
import type { IamCore } from '../core.js';

export async function updateRole(core: IamCore, input: UpdateRoleRequest, ctx: RequestContext): Promise<Record<string, never>> {
  const role = await core.mustRole(ctx.principal.accountId, input.RoleName);
  const updated = { ...role };
  if (input.Description !== undefined) updated.description = input.Description;
  if (input.MaxSessionDuration !== undefined) updated.maxSessionDuration = input.MaxSessionDuration;
  await core.store.iam.putRole(updated);
  return {};
}
