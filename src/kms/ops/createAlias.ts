import type { RequestContext } from '../../common/operation.js';
import type { CreateAliasRequest } from '../../protocol/generated/kms.js';
import { AlreadyExistsException } from '../../protocol/generated/kms.js';
import type { KmsCore } from '../core.js';
import { aliasArn } from '../keyRefs.js';
import { messages } from '../messages.js';
import { authorizeAlias, linkAlias, requireKeyTarget, validateAliasName } from './aliasHelpers.js';
import { authorizeKey, loadKey, requireNotPendingDeletion } from './lifecycleHelpers.js';

/**
 * CreateAlias: a new name, unique in the account and Region, for a customer key of the caller's account. Needs
 * `kms:CreateAlias` on the alias (IAM) and on the key (key policy). Any key state but pending deletion.
 */
export async function createAlias(core: KmsCore, input: CreateAliasRequest, ctx: RequestContext): Promise<Record<string, never>> {
  validateAliasName(input.AliasName);
  requireKeyTarget(input.TargetKeyId);
  await authorizeAlias(core, ctx, 'kms:CreateAlias', input.AliasName);
  const { key } = await loadKey(core, input.TargetKeyId, ctx);
  await authorizeKey(core, ctx, key, 'kms:CreateAlias');
  requireNotPendingDeletion(core, key);

  const { accountId } = ctx.principal;
  if (await core.store.kms.getAlias(accountId, ctx.region, input.AliasName)) {
    throw new AlreadyExistsException(messages.aliasExists(aliasArn(ctx.region, accountId, input.AliasName)));
  }
  const now = core.clock.now();
  await core.store.kms.putAlias({ accountId, region: ctx.region, aliasName: input.AliasName, targetKeyId: key.keyId, createdAt: now, updatedAt: now });
  await linkAlias(core, key, input.AliasName);
  core.forgetAlias(accountId, ctx.region, input.AliasName);
  return {};
}
