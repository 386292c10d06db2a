import type { RequestContext } from '../../common/operation.js';
import type { AliasListEntry, ListAliasesRequest, ListAliasesResponse } from '../../protocol/generated/kms.js';
import { aliasArn } from '../keyRefs.js';
import { PREDEFINED_ALIASES } from '../managedKeys.js';
import type { KmsCore } from '../core.js';
import { aliasEntry } from '../wire.js';
import { decodeMarker, encodeMarker, loadKey, requestContext } from './lifecycleHelpers.js';

/** KMS's default page size for ListAliases, and its largest (the model's LimitType allows up to 1000). */
const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 100;
const MARKER_KIND = 'aliases';

/**
 * ListAliases: the caller's aliases in the request's Region, by name, optionally only those of one key (named by key
 * id or key ARN of the caller's account). Needs `kms:ListAliases` (IAM, resource `*`). Without a KeyId filter, the
 * predefined `alias/aws/...` aliases whose AWS managed key does not exist yet are listed among the others, with only
 * their name and ARN, as AWS lists them.
 */
export async function listAliases(core: KmsCore, input: ListAliasesRequest, ctx: RequestContext): Promise<ListAliasesResponse> {
  await core.authorizeIdentity(ctx, 'kms:ListAliases', '*', requestContext(ctx));
  const after = decodeMarker(MARKER_KIND, input.Marker);
  const keyId = input.KeyId === undefined ? undefined : (await loadKey(core, input.KeyId, ctx)).key.keyId;
  const limit = Math.min(input.Limit ?? DEFAULT_LIMIT, MAX_LIMIT);
  const page = await core.store.kms.listAliases(ctx.principal.accountId, ctx.region, limit, after, keyId);
  let entries: AliasListEntry[] = page.items.map(aliasEntry);
  let next = page.next;
  if (keyId === undefined) {
    // Predefined aliases not created yet, in the name range this page covers, merged in by name.
    const stored = new Set(page.items.map((a) => a.aliasName));
    const upTo = page.next;
    const pending: AliasListEntry[] = [];
    for (const name of PREDEFINED_ALIASES.keys()) {
      if ((after !== undefined && name <= after) || (upTo !== undefined && name > upTo) || stored.has(name)) continue;
      if (await core.store.kms.getAlias(ctx.principal.accountId, ctx.region, name)) continue;
      pending.push({ AliasName: name, AliasArn: aliasArn(ctx.region, ctx.principal.accountId, name) });
    }
    if (pending.length > 0) {
      const merged = [...entries, ...pending].sort((a, b) => (a.AliasName! < b.AliasName! ? -1 : a.AliasName! > b.AliasName! ? 1 : 0));
      entries = merged.slice(0, limit);
      // With predefined names beyond the page, the page ends at its last entry and the next one continues from it.
      if (merged.length > limit) next = entries[entries.length - 1]!.AliasName!;
    }
  }
  const out: ListAliasesResponse = { Aliases: entries, Truncated: next !== undefined };
  if (next !== undefined) out.NextMarker = encodeMarker(MARKER_KIND, next);
  return out;
}
