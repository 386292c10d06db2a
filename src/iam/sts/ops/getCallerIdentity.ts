import type { RequestContext } from '../../../common/operation.js';
import type { GetCallerIdentityRequest, GetCallerIdentityResponse } from '../../../protocol/generated/sts.js';

/** Everyone may ask who they are: AWS answers GetCallerIdentity even when a policy denies it. */
export function getCallerIdentity(_input: GetCallerIdentityRequest, ctx: RequestContext): GetCallerIdentityResponse {
  return { UserId: ctx.principal.userId, Account: ctx.principal.accountId, Arn: ctx.principal.arn };
}
