import { evaluate, type ConditionContext, type PolicyRequest } from '../../auth/policy/index.js';
import type { RequestContext } from '../../common/operation.js';
import { globalConditionContext, requestPrincipal } from '../../auth/conditionContext.js';
import type { IamCore } from '../core.js';
import type { IamRole } from '../model.js';

/** What the caller's own identity policies say about a request: explicitly denied, allowed, or nothing. */
async function identityDecision(core: IamCore, ctx: RequestContext, req: PolicyRequest): Promise<'deny' | 'allow' | 'none'> {
  let decision: 'allow' | 'none' = 'none';
  for (const policy of await core.policies.policiesFor(ctx.principal)) {
    const ev = evaluate(policy, req);
    if (ev.explicitDeny) return 'deny';
    if (ev.allowed) decision = 'allow';
  }
  return decision;
}

/**
 * Whether the caller may assume the role. The trust policy is the role's resource policy: naming the caller (or,
 * for a session, its role) lets a caller of the role's account in on its own; naming only the caller's account
 * delegates to the caller's identity policies, which must then allow `sts:AssumeRole` on the role. Across accounts
 * both sides must allow. An explicit deny on either side wins; an account root needs no identity policy.
 */
export async function mayAssumeRole(core: IamCore, ctx: RequestContext, role: IamRole, extra: Record<string, unknown>): Promise<boolean> {
  const p = ctx.principal;
  const context = { ...globalConditionContext(ctx), ...extra } as ConditionContext;
  const req: PolicyRequest = { principal: requestPrincipal(p), action: 'sts:AssumeRole', resource: role.arn, context };
  const trust = evaluate(core.documents.trust(role.assumeRolePolicy, core.trustBindings(role)), req);
  if (trust.explicitDeny) return false;
  const identity = await identityDecision(core, ctx, req);
  if (identity === 'deny') return false;
  const identityAllows = p.type === 'root' || identity === 'allow';
  if (p.accountId === role.accountId) return trust.allowed || (trust.allowedViaAccount && identityAllows);
  return (trust.allowed || trust.allowedViaAccount) && identityAllows;
}
