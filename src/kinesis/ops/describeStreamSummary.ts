import type { RequestContext } from '../../common/operation.js';
import type { DescribeStreamSummaryInput, DescribeStreamSummaryOutput } from '../../protocol/generated/kinesis.js';
import type { KinesisCore } from '../core.js';
import { modeDetails, NO_ENHANCED_MONITORING } from './helpers.js';

export async function describeStreamSummary(core: KinesisCore, input: DescribeStreamSummaryInput, ctx: RequestContext): Promise<DescribeStreamSummaryOutput> {
  const s = await core.mustStream(ctx, input);
  const out: DescribeStreamSummaryOutput = {
    StreamDescriptionSummary: {
      StreamName: s.name,
      StreamARN: core.arn(s),
      StreamStatus: 'ACTIVE',
      StreamModeDetails: modeDetails(s),
      RetentionPeriodHours: s.settings.retentionHours,
      StreamCreationTimestamp: new Date(s.createdAt),
      EnhancedMonitoring: NO_ENHANCED_MONITORING,
      EncryptionType: s.settings.encryptionType,
      OpenShardCount: s.settings.shardCount,
      ConsumerCount: 0,
    },
  };
  if (s.settings.keyId !== undefined) out.StreamDescriptionSummary.KeyId = s.settings.keyId;
  return out;
}
