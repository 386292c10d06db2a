import type { RequestContext } from '../../common/operation.js';
import type { LogsCore } from '../../logs/core.js';
import { ResourceNotFoundException, type DeleteQueryDefinitionRequest, type DeleteQueryDefinitionResponse } from '../../protocol/generated/logs.js';
import { messages } from '../messages.js';

export async function deleteQueryDefinition(core: LogsCore, input: DeleteQueryDefinitionRequest, ctx: RequestContext): Promise<DeleteQueryDefinitionResponse> {
  if (!(await core.store.insights.deleteDefinition(ctx.principal.accountId, ctx.region, input.queryDefinitionId))) {
    throw new ResourceNotFoundException(messages.definitionNotFound);
  }
  return { success: true };
}
