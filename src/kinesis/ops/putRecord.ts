import type { RequestContext } from '../../common/operation.js';
import type { PutRecordInput, PutRecordOutput } from '../../protocol/generated/kinesis.js';
import { sequenceNumber, shardId, type KinesisCore } from '../core.js';
import { putInto, type Produced } from './putRecords.js';

/** One record (see putInto); SequenceNumberForOrdering is implied: the stream's counter already orders every record. */
export async function putRecord(core: KinesisCore, input: PutRecordInput, ctx: RequestContext): Promise<PutRecordOutput> {
  const s = await core.mustStream(ctx, input);
  const p: Produced = { partitionKey: input.PartitionKey, data: input.Data };
  if (input.ExplicitHashKey !== undefined) p.explicitHashKey = input.ExplicitHashKey;
  const [placed] = await putInto(core, s, [p], ctx);
  return { ShardId: shardId(placed!.shard), SequenceNumber: sequenceNumber(placed!.shard, placed!.seq), EncryptionType: s.settings.encryptionType };
}
