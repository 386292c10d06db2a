import type { RequestContext } from '../../common/operation.js';
import type { ResourcePolicy } from '../../protocol/generated/logs.js';
import { InvalidParameterException, ResourceNotFoundException } from '../../protocol/generated/logs.js';
import type { LogGroupRecord } from '../model.js';
import type { LogResourcePolicyRecord } from '../../store/types.js';
import { logGroupArn, parseGroupIdentifier } from '../arns.js';
import type { LogsCore } from '../core.js';
import { messages } from '../messages.js';

/** The log group a `resourceArn` names (with or without `:*`): one of the caller's, in the request's region. */
export async function groupOfResourceArn(core: LogsCore, ctx: RequestContext, resourceArn: string): Promise<LogGroupRecord> {
  const ref = resourceArn.startsWith('arn:') ? parseGroupIdentifier(resourceArn) : undefined;
  if (!ref) throw new InvalidParameterException(messages.invalidResourceArn(resourceArn));
  // Another account's or region's group is not reachable from this request: it does not exist here.
  if (ref.accountId !== ctx.principal.accountId || ref.region !== ctx.region) throw new ResourceNotFoundException(messages.groupNotFound);
  return core.mustGroup(ctx, ref.name);
}

export function groupKey(g: LogGroupRecord): string {
  return logGroupArn(g.region, g.accountId, g.name);
}

/** `policyName` and `resourceArn`: exactly one of them (an empty name counts as none). */
export function nameOrArn(input: { policyName?: string; resourceArn?: string }): { policyName: string } | { resourceArn: string } {
  const name = input.policyName === '' ? undefined : input.policyName;
  if ((name === undefined) === (input.resourceArn === undefined)) throw new InvalidParameterException(messages.resourcePolicyNameOrArn);
  return name !== undefined ? { policyName: name } : { resourceArn: input.resourceArn! };
}

/** A policy as the API shows it: account policies by name, group policies by ARN with their revision. */
export function resourcePolicyEntry(p: LogResourcePolicyRecord): ResourcePolicy {
  if (p.scope === 'ACCOUNT') return { policyName: p.key, policyDocument: p.document, lastUpdatedTime: p.updatedAt, policyScope: 'ACCOUNT' };
  const e: ResourcePolicy = { policyDocument: p.document, lastUpdatedTime: p.updatedAt, policyScope: 'RESOURCE', resourceArn: p.key };
  if (p.revisionId !== undefined) e.revisionId = p.revisionId;
  return e;
}
