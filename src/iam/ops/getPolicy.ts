import type { RequestContext } from '../../common/operation.js';
import type { GetPolicyRequest, GetPolicyResponse } from '../../protocol/generated/iam.js';
import type { IamCore } from '../core.js';
import { policyShape } from '../wire.js';

export async function getPolicy(core: IamCore, input: GetPolicyRequest, ctx: RequestContext): Promise<GetPolicyResponse> {
  const accountId = ctx.principal.accountId;
  const policy = await core.mustPolicy(accountId, input.PolicyArn);
  return { Policy: policyShape(policy, await core.store.iam.attachmentCount(accountId, policy.arn), 'get') };
}
