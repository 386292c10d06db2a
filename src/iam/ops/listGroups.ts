import type { RequestContext } from '../../common/operation.js';
import type { ListGroupsRequest, ListGroupsResponse } from '../../protocol/generated/iam.js';
import type { IamCore } from '../core.js';
import { afterOf, limitOf, pageTail } from '../paging.js';
import { groupShape } from '../wire.js';

export async function listGroups(core: IamCore, input: ListGroupsRequest, ctx: RequestContext): Promise<ListGroupsResponse> {
  const page = await core.store.iam.listGroups(ctx.principal.accountId, { pathPrefix: input.PathPrefix, limit: limitOf(input), after: afterOf(input) });
  return { Groups: page.items.map(groupShape), ...pageTail(page) };
}
