import type { RequestContext } from '../../common/operation.js';
import { InvalidParameterException, LimitExceededException, type PutMetricFilterRequest } from '../../protocol/generated/logs.js';
import type { LogsCore } from '../core.js';
import { parseFilterPattern } from '../filter/index.js';
import { messages } from '../messages.js';
import { MAX_METRIC_FILTERS_PER_GROUP, metricValueAllowed } from '../metricFilters.js';

/**
 * Creates or replaces a metric filter of a group: the filter pattern must parse, and the metric value must be a number
 * or a field the pattern extracts. (No metrics service runs here: the filter is kept, described and testable.)
 */
export async function putMetricFilter(core: LogsCore, input: PutMetricFilterRequest, ctx: RequestContext): Promise<void> {
  const group = await core.mustGroup(ctx, input.logGroupName);
  const ast = parseFilterPattern(input.filterPattern);
  for (const t of input.metricTransformations) {
    if (!metricValueAllowed(ast, t.metricValue)) throw new InvalidParameterException(messages.invalidMetricValue(t.metricValue));
    if (t.dimensions && Object.keys(t.dimensions).length > 3) throw new InvalidParameterException(messages.tooManyDimensions);
  }
  const existing = await core.store.insights.getMetricFilter(group.id, input.filterName);
  if (!existing && (await core.store.insights.countMetricFilters(group.id)) >= MAX_METRIC_FILTERS_PER_GROUP) {
    throw new LimitExceededException(messages.limitExceeded);
  }
  await core.store.insights.putMetricFilter({
    groupId: group.id,
    accountId: group.accountId,
    region: group.region,
    logGroupName: group.name,
    filterName: input.filterName,
    filterPattern: input.filterPattern,
    metricTransformations: input.metricTransformations.map((t) => ({ ...t })),
    creationTime: existing?.creationTime ?? core.clock.now(),
    applyOnTransformedLogs: input.applyOnTransformedLogs ?? false,
  });
}
