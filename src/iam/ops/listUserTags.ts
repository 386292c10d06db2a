import type { RequestContext } from '../../common/operation.js';
import type { ListUserTagsRequest, ListUserTagsResponse } from '../../protocol/generated/iam.js';
import type { IamCore } from '../core.js';
import { pageOf, pageTail } from '../paging.js';
import { wireTags } from '../wire.js';

export async function listUserTags(core: IamCore, input: ListUserTagsRequest, ctx: RequestContext): Promise<ListUserTagsResponse> {
  const user = await core.mustUser(ctx.principal.accountId, input.UserName);
  const page = pageOf(wireTags(user.tags), input, (t) => t.Key);
  return { Tags: page.items, ...pageTail(page) };
}
