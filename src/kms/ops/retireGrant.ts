import type { RequestContext } from '../../common/operation.js';
import type { RetireGrantRequest } from '../../protocol/generated/kms.js';
import { InvalidGrantTokenException, NotFoundException } from '../../protocol/generated/kms.js';
import { baseConditionContext } from '../authorize.js';
import type { KmsCore } from '../core.js';
import { ValidationException } from '../errors.js';
import { messages } from '../messages.js';
import type { GrantRecord, KmsKey } from '../model.js';
import { checkDryRun } from './cryptoHelpers.js';
import { grantIdOfToken, isGrantee, isRetiringPrincipal, loadGrantKey, requireGrantId } from './grantHelpers.js';

/**
 * Deletes a grant named by a grant token, or by key and grant id. Permission comes from the grant itself (its
 * retiring principal, or its grantee when it allows RetireGrant), from being the account that created it, or from
 * kms:RetireGrant on the key. Works in every key state.
 */
export async function retireGrant(core: KmsCore, input: RetireGrantRequest, ctx: RequestContext): Promise<void> {
  const { grant, key } = await findGrant(core, input, ctx);
  await authorizeRetire(core, ctx, key, grant);
  checkDryRun(input.DryRun);
  await core.store.kms.deleteGrant(grant.grantId);
  core.forgetGrants(key);
}

async function findGrant(core: KmsCore, input: RetireGrantRequest, ctx: RequestContext): Promise<{ grant: GrantRecord; key: KmsKey }> {
  if (input.GrantToken !== undefined) {
    const grantId = grantIdOfToken(input.GrantToken);
    if (grantId === undefined) throw new InvalidGrantTokenException(messages.invalidGrantToken);
    const key = input.KeyId === undefined ? undefined : await loadGrantKey(core, input.KeyId, ctx);
    const grant = await core.store.kms.findGrant(grantId);
    const sameKey = grant && (!key || (grant.accountId === key.accountId && grant.keyId === key.keyId));
    if (!grant || grant.region !== ctx.region || !sameKey) throw new NotFoundException(messages.grantTokenNotFound);
    return { grant, key: key ?? (await core.mustGet(grant.accountId, grant.region, grant.keyId)) };
  }
  if (input.KeyId === undefined || input.GrantId === undefined) throw new ValidationException(messages.retireGrantIdentifiers);
  const key = await loadGrantKey(core, input.KeyId, ctx);
  requireGrantId(input.GrantId);
  const grant = await core.store.kms.getGrant(key.accountId, key.region, key.keyId, input.GrantId);
  if (!grant) throw new NotFoundException(messages.grantNotFound(input.GrantId, key.arn));
  return { grant, key };
}

async function authorizeRetire(core: KmsCore, ctx: RequestContext, key: KmsKey, grant: GrantRecord): Promise<void> {
  const caller = ctx.principal;
  if (isRetiringPrincipal(grant, caller)) return;
  if (isGrantee(grant, caller) && grant.operations.includes('RetireGrant')) return;
  if (caller.type === 'root' && caller.accountId === grant.issuingAccount) return;
  await core.authorizer.authorize({ ctx, key, action: 'kms:RetireGrant', context: baseConditionContext(ctx, key) });
}
