import type { RequestContext } from '../../common/operation.js';
import type { LogsCore } from '../../logs/core.js';
import { messages as logsMessages } from '../../logs/messages.js';
import { InvalidParameterException, type DescribeQueryDefinitionsRequest, type DescribeQueryDefinitionsResponse } from '../../protocol/generated/logs.js';

const DEFAULT_MAX = 1000;

/** Saved queries ordered by name, optionally those whose name starts with a prefix. */
export async function describeQueryDefinitions(core: LogsCore, input: DescribeQueryDefinitionsRequest, ctx: RequestContext): Promise<DescribeQueryDefinitionsResponse> {
  let after: string | undefined;
  if (input.nextToken !== undefined) {
    try {
      after = Buffer.from(input.nextToken, 'base64url').toString('utf8');
      const parsed: unknown = JSON.parse(after);
      if (!Array.isArray(parsed) || parsed.length !== 2) throw new Error('bad token');
    } catch {
      throw new InvalidParameterException(logsMessages.invalidNextToken);
    }
  }
  const q: Parameters<typeof core.store.insights.listDefinitions>[2] = { limit: input.maxResults ?? DEFAULT_MAX };
  if (input.queryDefinitionNamePrefix !== undefined) q.prefix = input.queryDefinitionNamePrefix;
  if (after !== undefined) q.after = after;
  const page = await core.store.insights.listDefinitions(ctx.principal.accountId, ctx.region, q);
  const out: DescribeQueryDefinitionsResponse = {
    queryDefinitions: page.items.map((d) => ({
      queryLanguage: 'CWLI',
      queryDefinitionId: d.queryDefinitionId,
      name: d.name,
      queryString: d.queryString,
      lastModified: d.lastModified,
      logGroupNames: d.logGroupNames,
    })),
  };
  if (page.next !== undefined) out.nextToken = Buffer.from(page.next, 'utf8').toString('base64url');
  return out;
}
