import type { RequestContext } from '../../common/operation.js';
import type { RevokeGrantRequest } from '../../protocol/generated/kms.js';
import { NotFoundException } from '../../protocol/generated/kms.js';
import { baseConditionContext } from '../authorize.js';
import type { KmsCore } from '../core.js';
import { messages } from '../messages.js';
import { checkDryRun } from './cryptoHelpers.js';
import { loadGrantKey, requireGrantId } from './grantHelpers.js';

/** Deletes a grant of a key (cross-account by key ARN) for whoever has kms:RevokeGrant on the key; in every key state. */
export async function revokeGrant(core: KmsCore, input: RevokeGrantRequest, ctx: RequestContext): Promise<void> {
  const key = await loadGrantKey(core, input.KeyId, ctx);
  requireGrantId(input.GrantId);
  await core.authorizer.authorize({ ctx, key, action: 'kms:RevokeGrant', context: baseConditionContext(ctx, key) });
  const grant = await core.store.kms.getGrant(key.accountId, key.region, key.keyId, input.GrantId);
  if (!grant) throw new NotFoundException(messages.grantNotFound(input.GrantId, key.arn));
  checkDryRun(input.DryRun);
  await core.store.kms.deleteGrant(grant.grantId);
  core.forgetGrants(key);
}
