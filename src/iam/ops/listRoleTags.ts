import type { RequestContext } from '../../common/operation.js';
import type { ListRoleTagsRequest, ListRoleTagsResponse } from '../../protocol/generated/iam.js';
import type { IamCore } from '../core.js';
import { pageOf, pageTail } from '../paging.js';
import { wireTags } from '../wire.js';

export async function listRoleTags(core: IamCore, input: ListRoleTagsRequest, ctx: RequestContext): Promise<ListRoleTagsResponse> {
  const role = await core.mustRole(ctx.principal.accountId, input.RoleName);
  const page = pageOf(wireTags(role.tags), input, (t) => t.Key);
  return { Tags: page.items, ...pageTail(page) };
}
