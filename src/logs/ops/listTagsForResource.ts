import type { RequestContext } from '../../common/operation.js';
import type { ListTagsForResourceRequest, ListTagsForResourceResponse } from '../../protocol/generated/logs.js';
import type { LogsCore } from '../core.js';
import { taggedResource } from './tagHelpers.js';

/** The tags of a log group or an anomaly detector named by its ARN. */
export async function listTagsForResource(core: LogsCore, input: ListTagsForResourceRequest, ctx: RequestContext): Promise<ListTagsForResourceResponse> {
  const resource = await taggedResource(core, ctx, input.resourceArn);
  return { tags: { ...resource.tags } };
}
