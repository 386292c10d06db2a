import type { RequestContext } from '../../common/operation.js';
import type { ListStreamsInput, ListStreamsOutput } from '../../protocol/generated/kinesis.js';
import { ExpiredNextTokenException, InvalidArgumentException } from '../../protocol/generated/kinesis.js';
import type { KinesisCore } from '../core.js';
import { messages } from '../messages.js';
import { modeDetails } from './helpers.js';

const DEFAULT_LIMIT = 100;

/** Streams by name; `NextToken` (and the older `ExclusiveStartStreamName`) continue after a name. */
export async function listStreams(core: KinesisCore, input: ListStreamsInput, ctx: RequestContext): Promise<ListStreamsOutput> {
  let after = input.ExclusiveStartStreamName;
  if (input.NextToken !== undefined) {
    if (input.ExclusiveStartStreamName !== undefined) throw new InvalidArgumentException(messages.invalidNextToken);
    after = openToken(input.NextToken);
  }
  const limit = input.Limit ?? DEFAULT_LIMIT;
  const rows = await core.store.kinesis.listStreams(ctx.principal.accountId, ctx.region, after, limit + 1);
  const kept = rows.slice(0, limit);
  const out: ListStreamsOutput = {
    StreamNames: kept.map((s) => s.name),
    HasMoreStreams: rows.length > limit,
    StreamSummaries: kept.map((s) => ({
      StreamName: s.name,
      StreamARN: core.arn(s),
      StreamStatus: 'ACTIVE',
      StreamModeDetails: modeDetails(s),
      StreamCreationTimestamp: new Date(s.createdAt),
    })),
  };
  if (rows.length > limit) out.NextToken = Buffer.from(JSON.stringify({ after: kept[kept.length - 1]!.name }), 'utf8').toString('base64');
  return out;
}

function openToken(token: string): string {
  try {
    const v = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { after?: unknown };
    if (typeof v.after === 'string') return v.after;
  } catch {
    // answered below
  }
  throw new ExpiredNextTokenException(messages.invalidNextToken);
}
