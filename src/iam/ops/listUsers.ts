import type { RequestContext } from '../../common/operation.js';
import type { ListUsersRequest, ListUsersResponse } from '../../protocol/generated/iam.js';
import type { IamCore } from '../core.js';
import { afterOf, limitOf, pageTail } from '../paging.js';
import { userShape } from '../wire.js';

export async function listUsers(core: IamCore, input: ListUsersRequest, ctx: RequestContext): Promise<ListUsersResponse> {
  const page = await core.store.iam.listUsers(ctx.principal.accountId, { pathPrefix: input.PathPrefix, limit: limitOf(input), after: afterOf(input) });
  return { Users: page.items.map((u) => userShape(u, false)), ...pageTail(page) };
}
