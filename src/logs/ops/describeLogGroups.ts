import type { RequestContext } from '../../common/operation.js';
import type { DescribeLogGroupsRequest, DescribeLogGroupsResponse } from '../../protocol/generated/logs.js';
import { InvalidParameterException } from '../../protocol/generated/logs.js';
import { parseGroupIdentifier } from '../arns.js';
import type { LogsCore } from '../core.js';
import { messages } from '../messages.js';
import type { GroupListQuery } from '../model.js';
import { decodeListToken, encodeListToken } from '../tokens.js';
import { logGroupEntry } from '../wire.js';

const DEFAULT_LIMIT = 50;

export async function describeLogGroups(core: LogsCore, input: DescribeLogGroupsRequest, ctx: RequestContext): Promise<DescribeLogGroupsResponse> {
  if (input.logGroupNamePrefix !== undefined && input.logGroupNamePattern !== undefined) {
    throw new InvalidParameterException(messages.prefixAndPatternExclusive);
  }
  const otherFilter = input.logGroupNamePrefix ?? input.logGroupNamePattern ?? input.logGroupClass;
  if (input.logGroupIdentifiers !== undefined && otherFilter !== undefined) {
    throw new InvalidParameterException(messages.identifiersWithOtherFilters);
  }
  const q: GroupListQuery = { limit: input.limit ?? DEFAULT_LIMIT };
  if (input.logGroupNamePrefix !== undefined) q.prefix = input.logGroupNamePrefix;
  if (input.logGroupNamePattern !== undefined) q.pattern = input.logGroupNamePattern;
  if (input.logGroupClass !== undefined) q.logGroupClass = input.logGroupClass;
  if (input.logGroupIdentifiers !== undefined) q.names = ownGroupNames(input.logGroupIdentifiers, ctx);
  const after = decodeListToken('groups', input.nextToken);
  if (after !== undefined) q.after = after;
  const page = await core.store.logs.listGroups(ctx.principal.accountId, ctx.region, q);
  const namesOnly = input.logGroupNamePattern !== undefined;
  const out: DescribeLogGroupsResponse = { logGroups: page.items.map((g) => logGroupEntry(g, namesOnly)) };
  if (page.next !== undefined) out.nextToken = encodeListToken('groups', page.next);
  return out;
}

/** The names among `logGroupIdentifiers` (names or ARNs) that can be the caller's groups in this region. */
function ownGroupNames(ids: readonly string[], ctx: RequestContext): string[] {
  const names: string[] = [];
  for (const id of ids) {
    const ref = parseGroupIdentifier(id);
    if (!ref) continue;
    if (ref.accountId !== undefined && (ref.accountId !== ctx.principal.accountId || ref.region !== ctx.region)) continue;
    names.push(ref.name);
  }
  return names;
}
