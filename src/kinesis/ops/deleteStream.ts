import type { RequestContext } from '../../common/operation.js';
import type { DeleteStreamInput } from '../../protocol/generated/kinesis.js';
import type { KinesisCore } from '../core.js';

/** Deletes the stream and its records at once (AWS shows DELETING for a while first). */
export async function deleteStream(core: KinesisCore, input: DeleteStreamInput, ctx: RequestContext): Promise<Record<string, never>> {
  const s = await core.mustStream(ctx, input);
  await core.store.kinesis.deleteStream(s.id);
  return {};
}
