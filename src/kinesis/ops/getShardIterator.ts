import type { RequestContext } from '../../common/operation.js';
import type { GetShardIteratorInput, GetShardIteratorOutput } from '../../protocol/generated/kinesis.js';
import { InvalidArgumentException, ResourceNotFoundException } from '../../protocol/generated/kinesis.js';
import { parseSequenceNumber, type KinesisCore } from '../core.js';
import { messages } from '../messages.js';

/** An iterator at a position of one shard (a counter value: the next record read is the first at or after it). */
export async function getShardIterator(core: KinesisCore, input: GetShardIteratorInput, ctx: RequestContext): Promise<GetShardIteratorOutput> {
  const s = await core.mustStream(ctx, input);
  const shard = core.shardIndex(s, input.ShardId);
  if (shard === undefined) throw new ResourceNotFoundException(messages.shardNotFound(input.ShardId, s.name, s.accountId));
  const type = input.ShardIteratorType;
  const bySequence = type === 'AT_SEQUENCE_NUMBER' || type === 'AFTER_SEQUENCE_NUMBER';
  if (bySequence && input.StartingSequenceNumber === undefined) throw new InvalidArgumentException(messages.sequenceNumberRequired(type));
  if (!bySequence && input.StartingSequenceNumber !== undefined) throw new InvalidArgumentException(messages.sequenceNumberNotAllowed(type));
  let position: number;
  switch (type) {
    case 'TRIM_HORIZON':
      position = 0;
      break;
    case 'LATEST':
      position = s.nextSeq;
      break;
    case 'AT_TIMESTAMP': {
      if (input.Timestamp === undefined) throw new InvalidArgumentException(messages.timestampRequired);
      position = (await core.store.kinesis.firstSeqAt(s.id, shard, input.Timestamp.getTime())) ?? s.nextSeq;
      break;
    }
    default: {
      const seq = parseSequenceNumber(input.StartingSequenceNumber!);
      if (!seq || seq.shard !== shard) throw new InvalidArgumentException(messages.invalidSequenceNumber(input.StartingSequenceNumber!, input.ShardId));
      position = type === 'AT_SEQUENCE_NUMBER' ? seq.seq : seq.seq + 1;
    }
  }
  const now = core.clock.now();
  return { ShardIterator: core.makeIterator({ streamId: s.id, accountId: s.accountId, region: s.region, name: s.name, shard, position, createdAt: now }) };
}
