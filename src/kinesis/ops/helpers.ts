import type { EnhancedMetrics, Shard, StreamModeDetails } from '../../protocol/generated/kinesis.js';
import { hashKeyRange, sequenceNumber, shardId } from '../core.js';
import type { StreamRecord } from '../model.js';

/** AWS: at most 50 tags per stream. */
export const MAX_TAGS = 50;
/** The open shards an account may have in a region (AWS's default quota in most regions). */
export const SHARD_LIMIT = 500;
/** AWS: a record's data and partition key together are at most 1 MiB. */
export const MAX_RECORD_BYTES = 1024 * 1024;

export function shardOf(s: StreamRecord, i: number): Shard {
  return {
    ShardId: shardId(i),
    HashKeyRange: hashKeyRange(i, s.settings.shardCount),
    SequenceNumberRange: { StartingSequenceNumber: sequenceNumber(i, 0) },
  };
}

export function modeDetails(s: StreamRecord): StreamModeDetails {
  return { StreamMode: s.settings.mode };
}

export const NO_ENHANCED_MONITORING: EnhancedMetrics[] = [{ ShardLevelMetrics: [] }];
