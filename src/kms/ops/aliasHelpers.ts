/**
 * What CreateAlias, UpdateAlias, DeleteAlias and ListAliases share: alias name rules, the alias resource's IAM check,
 * and keeping each key's list of alias names (the `kms:ResourceAliases` condition key) in step with the aliases.
 */
import type { RequestContext } from '../../common/operation.js';
import { NotFoundException } from '../../protocol/generated/kms.js';
import type { KmsCore } from '../core.js';
import { NotAuthorizedException, ValidationException } from '../errors.js';
import { aliasArn, parseKeyRef } from '../keyRefs.js';
import { messages } from '../messages.js';
import type { AliasRecord, KmsKey } from '../model.js';
import { requestContext } from './lifecycleHelpers.js';

const ALIAS_PREFIX = 'alias/';
/** Alias names AWS keeps for its AWS managed keys. */
const RESERVED_PREFIX = 'alias/aws/';

/**
 * KMS's checks on an alias name beyond the model's pattern (which admits `:`): the `alias/` prefix, the reserved
 * `alias/aws/` namespace, and no `:` (so an alias ARN is not taken for a name).
 */
export function validateAliasName(aliasName: string): void {
  requireAliasPrefix(aliasName);
  if (aliasName.startsWith(RESERVED_PREFIX)) throw new NotAuthorizedException();
  if (aliasName.includes(':')) throw new ValidationException(messages.aliasInvalidCharacters(aliasName));
}

/** Every alias name starts with `alias/`. */
export function requireAliasPrefix(aliasName: string): void {
  if (!aliasName.startsWith(ALIAS_PREFIX)) throw new ValidationException(messages.aliasPrefix);
}

/** An alias points at a key, never at another alias. */
export function requireKeyTarget(targetKeyId: string): void {
  const kind = parseKeyRef(targetKeyId).kind;
  if (kind === 'aliasName' || kind === 'aliasArn') throw new ValidationException(messages.aliasTargetIsAlias);
}

/** The alias resource has no policy of its own: only IAM policies decide (the account root needs none). */
export async function authorizeAlias(core: KmsCore, ctx: RequestContext, action: string, aliasName: string): Promise<void> {
  await core.authorizeIdentity(ctx, action, aliasArn(ctx.region, ctx.principal.accountId, aliasName), requestContext(ctx));
}

/** The caller's alias of that name in the request's Region, or AWS's NotFoundException (naming the alias ARN). */
export async function mustGetAlias(core: KmsCore, ctx: RequestContext, aliasName: string): Promise<AliasRecord> {
  const alias = await core.store.kms.getAlias(ctx.principal.accountId, ctx.region, aliasName);
  if (!alias) throw new NotFoundException(messages.aliasNotFound(aliasArn(ctx.region, ctx.principal.accountId, aliasName)));
  return alias;
}

/** Records on the key that the alias now points at it. Reads the key afresh: the caller's copy may be cached. */
export async function linkAlias(core: KmsCore, key: KmsKey, aliasName: string): Promise<void> {
  const current = await core.store.kms.getKey(key.accountId, key.region, key.keyId);
  if (!current || current.aliases?.includes(aliasName)) return;
  await core.saveKey({ ...current, aliases: [...(current.aliases ?? []), aliasName].sort() });
}

/** Records on the key that the alias no longer points at it (the key may be gone already). */
export async function unlinkAlias(core: KmsCore, key: { accountId: string; region: string; keyId: string }, aliasName: string): Promise<void> {
  const current = await core.store.kms.getKey(key.accountId, key.region, key.keyId);
  if (!current?.aliases?.includes(aliasName)) return;
  await core.saveKey({ ...current, aliases: current.aliases.filter((a) => a !== aliasName) });
}
