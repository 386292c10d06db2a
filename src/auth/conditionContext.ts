/**
 * The global condition keys (`aws:*`) of a request and the principal as policies match it, shared by every
 * service's authorization (KMS adds its `kms:*` keys, the others theirs).
 */
import type { Principal } from './identity.js';
import type { RequestPrincipal } from './policy/index.js';
import type { RequestContext } from '../common/operation.js';

const PRINCIPAL_TYPE: Record<Principal['type'], string> = { root: 'Account', user: 'User', 'assumed-role': 'AssumedRole', service: 'Service' };

/** The role ARN behind a role session (its path is only known when the session recorded it). */
export function sessionRoleArn(p: Principal): string | undefined {
  if (p.type !== 'assumed-role') return undefined;
  return p.roleArn ?? (p.name ? `arn:aws:iam::${p.accountId}:role/${p.name}` : undefined);
}

/** The role's unique id behind a role session: the `AROA…` part of its `AROA…:session` user id. */
export function sessionRoleId(p: Principal): string {
  const colon = p.userId.indexOf(':');
  return colon < 0 ? p.userId : p.userId.slice(0, colon);
}

/** The principal as policies match it: a role session also matches its role's ARN. */
export function requestPrincipal(p: Principal): RequestPrincipal {
  if (p.type === 'service') return { type: 'Service', arn: p.arn };
  const rp: RequestPrincipal = { type: 'AWS', arn: p.arn, accountId: p.accountId };
  const roleArn = sessionRoleArn(p);
  if (roleArn) rp.roleArn = roleArn;
  // Unique ids, for policies whose principals were bound to ids when they were stored.
  if (p.type === 'user') rp.userId = p.userId;
  if (p.type === 'assumed-role') rp.roleId = sessionRoleId(p);
  return rp;
}

/**
 * The global condition keys of a request, per credential kind as the IAM user guide ("AWS global condition context
 * keys") describes them:
 *  - every request: `aws:CurrentTime`, `aws:EpochTime`, `aws:SecureTransport`, `aws:RequestedRegion`,
 *    `aws:PrincipalType`, `aws:ViaAWSService` (false: no service forwards a caller's credentials here) and
 *    `aws:PrincipalIsAWSService`;
 *  - IAM principals: `aws:PrincipalArn` (a role session's role), `aws:PrincipalAccount`, `aws:userid` (the account id
 *    for the root, `AIDA…` for a user, `AROA…:session` for a role session), `aws:username` (users);
 *  - temporary credentials only: `aws:TokenIssueTime` and `aws:MultiFactorAuthPresent` (false unless MFA was used to
 *    obtain them), `aws:MultiFactorAuthAge` only when MFA was used, `aws:SourceIdentity` only when one was set. With
 *    long-term access keys (root, IAM user, the development key) the MFA keys and `aws:TokenIssueTime` are absent,
 *    so `"Bool": {"aws:MultiFactorAuthPresent": "false"}` does not match them and `BoolIfExists` does.
 */
export function globalConditionContext(ctx: RequestContext): Record<string, unknown> {
  const p = ctx.principal;
  const c: Record<string, unknown> = {
    'aws:CurrentTime': new Date(ctx.time),
    'aws:EpochTime': Math.floor(ctx.time / 1000),
    'aws:PrincipalType': PRINCIPAL_TYPE[p.type],
    'aws:RequestedRegion': ctx.region,
    'aws:SecureTransport': ctx.secureTransport,
    'aws:ViaAWSService': false,
    'aws:PrincipalIsAWSService': p.type === 'service',
  };
  const s = p.session;
  if (s) {
    c['aws:TokenIssueTime'] = new Date(s.issuedAt);
    c['aws:MultiFactorAuthPresent'] = s.mfaAuthenticatedAt !== undefined;
    if (s.mfaAuthenticatedAt !== undefined) c['aws:MultiFactorAuthAge'] = Math.max(0, Math.floor((ctx.time - s.mfaAuthenticatedAt) / 1000));
    if (s.sourceIdentity !== undefined) c['aws:SourceIdentity'] = s.sourceIdentity;
  }
  if (p.type === 'service') {
    c['aws:PrincipalServiceName'] = p.arn;
  } else {
    c['aws:PrincipalArn'] = sessionRoleArn(p) ?? p.arn;
    c['aws:PrincipalAccount'] = p.accountId;
    c['aws:userid'] = p.userId;
    if (p.type === 'user' && p.name) c['aws:username'] = p.name;
  }
  if (ctx.sourceIp) c['aws:SourceIp'] = ctx.sourceIp;
  if (ctx.userAgent) c['aws:UserAgent'] = ctx.userAgent;
  // Set when a service calls another on a resource's behalf (CloudWatch Logs calling KMS).
  if (ctx.sourceAccount) c['aws:SourceAccount'] = ctx.sourceAccount;
  if (ctx.sourceArn) c['aws:SourceArn'] = ctx.sourceArn;
  return c;
}
