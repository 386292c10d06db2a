import type { RequestContext } from '../../common/operation.js';
import type { ListTagsForResourceRequest, ListTagsForResourceResponse } from '../../protocol/generated/logs.js';
import type { LogsCore } from '../core.js';
import { taggedGroup } from './tagHelpers.js';

export async function listTagsForResource(core: LogsCore, input: ListTagsForResourceRequest, ctx: RequestContext): Promise<ListTagsForResourceResponse> {
  const group = await taggedGroup(core, ctx, input.resourceArn);
  return { tags: { ...group.tags } };
}
