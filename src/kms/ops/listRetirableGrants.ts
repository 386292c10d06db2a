import type { RequestContext } from '../../common/operation.js';
import type { ListGrantsResponse, ListRetirableGrantsRequest } from '../../protocol/generated/kms.js';
import type { KmsCore } from '../core.js';
import { AccessDeniedException, ValidationException } from '../errors.js';
import { messages } from '../messages.js';
import { accountOfPrincipal, principalId, shownGrant } from './grantHelpers.js';
import { requestContext } from './lifecycleHelpers.js';
import { grantPage } from './listGrants.js';

const ACTION = 'kms:ListRetirableGrants';

/**
 * Grants in this Region, on keys of any account, whose retiring principal is the given principal of the caller's
 * account. Only the caller's IAM permission counts; the resource is the retiring principal.
 */
export async function listRetirableGrants(core: KmsCore, input: ListRetirableGrantsRequest, ctx: RequestContext): Promise<ListGrantsResponse> {
  if (input.RetiringServicePrincipal !== undefined) throw new ValidationException(messages.servicePrincipalGrantsUnsupported);
  const retiring = input.RetiringPrincipal;
  if (retiring === undefined) throw new ValidationException(messages.retiringPrincipalRequired);
  if (accountOfPrincipal(retiring) !== ctx.principal.accountId) {
    throw new AccessDeniedException(messages.noIdentityPolicyAllows(ctx.principal.arn, ACTION, retiring));
  }
  await core.authorizeIdentity(ctx, ACTION, retiring, requestContext(ctx));
  // Only the grants naming this principal: not those of a deleted principal that had the same name.
  const grants = (await core.store.kms.listRetirableGrants(ctx.region, retiring))
    .filter((g) => g.retiringPrincipalId === undefined || g.retiringPrincipalId === principalId(core, retiring))
    .map((g) => shownGrant(core, g));
  return grantPage('retirable', grants, input.Limit, input.Marker);
}
