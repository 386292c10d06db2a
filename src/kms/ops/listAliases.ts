import type { RequestContext } from '../../common/operation.js';
import type { ListAliasesRequest, ListAliasesResponse } from '../../protocol/generated/kms.js';
import type { KmsCore } from '../core.js';
import { aliasEntry } from '../wire.js';
import { decodeMarker, encodeMarker, loadKey, requestContext } from './lifecycleHelpers.js';

/** KMS's default page size for ListAliases, and its largest (the model's LimitType allows up to 1000). */
const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 100;
const MARKER_KIND = 'aliases';

/**
 * ListAliases: the caller's aliases in the request's Region, by name, optionally only those of one key (named by key
 * id or key ARN of the caller's account). Needs `kms:ListAliases` (IAM, resource `*`). logseal has no AWS managed
 * keys, so none of their `alias/aws/...` aliases are listed (AWS lists them only once they exist).
 */
export async function listAliases(core: KmsCore, input: ListAliasesRequest, ctx: RequestContext): Promise<ListAliasesResponse> {
  await core.authorizeIdentity(ctx, 'kms:ListAliases', '*', requestContext(ctx));
  const after = decodeMarker(MARKER_KIND, input.Marker);
  const keyId = input.KeyId === undefined ? undefined : (await loadKey(core, input.KeyId, ctx)).key.keyId;
  const page = await core.store.kms.listAliases(ctx.principal.accountId, ctx.region, Math.min(input.Limit ?? DEFAULT_LIMIT, MAX_LIMIT), after, keyId);
  const out: ListAliasesResponse = { Aliases: page.items.map(aliasEntry), Truncated: page.next !== undefined };
  if (page.next !== undefined) out.NextMarker = encodeMarker(MARKER_KIND, page.next);
  return out;
}
