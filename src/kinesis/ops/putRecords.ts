import type { RequestContext } from '../../common/operation.js';
import type { PutRecordsInput, PutRecordsOutput } from '../../protocol/generated/kinesis.js';
import { InvalidArgumentException, ResourceNotFoundException } from '../../protocol/generated/kinesis.js';
import { partitionHash, sequenceNumber, shardId, type KinesisCore, type PlainRecord } from '../core.js';
import { messages } from '../messages.js';
import type { StoredRecord, StreamRecord } from '../model.js';
import { MAX_RECORD_BYTES } from './helpers.js';

const HASH_MAX = (1n << 128n) - 1n;

export interface Produced {
  partitionKey: string;
  data: Uint8Array;
  explicitHashKey?: string;
}

/**
 * Stores records in the stream, in order: each is sealed (under a data key of the stream's KMS key, asked of KMS as
 * the caller, or under the keyring) and given the next sequence number of the stream's counter. Runs in the request's
 * transaction, so the records are committed when the call is answered.
 */
export async function putInto(core: KinesisCore, s: StreamRecord, produced: readonly Produced[], ctx: RequestContext): Promise<{ shard: number; seq: number }[]> {
  const shards = produced.map((p) => {
    if (Buffer.byteLength(p.partitionKey, 'utf8') + p.data.length > MAX_RECORD_BYTES) throw new InvalidArgumentException(messages.recordTooLarge(MAX_RECORD_BYTES));
    let hash: bigint;
    if (p.explicitHashKey !== undefined) {
      hash = BigInt(p.explicitHashKey);
      if (hash > HASH_MAX) throw new InvalidArgumentException(messages.hashKeyOutOfRange(p.explicitHashKey));
    } else hash = partitionHash(p.partitionKey);
    return core.shardFor(hash, s.settings.shardCount);
  });
  const dataKey = await core.dataKeyFor(s, ctx);
  const first = await core.store.kinesis.reserveSeqs(s.id, produced.length);
  if (first === undefined) throw new ResourceNotFoundException(messages.streamNotFound(s.name, s.accountId));
  const arrival = core.clock.now();
  const rows: StoredRecord[] = produced.map((p, i) => {
    const plain: PlainRecord = { partitionKey: p.partitionKey, data: Buffer.from(p.data.buffer, p.data.byteOffset, p.data.byteLength) };
    const row: StoredRecord = { streamId: s.id, shard: shards[i]!, seq: first + i, arrival, data: core.sealRecord(s, shards[i]!, first + i, plain, dataKey?.plaintext) };
    if (dataKey) {
      row.keyArn = dataKey.keyArn;
      row.wrappedKey = dataKey.wrapped;
    }
    return row;
  });
  await core.store.kinesis.putRecords(rows);
  return rows.map((r) => ({ shard: r.shard, seq: r.seq }));
}

export async function putRecords(core: KinesisCore, input: PutRecordsInput, ctx: RequestContext): Promise<PutRecordsOutput> {
  const s = await core.mustStream(ctx, input);
  const produced = input.Records.map((r) => {
    const p: Produced = { partitionKey: r.PartitionKey, data: r.Data };
    if (r.ExplicitHashKey !== undefined) p.explicitHashKey = r.ExplicitHashKey;
    return p;
  });
  const placed = await putInto(core, s, produced, ctx);
  return {
    FailedRecordCount: 0,
    Records: placed.map((p) => ({ SequenceNumber: sequenceNumber(p.shard, p.seq), ShardId: shardId(p.shard) })),
    EncryptionType: s.settings.encryptionType,
  };
}

