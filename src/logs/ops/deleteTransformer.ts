import type { RequestContext } from '../../common/operation.js';
import type { DeleteTransformerRequest } from '../../protocol/generated/logs.js';
import { ResourceNotFoundException } from '../../protocol/generated/logs.js';
import type { LogsCore } from '../core.js';
import { messages } from '../messages.js';
import { deleteStoredTransformer } from '../transform/index.js';

/** DeleteTransformer: new events are stored untransformed; events already stored keep their transformed versions. */
export async function deleteTransformer(core: LogsCore, input: DeleteTransformerRequest, ctx: RequestContext): Promise<void> {
  const group = await core.selectGroup(ctx, { logGroupIdentifier: input.logGroupIdentifier });
  if (!(await deleteStoredTransformer(core, group))) throw new ResourceNotFoundException(messages.transformerNotFound);
}
