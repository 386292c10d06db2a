import type { RequestContext } from '../../common/operation.js';
import type { GetTransformerRequest, GetTransformerResponse } from '../../protocol/generated/logs.js';
import { ResourceNotFoundException } from '../../protocol/generated/logs.js';
import type { LogsCore } from '../core.js';
import { messages } from '../messages.js';
import { getStoredTransformer } from '../transform/index.js';

/** GetTransformer: the group's own transformer (account-level transformers are not served). */
export async function getTransformer(core: LogsCore, input: GetTransformerRequest, ctx: RequestContext): Promise<GetTransformerResponse> {
  const group = await core.selectGroup(ctx, { logGroupIdentifier: input.logGroupIdentifier });
  const t = await getStoredTransformer(core, group);
  if (!t) throw new ResourceNotFoundException(messages.transformerNotFound);
  return { logGroupIdentifier: input.logGroupIdentifier, creationTime: t.createdAt, lastModifiedTime: t.updatedAt, transformerConfig: t.config };
}
