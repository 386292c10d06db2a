import type { RequestContext } from '../../common/operation.js';
import { InvalidParameterException, type DescribeSubscriptionFiltersRequest, type DescribeSubscriptionFiltersResponse } from '../../protocol/generated/logs.js';
import type { LogsCore } from '../core.js';
import { subscriptionMessages as m } from '../subscriptions/messages.js';

const DEFAULT_LIMIT = 50;

/** A group's subscription filters by name (at most two, so one page unless `limit` is 1). */
export async function describeSubscriptionFilters(core: LogsCore, input: DescribeSubscriptionFiltersRequest, ctx: RequestContext): Promise<DescribeSubscriptionFiltersResponse> {
  const group = await core.mustGroup(ctx, input.logGroupName);
  let after = '';
  if (input.nextToken !== undefined) {
    try {
      after = (JSON.parse(Buffer.from(input.nextToken, 'base64url').toString('utf8')) as { after: string }).after;
      if (typeof after !== 'string') throw new Error('bad token');
    } catch {
      throw new InvalidParameterException(m.invalidNextToken);
    }
  }
  const prefix = input.filterNamePrefix ?? '';
  const all = (await core.store.logSubscriptions.filtersOfGroup(group.id)).filter((f) => f.filterName.startsWith(prefix) && f.filterName > after);
  const limit = input.limit ?? DEFAULT_LIMIT;
  const kept = all.slice(0, limit);
  const out: DescribeSubscriptionFiltersResponse = {
    subscriptionFilters: kept.map((f) => {
      const o: NonNullable<DescribeSubscriptionFiltersResponse['subscriptionFilters']>[number] = {
        filterName: f.filterName,
        logGroupName: f.groupName,
        filterPattern: f.filterPattern,
        destinationArn: f.destinationArn,
        distribution: f.distribution,
        applyOnTransformedLogs: f.applyOnTransformedLogs,
        creationTime: f.createdAt,
      };
      if (f.roleArn !== undefined) o.roleArn = f.roleArn;
      return o;
    }),
  };
  if (all.length > limit) out.nextToken = Buffer.from(JSON.stringify({ after: kept[kept.length - 1]!.filterName }), 'utf8').toString('base64url');
  return out;
}
