import type { RequestContext } from '../../common/operation.js';
import { InvalidParameterException, ResourceNotFoundException, TooManyTagsException } from '../../protocol/generated/logs.js';
import { parseGroupIdentifier } from '../arns.js';
import type { LogsCore } from '../core.js';
import { messages } from '../messages.js';
import type { LogGroupRecord } from '../model.js';

/** AWS's quota of tags per CloudWatch Logs resource. */
export const MAX_TAGS = 50;

/** Refuses tag keys in AWS's reserved `aws:` namespace. */
export function validateTags(tags: Record<string, string>): void {
  for (const k of Object.keys(tags)) {
    if (k.toLowerCase().startsWith('aws:')) throw new InvalidParameterException(messages.reservedTagKey);
  }
}

/** The tags after adding `add` (existing keys take the new value), refused beyond the quota. */
export function mergeTags(current: Record<string, string>, add: Record<string, string>): Record<string, string> {
  validateTags(add);
  const out = { ...current, ...add };
  if (Object.keys(out).length > MAX_TAGS) throw new TooManyTagsException(messages.tooManyTags);
  return out;
}

export function removeTags(current: Record<string, string>, keys: readonly string[]): Record<string, string> {
  const out = { ...current };
  for (const k of keys) delete out[k];
  return out;
}

/**
 * The log group a tagging `resourceArn` names (`arn:aws:logs:REGION:ACCOUNT:log-group:NAME`). Destinations, the other
 * taggable resource, are not served here, so their ARNs name nothing.
 */
export async function taggedGroup(core: LogsCore, ctx: RequestContext, resourceArn: string): Promise<LogGroupRecord> {
  if (!resourceArn.startsWith('arn:')) throw new InvalidParameterException(messages.invalidResourceArn(resourceArn));
  const ref = parseGroupIdentifier(resourceArn);
  if (!ref || ref.accountId !== ctx.principal.accountId || ref.region !== ctx.region) throw new ResourceNotFoundException(messages.groupNotFound);
  return core.mustGroup(ctx, ref.name);
}
