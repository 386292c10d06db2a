import type { RequestContext } from '../../common/operation.js';
import type { ListAccessKeysRequest, ListAccessKeysResponse } from '../../protocol/generated/iam.js';
import type { IamCore } from '../core.js';
import { pageOf, pageTail } from '../paging.js';
import { accessKeyMetadata } from '../wire.js';
import { keyOwner } from './accessKeyHelpers.js';

export async function listAccessKeys(core: IamCore, input: ListAccessKeysRequest, ctx: RequestContext): Promise<ListAccessKeysResponse> {
  const owner = await keyOwner(core, ctx, input.UserName);
  const keys = await core.store.accounts.listAccessKeys(ctx.principal.accountId, owner.arn);
  const page = pageOf(keys, input, (k) => k.accessKeyId);
  return { AccessKeyMetadata: page.items.map((k) => accessKeyMetadata(k, owner.userName)), ...pageTail(page) };
}
