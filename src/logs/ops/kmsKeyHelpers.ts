import type { RequestContext } from '../../common/operation.js';
import { parseQueryResultArn } from '../../insights/sealing.js';
import { InvalidParameterException, ResourceNotFoundException } from '../../protocol/generated/logs.js';
import { parseGroupIdentifier } from '../arns.js';
import type { LogsCore } from '../core.js';
import { messages } from '../messages.js';
import type { LogGroupRecord } from '../model.js';

/** What AssociateKmsKey / DisassociateKmsKey act on: one log group, or the account's Logs Insights query results. */
export type KeyTarget = { kind: 'group'; group: LogGroupRecord } | { kind: 'query-results'; arn: string };

/**
 * The target of AssociateKmsKey / DisassociateKmsKey: `logGroupName`, or `resourceIdentifier` (a log group ARN, or
 * `arn:aws:logs:REGION:ACCOUNT:query-result:*` of the caller's account and region): exactly one of the two.
 */
export async function keyTarget(core: LogsCore, ctx: RequestContext, input: { logGroupName?: string; resourceIdentifier?: string }): Promise<KeyTarget> {
  if (input.logGroupName !== undefined && input.resourceIdentifier !== undefined) {
    throw new InvalidParameterException(messages.bothGroupAndResource);
  }
  if (input.logGroupName !== undefined) return { kind: 'group', group: await core.mustGroup(ctx, input.logGroupName) };
  if (input.resourceIdentifier === undefined) throw new InvalidParameterException(messages.groupOrResourceRequired);
  const id = input.resourceIdentifier;
  const results = parseQueryResultArn(id);
  if (results) {
    if (results.accountId !== ctx.principal.accountId || results.region !== ctx.region) throw new InvalidParameterException(messages.unsupportedResourceIdentifier(id));
    return { kind: 'query-results', arn: id };
  }
  const ref = id.startsWith('arn:') ? parseGroupIdentifier(id) : undefined;
  if (!ref) throw new InvalidParameterException(messages.unsupportedResourceIdentifier(id));
  if (ref.accountId !== ctx.principal.accountId || ref.region !== ctx.region) throw new ResourceNotFoundException(messages.groupNotFound);
  return { kind: 'group', group: await core.mustGroup(ctx, ref.name) };
}
