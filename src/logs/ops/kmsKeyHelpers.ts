import type { RequestContext } from '../../common/operation.js';
import { InvalidParameterException, ResourceNotFoundException } from '../../protocol/generated/logs.js';
import { parseGroupIdentifier } from '../arns.js';
import type { LogsCore } from '../core.js';
import { messages } from '../messages.js';
import type { LogGroupRecord } from '../model.js';

/**
 * The group AssociateKmsKey / DisassociateKmsKey act on: `logGroupName`, or a log group ARN as `resourceIdentifier`
 * (exactly one). Query results (`…:query-result:*`) are not served, so such an identifier is refused.
 */
export async function keyTargetGroup(
  core: LogsCore,
  ctx: RequestContext,
  input: { logGroupName?: string; resourceIdentifier?: string },
): Promise<LogGroupRecord> {
  if (input.logGroupName !== undefined && input.resourceIdentifier !== undefined) {
    throw new InvalidParameterException(messages.bothGroupAndResource);
  }
  if (input.logGroupName !== undefined) return core.mustGroup(ctx, input.logGroupName);
  if (input.resourceIdentifier === undefined) throw new InvalidParameterException(messages.groupOrResourceRequired);
  const id = input.resourceIdentifier;
  const ref = id.startsWith('arn:') ? parseGroupIdentifier(id) : undefined;
  if (!ref) throw new InvalidParameterException(messages.unsupportedResourceIdentifier(id));
  if (ref.accountId !== ctx.principal.accountId || ref.region !== ctx.region) throw new ResourceNotFoundException(messages.groupNotFound);
  return core.mustGroup(ctx, ref.name);
}
