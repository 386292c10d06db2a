import type { RequestContext } from '../../common/operation.js';
import type { DescribeStreamInput, DescribeStreamOutput } from '../../protocol/generated/kinesis.js';
import { InvalidArgumentException } from '../../protocol/generated/kinesis.js';
import type { KinesisCore } from '../core.js';
import { messages } from '../messages.js';
import { modeDetails, NO_ENHANCED_MONITORING, shardOf } from './helpers.js';

const DEFAULT_LIMIT = 100;

export async function describeStream(core: KinesisCore, input: DescribeStreamInput, ctx: RequestContext): Promise<DescribeStreamOutput> {
  const s = await core.mustStream(ctx, input);
  let from = 0;
  if (input.ExclusiveStartShardId !== undefined) {
    const i = core.shardIndex(s, input.ExclusiveStartShardId);
    if (i === undefined) throw new InvalidArgumentException(messages.shardNotFound(input.ExclusiveStartShardId, s.name, s.accountId));
    from = i + 1;
  }
  const limit = input.Limit ?? DEFAULT_LIMIT;
  const shards = [];
  for (let i = from; i < s.settings.shardCount && shards.length < limit; i++) shards.push(shardOf(s, i));
  const out: DescribeStreamOutput = {
    StreamDescription: {
      StreamName: s.name,
      StreamARN: core.arn(s),
      StreamStatus: 'ACTIVE',
      StreamModeDetails: modeDetails(s),
      Shards: shards,
      HasMoreShards: from + shards.length < s.settings.shardCount,
      RetentionPeriodHours: s.settings.retentionHours,
      StreamCreationTimestamp: new Date(s.createdAt),
      EnhancedMonitoring: NO_ENHANCED_MONITORING,
      EncryptionType: s.settings.encryptionType,
    },
  };
  if (s.settings.keyId !== undefined) out.StreamDescription.KeyId = s.settings.keyId;
  return out;
}
