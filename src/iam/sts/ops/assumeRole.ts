import type { RequestContext } from '../../../common/operation.js';
import type { AssumeRoleRequest, AssumeRoleResponse } from '../../../protocol/generated/sts.js';
import type { IamCore } from '../../core.js';
import { AccessDenied, ValidationError } from '../../errors.js';
import { assumedRoleArn, looksLikeArn, parseRoleArn } from '../../names.js';
import { messages } from '../messages.js';
import { issueSession } from '../sessions.js';
import { mayAssumeRole } from '../trust.js';

const DEFAULT_DURATION = 3600;
/** A role session assuming another role ("role chaining") gets at most one hour, whatever the role allows. */
const CHAINED_MAX_DURATION = 3600;

/** Parameters logseal does not implement; accepting them silently would hand out broader or untagged sessions. */
const UNSUPPORTED: (keyof AssumeRoleRequest)[] = ['Policy', 'PolicyArns', 'Tags', 'TransitiveTagKeys', 'SerialNumber', 'TokenCode', 'SourceIdentity', 'ProvidedContexts'];

export async function assumeRole(core: IamCore, input: AssumeRoleRequest, ctx: RequestContext): Promise<AssumeRoleResponse> {
  for (const name of UNSUPPORTED) if (input[name] !== undefined) throw new ValidationError(messages.unsupported(name));
  if (!looksLikeArn(input.RoleArn)) throw new ValidationError(messages.invalidArn(input.RoleArn));
  const caller = ctx.principal;
  // STS does not say whether a role exists: a missing role and a refusing trust policy read the same.
  const denied = new AccessDenied(messages.notAuthorized(caller.arn, 'sts:AssumeRole', input.RoleArn));
  const ref = parseRoleArn(input.RoleArn);
  const role = ref && (await core.store.iam.getRole(ref.accountId, ref.name));
  if (!role) throw denied;
  const extra: Record<string, unknown> = { 'sts:RoleSessionName': input.RoleSessionName };
  if (input.ExternalId !== undefined) extra['sts:ExternalId'] = input.ExternalId;
  if (!(await mayAssumeRole(core, ctx, role, extra))) throw denied;

  const duration = input.DurationSeconds ?? DEFAULT_DURATION;
  if (caller.type === 'assumed-role' && duration > CHAINED_MAX_DURATION) throw new ValidationError(messages.durationExceedsChaining);
  if (duration > role.maxSessionDuration) throw new ValidationError(messages.durationExceedsMax);

  const arn = assumedRoleArn(role.accountId, role.roleName, input.RoleSessionName);
  const userId = `${role.roleId}:${input.RoleSessionName}`;
  const credentials = await issueSession(core, role.accountId, { type: 'assumed-role', arn, userId, name: role.roleName, roleArn: role.arn }, duration);
  return { Credentials: credentials, AssumedRoleUser: { AssumedRoleId: userId, Arn: arn } };
}
