import type { RequestContext } from '../../common/operation.js';
import type { DeleteAliasRequest } from '../../protocol/generated/kms.js';
import type { KmsCore } from '../core.js';
import { authorizeAlias, mustGetAlias, requireAliasPrefix, unlinkAlias } from './aliasHelpers.js';
import { authorizeKey } from './lifecycleHelpers.js';

/**
 * DeleteAlias: removes an alias of the caller's account; the key is unaffected. Needs `kms:DeleteAlias` on the alias
 * (IAM) and on its key (key policy). Works in every key state.
 */
export async function deleteAlias(core: KmsCore, input: DeleteAliasRequest, ctx: RequestContext): Promise<Record<string, never>> {
  requireAliasPrefix(input.AliasName);
  await authorizeAlias(core, ctx, 'kms:DeleteAlias', input.AliasName);
  const alias = await mustGetAlias(core, ctx, input.AliasName);
  const key = await core.getKey(alias.accountId, alias.region, alias.targetKeyId);
  // The store removes a key's aliases with the key, so the target exists; guard anyway rather than fail the delete.
  if (key) await authorizeKey(core, ctx, key, 'kms:DeleteAlias');

  await core.store.kms.deleteAlias(alias.accountId, alias.region, alias.aliasName);
  await unlinkAlias(core, { accountId: alias.accountId, region: alias.region, keyId: alias.targetKeyId }, alias.aliasName);
  core.forgetAlias(alias.accountId, alias.region, alias.aliasName);
  return {};
}
