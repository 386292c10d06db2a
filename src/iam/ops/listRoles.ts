import type { RequestContext } from '../../common/operation.js';
import type { ListRolesRequest, ListRolesResponse } from '../../protocol/generated/iam.js';
import type { IamCore } from '../core.js';
import { afterOf, limitOf, pageTail } from '../paging.js';
import { roleShape } from '../wire.js';

export async function listRoles(core: IamCore, input: ListRolesRequest, ctx: RequestContext): Promise<ListRolesResponse> {
  const page = await core.store.iam.listRoles(ctx.principal.accountId, { pathPrefix: input.PathPrefix, limit: limitOf(input), after: afterOf(input) });
  return { Roles: page.items.map((r) => roleShape(core.shownRole(r), 'list')), ...pageTail(page) };
}
