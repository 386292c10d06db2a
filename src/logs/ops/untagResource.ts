import type { RequestContext } from '../../common/operation.js';
import type { UntagResourceRequest } from '../../protocol/generated/logs.js';
import type { LogsCore } from '../core.js';
import { removeTags, taggedResource } from './tagHelpers.js';

/** Removes tags from a log group or an anomaly detector named by its ARN; keys it does not have are ignored. */
export async function untagResource(core: LogsCore, input: UntagResourceRequest, ctx: RequestContext): Promise<void> {
  const resource = await taggedResource(core, ctx, input.resourceArn);
  await resource.update((tags) => removeTags(tags, input.tagKeys));
}
