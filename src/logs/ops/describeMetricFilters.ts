import type { RequestContext } from '../../common/operation.js';
import { InvalidParameterException, type DescribeMetricFiltersRequest, type DescribeMetricFiltersResponse, type MetricTransformation } from '../../protocol/generated/logs.js';
import type { LogsCore } from '../core.js';
import { messages } from '../messages.js';

const DEFAULT_LIMIT = 50;

/** Metric filters of one group or of the account, by name prefix or metric, ordered by group then filter name. */
export async function describeMetricFilters(core: LogsCore, input: DescribeMetricFiltersRequest, ctx: RequestContext): Promise<DescribeMetricFiltersResponse> {
  if (input.filterNamePrefix !== undefined && input.logGroupName === undefined) throw new InvalidParameterException(messages.filterPrefixNeedsGroup);
  if ((input.metricName === undefined) !== (input.metricNamespace === undefined)) throw new InvalidParameterException(messages.metricNameAndNamespace);
  const q: Parameters<typeof core.store.insights.listMetricFilters>[2] = { limit: input.limit ?? DEFAULT_LIMIT };
  if (input.logGroupName !== undefined) q.groupId = (await core.mustGroup(ctx, input.logGroupName)).id;
  if (input.filterNamePrefix !== undefined) q.prefix = input.filterNamePrefix;
  if (input.metricName !== undefined) q.metricName = input.metricName;
  if (input.metricNamespace !== undefined) q.metricNamespace = input.metricNamespace;
  if (input.nextToken !== undefined) {
    try {
      q.after = Buffer.from(input.nextToken, 'base64url').toString('utf8');
      const v: unknown = JSON.parse(q.after);
      if (!Array.isArray(v) || v.length !== 2) throw new Error('bad token');
    } catch {
      throw new InvalidParameterException(messages.invalidNextToken);
    }
  }
  const page = await core.store.insights.listMetricFilters(ctx.principal.accountId, ctx.region, q);
  const out: DescribeMetricFiltersResponse = {
    metricFilters: page.items.map((f) => ({
      filterName: f.filterName,
      filterPattern: f.filterPattern,
      metricTransformations: f.metricTransformations as MetricTransformation[],
      creationTime: f.creationTime,
      logGroupName: f.logGroupName,
      applyOnTransformedLogs: f.applyOnTransformedLogs,
    })),
  };
  if (page.next !== undefined) out.nextToken = Buffer.from(page.next, 'utf8').toString('base64url');
  return out;
}
