import type { RequestContext } from '../../common/operation.js';
import type { DeleteResourcePolicyRequest } from '../../protocol/generated/logs.js';
import { InvalidParameterException, OperationAbortedException, ResourceNotFoundException } from '../../protocol/generated/logs.js';
import type { LogsCore } from '../core.js';
import { messages } from '../messages.js';
import { groupKey, groupOfResourceArn, nameOrArn } from '../resourcePolicies/common.js';

/** DeleteResourcePolicy: an account policy by name, or a log group's policy by `resourceArn` at `expectedRevisionId`. */
export async function deleteResourcePolicy(core: LogsCore, input: DeleteResourcePolicyRequest, ctx: RequestContext): Promise<void> {
  const target = nameOrArn(input);
  const accountId = ctx.principal.accountId;
  const rp = core.store.logResourcePolicies;
  if ('policyName' in target) {
    if (input.expectedRevisionId !== undefined) throw new InvalidParameterException(messages.resourcePolicyRevisionOnlyForResource);
    if (!(await rp.delete(accountId, ctx.region, 'ACCOUNT', target.policyName))) {
      throw new ResourceNotFoundException(messages.resourcePolicyNotFound(target.policyName));
    }
    return;
  }
  const key = groupKey(await groupOfResourceArn(core, ctx, target.resourceArn));
  if (input.expectedRevisionId === undefined) throw new InvalidParameterException(messages.resourcePolicyRevisionRequired);
  if (await rp.delete(accountId, ctx.region, 'RESOURCE', key, input.expectedRevisionId)) return;
  if (!(await rp.get(accountId, ctx.region, 'RESOURCE', key))) throw new ResourceNotFoundException(messages.resourcePolicyNotFoundForResource(key));
  throw new OperationAbortedException(messages.resourcePolicyRevisionConflict(key));
}
