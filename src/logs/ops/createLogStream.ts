import type { RequestContext } from '../../common/operation.js';
import type { CreateLogStreamRequest } from '../../protocol/generated/logs.js';
import { ResourceAlreadyExistsException } from '../../protocol/generated/logs.js';
import type { LogsCore } from '../core.js';
import { messages } from '../messages.js';

export async function createLogStream(core: LogsCore, input: CreateLogStreamRequest, ctx: RequestContext): Promise<void> {
  const group = await core.mustGroup(ctx, input.logGroupName);
  const created = await core.store.logs.createStream({ groupId: group.id, name: input.logStreamName, createdAt: core.clock.now() });
  if (!created) throw new ResourceAlreadyExistsException(messages.streamExists);
}
