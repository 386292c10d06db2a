import { globalConditionContext, requestPrincipal } from '../../auth/conditionContext.js';
import { compilePolicy, evaluate, parsePolicy } from '../../auth/policy/index.js';
import type { RequestContext } from '../../common/operation.js';
import type { ConditionContext } from '../../auth/policy/types.js';
import { parseStreamArn } from '../../kinesis/arns.js';
import {
  AccessDeniedException,
  InvalidParameterException,
  LimitExceededException,
  ResourceNotFoundException,
  type PutSubscriptionFilterRequest,
} from '../../protocol/generated/logs.js';
import type { LogsCore } from '../core.js';
import { parseFilterPattern } from '../filter/index.js';
import { subscriptionMessages as m } from '../subscriptions/messages.js';
import { controlMessage } from '../subscriptions/payload.js';
import { DeliveryError, destinationArn, partitionKeyFor, putToTarget, resolveTarget } from '../subscriptions/target.js';

/** AWS: at most two subscription filters per log group. */
export const MAX_SUBSCRIPTION_FILTERS_PER_GROUP = 2;

/**
 * Creates or replaces a subscription filter. As AWS does, the destination is tried before the filter is kept: the
 * role must be assumable by CloudWatch Logs and allowed to write to the stream, and a CONTROL_MESSAGE is written to
 * the stream (in this request's transaction: the filter and the message are committed together or not at all).
 */
export async function putSubscriptionFilter(core: LogsCore, input: PutSubscriptionFilterRequest, ctx: RequestContext): Promise<void> {
  const group = await core.mustGroup(ctx, input.logGroupName);
  parseFilterPattern(input.filterPattern);
  if (input.fieldSelectionCriteria !== undefined) throw new InvalidParameterException(m.unsupportedParameter('fieldSelectionCriteria'));
  if (input.emitSystemFields !== undefined) throw new InvalidParameterException(m.unsupportedParameter('emitSystemFields'));
  const existing = await core.store.logSubscriptions.filtersOfGroup(group.id);
  const replacing = existing.find((f) => f.filterName === input.filterName);
  if (!replacing && existing.length >= MAX_SUBSCRIPTION_FILTERS_PER_GROUP) throw new LimitExceededException(m.limitExceeded);

  const target = await resolveTarget(core.store, input.destinationArn, input.roleArn);
  if (target === 'no-role') throw new InvalidParameterException(m.kinesisNeedsRole);
  if (target === 'unsupported') throw new InvalidParameterException(m.unsupportedDestination(input.destinationArn));
  if (target === 'no-destination') throw new ResourceNotFoundException(m.destinationNotFound);
  if (target.destination) {
    const d = target.destination;
    const arn = destinationArn(d.region, d.accountId, d.name);
    if (d.accountId !== ctx.principal.accountId && !destinationPolicyAllows(d.accessPolicy, arn, ctx)) {
      throw new AccessDeniedException(m.notAllowedByDestinationPolicy(ctx.principal.accountId, arn));
    }
  } else {
    const role = /^arn:aws[a-z-]*:iam::(\d{12}):role\//.exec(target.roleArn);
    if (role && role[1] !== ctx.principal.accountId) throw new InvalidParameterException(m.crossAccountPassRole);
    if (parseStreamArn(target.streamArn)!.region !== group.region) throw new InvalidParameterException(m.testDeliveryFailed);
  }
  const distribution = input.distribution ?? 'ByLogStream';
  try {
    await putToTarget(core, target, group, partitionKeyFor('Random', group.name, ''), [controlMessage(core.clock.now())]);
  } catch (err) {
    if (err instanceof DeliveryError) throw new InvalidParameterException(err.reason === 'kms' ? m.testDeliveryDestination : m.testDeliveryFailed);
    throw err;
  }
  const record = {
    groupId: group.id,
    accountId: group.accountId,
    region: group.region,
    groupName: group.name,
    filterName: input.filterName,
    filterPattern: input.filterPattern,
    destinationArn: input.destinationArn,
    distribution,
    applyOnTransformedLogs: input.applyOnTransformedLogs ?? false,
    createdAt: replacing?.createdAt ?? core.clock.now(),
  } as const;
  await core.store.logSubscriptions.putFilter(input.roleArn !== undefined ? { ...record, roleArn: input.roleArn } : record);
}

/** Whether a destination's access policy lets the caller's account subscribe (logs:PutSubscriptionFilter on it). */
function destinationPolicyAllows(policy: string | undefined, arn: string, ctx: RequestContext): boolean {
  if (policy === undefined) return false;
  try {
    const compiled = compilePolicy(parsePolicy(policy, { kind: 'resource' }));
    const ev = evaluate(compiled, {
      principal: requestPrincipal(ctx.principal),
      action: 'logs:PutSubscriptionFilter',
      resource: arn,
      context: globalConditionContext(ctx) as ConditionContext,
    });
    return !ev.explicitDeny && (ev.allowed || ev.allowedViaAccount);
  } catch {
    return false;
  }
}
