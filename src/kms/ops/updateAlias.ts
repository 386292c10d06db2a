import type { RequestContext } from '../../common/operation.js';
import type { UpdateAliasRequest } from '../../protocol/generated/kms.js';
import { KMSInvalidStateException } from '../../protocol/generated/kms.js';
import type { KmsCore } from '../core.js';
import { isAsymmetricKeySpec, isHmacKeySpec } from '../crypto/specs.js';
import { ValidationException } from '../errors.js';
import { messages } from '../messages.js';
import type { KmsKey } from '../model.js';
import { authorizeAlias, linkAlias, mustGetAlias, requireKeyTarget, unlinkAlias, validateAliasName } from './aliasHelpers.js';
import { authorizeKey, isPendingDeletion, loadKey } from './lifecycleHelpers.js';

/**
 * UpdateAlias: points an existing alias at another key of the same type (symmetric, asymmetric or HMAC) and key
 * usage. Needs `kms:UpdateAlias` on the alias (IAM) and on both keys (key policies). The current key may be in any
 * state; the new one must not be pending deletion.
 */
export async function updateAlias(core: KmsCore, input: UpdateAliasRequest, ctx: RequestContext): Promise<Record<string, never>> {
  validateAliasName(input.AliasName);
  requireKeyTarget(input.TargetKeyId);
  await authorizeAlias(core, ctx, 'kms:UpdateAlias', input.AliasName);
  const alias = await mustGetAlias(core, ctx, input.AliasName);
  const { key: target } = await loadKey(core, input.TargetKeyId, ctx);
  const current = await core.getKey(alias.accountId, alias.region, alias.targetKeyId);
  if (current) await authorizeKey(core, ctx, current, 'kms:UpdateAlias');
  await authorizeKey(core, ctx, target, 'kms:UpdateAlias');
  if (isPendingDeletion(target)) throw new KMSInvalidStateException(messages.pendingDeletion(target.arn));
  if (current && !sameKind(current, target)) throw new ValidationException(messages.aliasTargetMismatch(alias.aliasName));

  await core.store.kms.putAlias({ ...alias, targetKeyId: target.keyId, updatedAt: core.clock.now() });
  await unlinkAlias(core, { accountId: alias.accountId, region: alias.region, keyId: alias.targetKeyId }, alias.aliasName);
  await linkAlias(core, target, alias.aliasName);
  core.forgetAlias(alias.accountId, alias.region, alias.aliasName);
  return {};
}

/** Keys an alias may move between: the same key type and the same key usage (KMS's rule for UpdateAlias). */
function sameKind(a: KmsKey, b: KmsKey): boolean {
  return keyType(a) === keyType(b) && a.keyUsage === b.keyUsage;
}

function keyType(k: KmsKey): 'SYMMETRIC' | 'ASYMMETRIC' | 'HMAC' {
  if (isHmacKeySpec(k.keySpec)) return 'HMAC';
  return isAsymmetricKeySpec(k.keySpec) ? 'ASYMMETRIC' : 'SYMMETRIC';
}
