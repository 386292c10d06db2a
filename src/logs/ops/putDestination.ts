import type { RequestContext } from '../../common/operation.js';
import { parseStreamArn } from '../../kinesis/arns.js';
import { InvalidParameterException, type PutDestinationRequest, type PutDestinationResponse } from '../../protocol/generated/logs.js';
import type { LogsCore } from '../core.js';
import { subscriptionDeps } from '../subscriptions/deps.js';
import { subscriptionMessages as m } from '../subscriptions/messages.js';
import { logsRoleSession } from '../subscriptions/role.js';
import { destinationOut } from './destinationHelpers.js';

/**
 * Creates or updates a destination: a Kinesis stream of the account and region, written by a role CloudWatch Logs
 * can assume. Other accounts subscribe to it once its access policy (PutDestinationPolicy) lets them.
 */
export async function putDestination(core: LogsCore, input: PutDestinationRequest, ctx: RequestContext): Promise<PutDestinationResponse> {
  if (input.tags !== undefined) throw new InvalidParameterException(m.unsupportedParameter('tags'));
  const accountId = ctx.principal.accountId;
  const stream = parseStreamArn(input.targetArn);
  if (!stream || stream.accountId !== accountId || stream.region !== ctx.region) throw new InvalidParameterException(m.destinationTarget(input.targetArn));
  const role = /^arn:aws[a-z-]*:iam::(\d{12}):role\//.exec(input.roleArn);
  if (role && role[1] !== accountId) throw new InvalidParameterException(m.crossAccountPassRole);
  const session = await logsRoleSession(subscriptionDeps(core).iam, input.roleArn, { accountId, region: ctx.region, name: '' }, core.clock.now());
  if (!session) throw new InvalidParameterException(m.testDeliveryDestination);
  const existing = await core.store.logSubscriptions.getDestination(accountId, ctx.region, input.destinationName);
  const rec = {
    accountId,
    region: ctx.region,
    name: input.destinationName,
    targetArn: input.targetArn,
    roleArn: input.roleArn,
    createdAt: existing?.createdAt ?? core.clock.now(),
    ...(existing?.accessPolicy !== undefined ? { accessPolicy: existing.accessPolicy } : {}),
  };
  await core.store.logSubscriptions.putDestination(rec);
  return { destination: destinationOut(rec) };
}
