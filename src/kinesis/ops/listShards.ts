import type { RequestContext } from '../../common/operation.js';
import type { ListShardsInput, ListShardsOutput } from '../../protocol/generated/kinesis.js';
import { ExpiredNextTokenException, InvalidArgumentException } from '../../protocol/generated/kinesis.js';
import type { KinesisCore } from '../core.js';
import { messages } from '../messages.js';
import type { StreamRecord } from '../model.js';
import { shardOf } from './helpers.js';

const DEFAULT_LIMIT = 1000;

/**
 * The stream's shards (all open: shards are never split or merged here). A NextToken stands for the stream and the
 * shard after which to continue; with it, StreamName must not be given, as AWS requires.
 */
export async function listShards(core: KinesisCore, input: ListShardsInput, ctx: RequestContext): Promise<ListShardsOutput> {
  let s: StreamRecord;
  let from = 0;
  if (input.NextToken !== undefined) {
    if (input.StreamName !== undefined || input.ExclusiveStartShardId !== undefined) throw new InvalidArgumentException(messages.invalidNextToken);
    const t = openToken(input.NextToken);
    const found = await core.store.kinesis.getStreamById(t.stream);
    if (!found || found.accountId !== ctx.principal.accountId || found.region !== ctx.region) throw new ExpiredNextTokenException(messages.invalidNextToken);
    s = found;
    from = t.from;
  } else {
    s = await core.mustStream(ctx, input);
    if (input.ExclusiveStartShardId !== undefined) {
      const m = /^shardId-(\d{12})$/.exec(input.ExclusiveStartShardId);
      from = m ? Number(m[1]) + 1 : 0;
    }
  }
  const filter = input.ShardFilter;
  if (filter?.Type === 'AFTER_SHARD_ID') {
    const m = filter.ShardId === undefined ? null : /^shardId-(\d{12})$/.exec(filter.ShardId);
    from = Math.max(from, m ? Number(m[1]) + 1 : 0);
  }
  const limit = input.MaxResults ?? DEFAULT_LIMIT;
  const shards = [];
  let i = from;
  for (; i < s.settings.shardCount && shards.length < limit; i++) shards.push(shardOf(s, i));
  const out: ListShardsOutput = { Shards: shards };
  if (i < s.settings.shardCount) out.NextToken = Buffer.from(JSON.stringify({ stream: s.id, from: i }), 'utf8').toString('base64');
  return out;
}

function openToken(token: string): { stream: number; from: number } {
  try {
    const v = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { stream?: unknown; from?: unknown };
    if (typeof v.stream === 'number' && typeof v.from === 'number') return { stream: v.stream, from: v.from };
  } catch {
    // answered below
  }
  throw new ExpiredNextTokenException(messages.invalidNextToken);
}
