import type { RequestContext } from '../../common/operation.js';
import type { ListGrantsRequest, ListGrantsResponse } from '../../protocol/generated/kms.js';
import { baseConditionContext } from '../authorize.js';
import type { KmsCore } from '../core.js';
import { ValidationException } from '../errors.js';
import { messages } from '../messages.js';
import type { GrantRecord } from '../model.js';
import { grantEntry } from '../wire.js';
import { loadGrantKey, requireGrantId, shownGrant } from './grantHelpers.js';
import { pageOf } from './lifecycleHelpers.js';

/** KMS returns at most 100 grants a page, 50 when no Limit is given. */
export const DEFAULT_GRANT_PAGE = 50;
export const MAX_GRANT_PAGE = 100;

/** The grants of a key (cross-account by key ARN), optionally one grant or one grantee's, oldest first. */
export async function listGrants(core: KmsCore, input: ListGrantsRequest, ctx: RequestContext): Promise<ListGrantsResponse> {
  const key = await loadGrantKey(core, input.KeyId, ctx);
  if (input.GranteeServicePrincipal !== undefined) throw new ValidationException(messages.servicePrincipalGrantsUnsupported);
  if (input.GrantId !== undefined) requireGrantId(input.GrantId);
  await core.authorizer.authorize({ ctx, key, action: 'kms:ListGrants', context: baseConditionContext(ctx, key) });
  // Grantees as shown: a deleted principal by its id, so a re-created one of the same name finds none of its grants.
  const grants = (await core.store.kms.listGrants(key.accountId, key.region, key.keyId))
    .map((g) => shownGrant(core, g))
    .filter((g) => (input.GrantId === undefined || g.grantId === input.GrantId) && (input.GranteePrincipal === undefined || g.granteePrincipal === input.GranteePrincipal));
  return grantPage('grants', grants, input.Limit, input.Marker);
}

/** One page of grants as ListGrants and ListRetirableGrants return them. */
export function grantPage(kind: string, grants: readonly GrantRecord[], limit: number | undefined, marker: string | undefined): ListGrantsResponse {
  const page = pageOf(kind, grants, Math.min(limit ?? DEFAULT_GRANT_PAGE, MAX_GRANT_PAGE), marker);
  const out: ListGrantsResponse = { Grants: page.items.map(grantEntry), Truncated: page.next !== undefined };
  if (page.next !== undefined) out.NextMarker = page.next;
  return out;
}
