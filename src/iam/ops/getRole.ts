import type { RequestContext } from '../../common/operation.js';
import type { GetRoleRequest, GetRoleResponse } from '../../protocol/generated/iam.js';
import type { IamCore } from '../core.js';
import { roleShape } from '../wire.js';

export async function getRole(core: IamCore, input: GetRoleRequest, ctx: RequestContext): Promise<GetRoleResponse> {
  return { Role: roleShape(core.shownRole(await core.mustRole(ctx.principal.accountId, input.RoleName)), 'get') };
}
