import type { RequestContext } from '../../common/operation.js';
import type { ListKeysRequest, ListKeysResponse } from '../../protocol/generated/kms.js';
import { InvalidMarkerException } from '../../protocol/generated/kms.js';
import type { KmsCore } from '../core.js';
import { messages } from '../messages.js';
import { keyListEntry } from '../wire.js';
import { decodeMarker, encodeMarker, requestContext } from './lifecycleHelpers.js';

const MARKER_KIND = 'keys';

/** The keys of the caller's account in the request's Region, in creation order; pending-deletion keys included. */
export async function listKeys(core: KmsCore, input: ListKeysRequest, ctx: RequestContext): Promise<ListKeysResponse> {
  // ListKeys has no key: only IAM policies decide (resource `*`).
  await core.authorizeIdentity(ctx, 'kms:ListKeys', '*', requestContext(ctx));
  const after = storePosition(input.Marker);
  const page = await core.store.kms.listKeys(ctx.principal.accountId, ctx.region, input.Limit ?? 100, after);
  const out: ListKeysResponse = { Keys: page.items.map(keyListEntry), Truncated: page.next !== undefined };
  if (page.next !== undefined) out.NextMarker = encodeMarker(MARKER_KIND, page.next);
  return out;
}

/** The store's position a marker carries: a positive integer, or InvalidMarkerException. */
function storePosition(marker: string | undefined): string | undefined {
  const pos = decodeMarker(MARKER_KIND, marker);
  if (pos !== undefined && !/^[1-9][0-9]{0,15}$/.test(pos)) throw new InvalidMarkerException(messages.invalidMarker);
  return pos;
}
