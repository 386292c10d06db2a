import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../common/operation.js';
import type { LogsCore } from '../../logs/core.js';
import {
  InvalidParameterException,
  LimitExceededException,
  ResourceNotFoundException,
  type PutQueryDefinitionRequest,
  type PutQueryDefinitionResponse,
} from '../../protocol/generated/logs.js';
import { MAX_QUERY_DEFINITIONS, messages } from '../messages.js';

/** Saves a query (new, or replacing the definition `queryDefinitionId` names) with the groups it usually runs on. */
export async function putQueryDefinition(core: LogsCore, input: PutQueryDefinitionRequest, ctx: RequestContext): Promise<PutQueryDefinitionResponse> {
  const { accountId } = ctx.principal;
  if (input.queryLanguage !== undefined && input.queryLanguage !== 'CWLI') throw new InvalidParameterException(messages.unsupportedLanguage(input.queryLanguage));
  let id = input.queryDefinitionId;
  if (id !== undefined) {
    if (!(await core.store.insights.getDefinition(accountId, ctx.region, id))) throw new ResourceNotFoundException(messages.definitionNotFound);
  } else {
    if ((await core.store.insights.countDefinitions(accountId, ctx.region)) >= MAX_QUERY_DEFINITIONS) {
      throw new LimitExceededException(messages.definitionLimit(MAX_QUERY_DEFINITIONS));
    }
    id = randomUUID();
  }
  await core.store.insights.putDefinition({
    accountId,
    region: ctx.region,
    queryDefinitionId: id,
    name: input.name,
    queryString: input.queryString,
    queryLanguage: 'CWLI',
    logGroupNames: input.logGroupNames ?? [],
    lastModified: core.clock.now(),
  });
  return { queryDefinitionId: id };
}
