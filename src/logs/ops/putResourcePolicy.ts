import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../common/operation.js';
import type { PutResourcePolicyRequest, PutResourcePolicyResponse } from '../../protocol/generated/logs.js';
import { InvalidParameterException, LimitExceededException, OperationAbortedException } from '../../protocol/generated/logs.js';
import type { LogsCore } from '../core.js';
import { messages } from '../messages.js';
import { groupKey, groupOfResourceArn, nameOrArn, resourcePolicyEntry } from '../resourcePolicies/common.js';
import { MAX_ACCOUNT_POLICIES, MAX_ACCOUNT_POLICY_CHARS, compileResourcePolicy } from '../resourcePolicies/document.js';

/**
 * PutResourcePolicy: an account policy by `policyName` (at most 10 per account and region, 5,120 characters each,
 * replaced by name) or a log group's own policy by `resourceArn` (one per group, up to the model's 51,200 characters,
 * written only at `expectedRevisionId`: none when creating, the current revision when replacing).
 */
export async function putResourcePolicy(core: LogsCore, input: PutResourcePolicyRequest, ctx: RequestContext): Promise<PutResourcePolicyResponse> {
  const target = nameOrArn(input);
  const document = input.policyDocument;
  if (document === undefined) throw new InvalidParameterException(messages.resourcePolicyDocumentRequired);
  const accountId = ctx.principal.accountId;
  const now = core.clock.now();
  if ('policyName' in target) {
    if (input.expectedRevisionId !== undefined) throw new InvalidParameterException(messages.resourcePolicyRevisionOnlyForResource);
    if (document.length > MAX_ACCOUNT_POLICY_CHARS) throw new InvalidParameterException(messages.resourcePolicyTooLong(document, MAX_ACCOUNT_POLICY_CHARS));
    compileResourcePolicy(document);
    const rp = core.store.logResourcePolicies;
    const existing = await rp.get(accountId, ctx.region, 'ACCOUNT', target.policyName);
    if (!existing && (await rp.count(accountId, ctx.region, 'ACCOUNT')) >= MAX_ACCOUNT_POLICIES) throw new LimitExceededException(messages.limitExceeded);
    const saved = { accountId, region: ctx.region, scope: 'ACCOUNT' as const, key: target.policyName, document, updatedAt: now };
    await rp.put(saved);
    return { resourcePolicy: resourcePolicyEntry(saved) };
  }
  const group = await groupOfResourceArn(core, ctx, target.resourceArn);
  compileResourcePolicy(document);
  const key = groupKey(group);
  const saved = { accountId, region: ctx.region, scope: 'RESOURCE' as const, key, groupId: group.id, document, revisionId: randomUUID(), updatedAt: now };
  if (!(await core.store.logResourcePolicies.put(saved, input.expectedRevisionId))) {
    throw new OperationAbortedException(messages.resourcePolicyRevisionConflict(key));
  }
  return { resourcePolicy: resourcePolicyEntry(saved), revisionId: saved.revisionId };
}
