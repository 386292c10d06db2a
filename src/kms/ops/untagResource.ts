import type { RequestContext } from '../../common/operation.js';
import type { UntagResourceRequest } from '../../protocol/generated/kms.js';
import type { KmsCore } from '../core.js';
import { loadAuthorized, requireNotPendingDeletion, tagConditionKeys } from './lifecycleHelpers.js';

/** Removes the named tags from the key; naming a tag the key does not have is not an error. */
export async function untagResource(core: KmsCore, input: UntagResourceRequest, ctx: RequestContext): Promise<void> {
  const key = await loadAuthorized(core, input.KeyId, ctx, 'kms:UntagResource', tagConditionKeys(undefined, input.TagKeys));
  requireNotPendingDeletion(core, key);
  const removed = new Set(input.TagKeys);
  const tags = key.tags.filter((t) => !removed.has(t.key));
  if (tags.length !== key.tags.length) await core.saveKey({ ...key, tags });
}
