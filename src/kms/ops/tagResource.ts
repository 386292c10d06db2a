import type { RequestContext } from '../../common/operation.js';
import type { TagResourceRequest } from '../../protocol/generated/kms.js';
import type { KmsCore } from '../core.js';
import { loadAuthorized, mergeTags, requireNotPendingDeletion, tagConditionKeys, validateTags } from './lifecycleHelpers.js';

/** Adds tags to the key or replaces the values of existing tag keys (at most 50 tags per key). */
export async function tagResource(core: KmsCore, input: TagResourceRequest, ctx: RequestContext): Promise<void> {
  validateTags(input.Tags);
  const key = await loadAuthorized(core, input.KeyId, ctx, 'kms:TagResource', tagConditionKeys(input.Tags));
  requireNotPendingDeletion(core, key);
  await core.saveKey({ ...key, tags: mergeTags(key.tags, input.Tags) });
}
