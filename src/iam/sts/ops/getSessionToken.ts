import type { RequestContext } from '../../../common/operation.js';
import type { GetSessionTokenRequest, GetSessionTokenResponse } from '../../../protocol/generated/sts.js';
import type { IamCore } from '../../core.js';
import { AccessDenied, ValidationError } from '../../errors.js';
import type { SessionPrincipal } from '../../model.js';
import { messages } from '../messages.js';
import { issueSession } from '../sessions.js';

const DEFAULT_DURATION = 43200;
/** Sessions of the account root last at most an hour; STS shortens longer requests rather than refusing them. */
const ROOT_MAX_DURATION = 3600;

/** Temporary credentials for the calling root or user, with the caller's own permissions. */
export async function getSessionToken(core: IamCore, input: GetSessionTokenRequest, ctx: RequestContext): Promise<GetSessionTokenResponse> {
  for (const name of ['SerialNumber', 'TokenCode'] as const) if (input[name] !== undefined) throw new ValidationError(messages.unsupported(name));
  const caller = ctx.principal;
  if (caller.type === 'assumed-role' || caller.accessKeyId?.startsWith('ASIA') || caller.type === 'service') {
    throw new AccessDenied(messages.sessionCredentials);
  }
  let duration = input.DurationSeconds ?? DEFAULT_DURATION;
  if (caller.type === 'root') duration = Math.min(duration, ROOT_MAX_DURATION);
  const principal: SessionPrincipal = { type: caller.type, arn: caller.arn, userId: caller.userId };
  if (caller.name !== undefined) principal.name = caller.name;
  return { Credentials: await issueSession(core, caller.accountId, principal, duration) };
}
