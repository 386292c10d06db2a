import type { RequestContext } from '../../common/operation.js';
import type { CreateStreamInput } from '../../protocol/generated/kinesis.js';
import { InvalidArgumentException, LimitExceededException, ResourceInUseException } from '../../protocol/generated/kinesis.js';
import type { KinesisCore } from '../core.js';
import { messages } from '../messages.js';
import type { StreamMode } from '../model.js';
import { MAX_TAGS, SHARD_LIMIT } from './helpers.js';

const ON_DEMAND_SHARDS = 4;

/**
 * Creates the stream, ACTIVE at once (AWS reports CREATING for a few seconds; waiters and clients that poll
 * DescribeStream see ACTIVE on their first look). A stream in ON_DEMAND mode (the default without ShardCount) starts
 * with AWS's four shards.
 */
export async function createStream(core: KinesisCore, input: CreateStreamInput, ctx: RequestContext): Promise<Record<string, never>> {
  const mode: StreamMode = input.StreamModeDetails?.StreamMode ?? (input.ShardCount === undefined ? 'ON_DEMAND' : 'PROVISIONED');
  if (mode === 'PROVISIONED' && input.ShardCount === undefined) throw new InvalidArgumentException(messages.shardCountRequired);
  if (mode === 'ON_DEMAND' && input.ShardCount !== undefined) throw new InvalidArgumentException(messages.shardCountOnDemand);
  const shardCount = input.ShardCount ?? ON_DEMAND_SHARDS;
  if (shardCount < 1) throw new InvalidArgumentException(messages.shardCountRequired);
  const tags = input.Tags ?? {};
  if (Object.keys(tags).length > MAX_TAGS) throw new InvalidArgumentException(messages.tooManyTags(MAX_TAGS));
  const accountId = ctx.principal.accountId;
  const existing = await core.store.kinesis.listStreams(accountId, ctx.region, undefined, 100_000);
  const open = existing.reduce((n, s) => n + s.settings.shardCount, 0);
  if (open + shardCount > SHARD_LIMIT) throw new LimitExceededException(messages.shardLimit(SHARD_LIMIT, open + shardCount, accountId));
  const created = await core.store.kinesis.createStream({
    accountId,
    region: ctx.region,
    name: input.StreamName,
    settings: { mode, shardCount, retentionHours: 24, encryptionType: 'NONE', tags: { ...tags } },
    createdAt: core.clock.now(),
  });
  if (!created) throw new ResourceInUseException(messages.streamExists(input.StreamName, accountId));
  return {};
}
