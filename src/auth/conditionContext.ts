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

/** The principal as policies match it: a role session also matches its role's ARN. */
export function requestPrincipal(p: Principal): RequestPrincipal {
  if (p.type === 'service') return { type: 'Service', arn: p.arn };
  const rp: RequestPrincipal = { type: 'AWS', arn: p.arn, accountId: p.accountId };
  const roleArn = sessionRoleArn(p);
  if (roleArn) rp.roleArn = roleArn;
  return rp;
}

export function globalConditionContext(ctx: RequestContext): Record<string, unknown> {
  const p = ctx.principal;
  const c: Record<string, unknown> = {
    'aws:CurrentTime': new Date(ctx.time),
    'aws:EpochTime': Math.floor(ctx.time / 1000),
    'aws:PrincipalType': PRINCIPAL_TYPE[p.type],
    'aws:RequestedRegion': ctx.region,
    'aws:SecureTransport': ctx.secureTransport,
  };
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
