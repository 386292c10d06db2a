import type { RequestContext } from '../../common/operation.js';
import type { ListResourceTagsRequest, ListResourceTagsResponse } from '../../protocol/generated/kms.js';
import type { KmsCore } from '../core.js';
import { loadAuthorized, MAX_TAGS, pageOf, wireTags } from './lifecycleHelpers.js';

/** The key's tags, in the order they were added; works in every key state. */
export async function listResourceTags(core: KmsCore, input: ListResourceTagsRequest, ctx: RequestContext): Promise<ListResourceTagsResponse> {
  const key = await loadAuthorized(core, input.KeyId, ctx, 'kms:ListResourceTags');
  // The model allows Limit up to 1000, KMS documents 1-50 for this operation: "it might return fewer".
  const limit = Math.min(input.Limit ?? MAX_TAGS, MAX_TAGS);
  const page = pageOf('tags', wireTags(key.tags), limit, input.Marker);
  const out: ListResourceTagsResponse = { Tags: page.items, Truncated: page.next !== undefined };
  if (page.next !== undefined) out.NextMarker = page.next;
  return out;
}
