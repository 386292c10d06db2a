import type { RequestContext } from '../../../common/operation.js';
import { parseGroupIdentifier } from '../../../logs/arns.js';
import type { LogsCore } from '../../../logs/core.js';
import { filterMatcher } from '../../../logs/filter/index.js';
import { messages as logsMessages } from '../../../logs/messages.js';
import { InvalidParameterException, ResourceNotFoundException } from '../../../protocol/generated/logs.js';
import { messages } from '../messages.js';

/** Detectors and anomalies per page when the request does not say (the model's documented default). */
export const DEFAULT_PAGE_SIZE = 50;

/**
 * The log group a new detector watches: `logGroupArnList` holds exactly one log group ARN (the model's pattern
 * leaves out the `:*` form), of a group of the caller that exists.
 */
export async function watchedGroupArn(core: LogsCore, ctx: RequestContext, logGroupArnList: readonly string[]): Promise<string> {
  if (logGroupArnList.length !== 1) throw new InvalidParameterException(messages.oneLogGroup(logGroupArnList.length));
  const arn = logGroupArnList[0]!;
  const ref = arn.startsWith('arn:') ? parseGroupIdentifier(arn) : undefined;
  if (!ref) throw new InvalidParameterException(messages.invalidLogGroupArn(arn));
  // Cross-account observability is not served: another account's or region's group is none of the caller's.
  if (ref.accountId !== ctx.principal.accountId || ref.region !== ctx.region) throw new ResourceNotFoundException(logsMessages.groupNotFound);
  await core.mustGroup(ctx, ref.name);
  return arn;
}

/** Refuses a malformed filter pattern with the Logs filter syntax's own InvalidParameterException. */
export function checkFilterPattern(pattern: string | undefined): void {
  if (pattern) filterMatcher(pattern);
}
