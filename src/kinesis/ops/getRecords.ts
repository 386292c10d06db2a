import type { RequestContext } from '../../common/operation.js';
import type { GetRecordsInput, GetRecordsOutput, Record as KinesisRecord } from '../../protocol/generated/kinesis.js';
import { ResourceNotFoundException } from '../../protocol/generated/kinesis.js';
import { sequenceNumber, type KinesisCore } from '../core.js';
import { messages } from '../messages.js';

const DEFAULT_LIMIT = 10_000;
/** AWS: GetRecords returns at most 10 MiB. */
const MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

/** Records of the iterator's shard from its position, in order, and the iterator that continues after them. */
export async function getRecords(core: KinesisCore, input: GetRecordsInput, ctx: RequestContext): Promise<GetRecordsOutput> {
  const now = core.clock.now();
  const it = core.openIterator(input.ShardIterator, now);
  const s = await core.store.kinesis.getStreamById(it.streamId);
  if (!s) throw new ResourceNotFoundException(messages.streamNotFound(it.name, it.accountId));
  const stored = await core.store.kinesis.readRecords(s.id, it.shard, it.position, input.Limit ?? DEFAULT_LIMIT);
  const plain = await core.openRecords(s, stored, ctx);
  const records: KinesisRecord[] = [];
  let bytes = 0;
  let position = it.position;
  for (let i = 0; i < stored.length; i++) {
    const p = plain[i]!;
    const size = p.data.length + Buffer.byteLength(p.partitionKey, 'utf8');
    if (records.length > 0 && bytes + size > MAX_RESPONSE_BYTES) break;
    bytes += size;
    const r = stored[i]!;
    records.push({
      SequenceNumber: sequenceNumber(r.shard, r.seq),
      ApproximateArrivalTimestamp: new Date(r.arrival),
      Data: p.data,
      PartitionKey: p.partitionKey,
      EncryptionType: r.keyArn === undefined ? 'NONE' : 'KMS',
    });
    position = r.seq + 1;
  }
  const last = stored[records.length - 1];
  const caughtUp = records.length === stored.length && stored.length < (input.Limit ?? DEFAULT_LIMIT);
  return {
    Records: records,
    NextShardIterator: core.makeIterator({ ...it, position, createdAt: now }),
    MillisBehindLatest: caughtUp || !last ? 0 : Math.max(0, now - last.arrival),
  };
}
