import type { RequestContext } from '../../common/operation.js';
import type { PutTransformerRequest } from '../../protocol/generated/logs.js';
import { InvalidOperationException } from '../../protocol/generated/logs.js';
import type { LogsCore } from '../core.js';
import { messages } from '../messages.js';
import { putStoredTransformer } from '../transform/index.js';
import { compileTransformer } from '../transform/processors.js';

/** PutTransformer: validates the processors as AWS does and makes them the group's transformer for new events. */
export async function putTransformer(core: LogsCore, input: PutTransformerRequest, ctx: RequestContext): Promise<void> {
  const group = await core.selectGroup(ctx, { logGroupIdentifier: input.logGroupIdentifier });
  if (group.logGroupClass !== 'STANDARD') throw new InvalidOperationException(messages.transformerNotStandard);
  compileTransformer(input.transformerConfig);
  await putStoredTransformer(core, group, input.transformerConfig);
}
