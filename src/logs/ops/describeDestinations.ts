import type { RequestContext } from '../../common/operation.js';
import { InvalidParameterException, type DescribeDestinationsRequest, type DescribeDestinationsResponse } from '../../protocol/generated/logs.js';
import type { LogsCore } from '../core.js';
import { subscriptionMessages as m } from '../subscriptions/messages.js';
import { destinationOut } from './destinationHelpers.js';

const DEFAULT_LIMIT = 50;

export async function describeDestinations(core: LogsCore, input: DescribeDestinationsRequest, ctx: RequestContext): Promise<DescribeDestinationsResponse> {
  let after: string | undefined;
  if (input.nextToken !== undefined) {
    try {
      after = (JSON.parse(Buffer.from(input.nextToken, 'base64url').toString('utf8')) as { after: string }).after;
      if (typeof after !== 'string') throw new Error('bad token');
    } catch {
      throw new InvalidParameterException(m.invalidNextToken);
    }
  }
  const limit = input.limit ?? DEFAULT_LIMIT;
  const rows = await core.store.logSubscriptions.listDestinations(ctx.principal.accountId, ctx.region, input.DestinationNamePrefix, after, limit + 1);
  const kept = rows.slice(0, limit);
  const out: DescribeDestinationsResponse = { destinations: kept.map(destinationOut) };
  if (rows.length > limit) out.nextToken = Buffer.from(JSON.stringify({ after: kept[kept.length - 1]!.name }), 'utf8').toString('base64url');
  return out;
}
