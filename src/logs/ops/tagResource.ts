import type { RequestContext } from '../../common/operation.js';
import type { TagResourceRequest } from '../../protocol/generated/logs.js';
import type { LogsCore } from '../core.js';
import { mergeTags, taggedResource } from './tagHelpers.js';

/** Adds tags to a log group or an anomaly detector named by its ARN; existing keys take the new value. */
export async function tagResource(core: LogsCore, input: TagResourceRequest, ctx: RequestContext): Promise<void> {
  const resource = await taggedResource(core, ctx, input.resourceArn);
  await resource.update((tags) => mergeTags(tags, input.tags));
}
