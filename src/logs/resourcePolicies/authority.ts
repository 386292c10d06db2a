/**
 * Where CloudWatch Logs resource policies take effect: an AWS service principal (route53.amazonaws.com,
 * delivery.logs.amazonaws.com, es.amazonaws.com, …) creating a log stream or putting log events into a log group.
 * Such a caller has no identity-based policies; the account's policies (scope ACCOUNT) and the group's own policy
 * (scope RESOURCE) decide together: an explicit Deny in any wins, else an Allow naming the service is needed.
 * Conditions are the project's policy engine's, with the request's `aws:SourceAccount` and `aws:SourceArn` (whom the
 * service acts for), so the confused-deputy guards AWS recommends work.
 *
 * AWS documents that these policies are not enforced for IAM users, roles or other accounts: those are decided by
 * IAM policies alone (src/auth/authorize.ts), whatever a resource policy says. See
 * docs/decisions/0019-logs-resource-policies.md.
 */
import { createHash } from 'node:crypto';
import type { Permission, ServicePrincipalPolicies } from '../../auth/authorize.js';
import { globalConditionContext, requestPrincipal } from '../../auth/conditionContext.js';
import { CompiledPolicyCache, evaluate, type ConditionContext } from '../../auth/policy/index.js';
import type { RequestContext } from '../../common/operation.js';
import type { LogResourcePolicyRecord, Store } from '../../store/types.js';
import { logGroupArn } from '../arns.js';
import { compileResourcePolicy } from './document.js';

/** The only actions resource policies allow (PutResourcePolicy's documented restriction). */
const DECIDED_ACTIONS = new Set(['logs:createlogstream', 'logs:putlogevents']);

/** `arn:aws:logs:R:A:log-group:G:log-stream:S` (or the group's own ARN): the group it names. Names never hold ':'. */
const RESOURCE_RE = /^arn:aws:logs:([a-z0-9-]+):(\d{12}):log-group:([^:]+)(?::log-stream:.*)?$/;

export class LogsResourcePolicies implements ServicePrincipalPolicies {
  /** Compiled documents by (scope, account, region, key) and the document's digest: parsed once per change. */
  private readonly compiled = new CompiledPolicyCache(2_000);

  constructor(private readonly store: Store) {}

  async decide(ctx: RequestContext, perm: Permission): Promise<'allow' | 'explicitDeny' | 'implicitDeny'> {
    if (!DECIDED_ACTIONS.has(perm.action.toLowerCase())) return 'implicitDeny';
    const m = RESOURCE_RE.exec(perm.resource);
    if (!m) return 'implicitDeny';
    const [, region, accountId, groupName] = m as unknown as [string, string, string, string];
    const policies = await this.store.logResourcePolicies.forGroup(accountId, region, logGroupArn(region, accountId, groupName));
    if (policies.length === 0) return 'implicitDeny';
    const context = { ...globalConditionContext(ctx), ...perm.context } as ConditionContext;
    const request = { principal: requestPrincipal(ctx.principal), action: perm.action, resource: perm.resource, context };
    let allowed = false;
    for (const p of policies) {
      const ev = evaluate(this.compiledOf(p), request);
      if (ev.explicitDeny) return 'explicitDeny';
      if (ev.allowed) allowed = true;
    }
    return allowed ? 'allow' : 'implicitDeny';
  }

  private compiledOf(p: LogResourcePolicyRecord) {
    const digest = createHash('sha256').update(p.document).digest('base64');
    return this.compiled.get(`${p.scope}\u0000${p.accountId}\u0000${p.region}\u0000${p.key}`, digest, () => compileResourcePolicy(p.document));
  }
}
