import type { RequestContext } from '../../common/operation.js';
import type { ListPolicyVersionsRequest, ListPolicyVersionsResponse } from '../../protocol/generated/iam.js';
import type { IamCore } from '../core.js';
import { pageOf, pageTail } from '../paging.js';
import { policyVersionShape } from '../wire.js';

/** Newest first, without documents. */
export async function listPolicyVersions(core: IamCore, input: ListPolicyVersionsRequest, ctx: RequestContext): Promise<ListPolicyVersionsResponse> {
  const accountId = ctx.principal.accountId;
  const policy = await core.mustPolicy(accountId, input.PolicyArn);
  const page = pageOf(await core.store.iam.listPolicyVersions(accountId, policy.arn), input, (v) => v.versionId);
  return { Versions: page.items.map((v) => policyVersionShape(v, v.versionId === policy.defaultVersionId, false)), ...pageTail(page) };
}
