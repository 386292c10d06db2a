import type { RequestContext } from '../../common/operation.js';
import type { DeleteLogStreamRequest } from '../../protocol/generated/logs.js';
import type { LogsCore } from '../core.js';

/** Deletes the stream and its (encrypted) events. */
export async function deleteLogStream(core: LogsCore, input: DeleteLogStreamRequest, ctx: RequestContext): Promise<void> {
  const group = await core.mustGroup(ctx, input.logGroupName);
  const stream = await core.mustStream(group, input.logStreamName);
  await core.store.logs.deleteStream(stream.id);
}
