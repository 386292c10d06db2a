/**
 * IAM authorization of the services that have no resource policy of their own here: CloudWatch Logs, IAM and STS.
 * (KMS authorizes its own requests, key policy and grants included: src/kms/authorize.ts.)
 *
 * AWS's evaluation logic reduced to what exists in logseal: an explicit Deny in any of the caller's identity-based
 * policies wins; the account root may do anything in its own account; anyone else needs an identity-based policy that
 * allows the action on the resource. Resource-based policies decide only for AWS service principals, which have no
 * identity-based policies (CloudWatch Logs resource policies, `ServicePrincipalPolicies`): AWS does not enforce them
 * for IAM principals. IAM and STS have none, and the trust policy of AssumeRole is evaluated by that operation itself.
 * No SCPs, permissions boundaries or session policies exist either (IAM refuses the latter two rather than ignoring
 * them).
 */
import type { CompiledPolicy, ConditionContext, PolicyRequest } from './policy/index.js';
import { evaluateCached } from './policy/index.js';
import type { Principal } from './identity.js';
import { messages } from './messages.js';
import type { OperationDef, OperationTable, RequestContext } from '../common/operation.js';
import { globalConditionContext, requestPrincipal } from './conditionContext.js';
import type { AwsError } from '../protocol/errors.js';

type MaybePromise<T> = T | Promise<T>;

/** One permission a request needs: an IAM action on a resource, as the Service Authorization Reference lists it. */
export interface Permission {
  /** `logs:CreateLogGroup` */
  action: string;
  /** The ARN policies are matched against (or `*` for actions without a resource type). */
  resource: string;
  /**
   * How AWS names the resource in a denial when not by that ARN: IAM says `user alice`, `role deployer`,
   * `policy arn:aws:iam::…:policy/p`, `policy path /`.
   */
  shownAs?: string;
  /** The service's condition keys of this request (`aws:RequestTag/…`, `aws:TagKeys`, `iam:PolicyARN`). */
  context?: Record<string, unknown>;
  /** The resource's tags for `aws:ResourceTag/…`; asked only when some policy of the caller reads the context. */
  resourceTags?: () => MaybePromise<Readonly<Record<string, string>> | undefined>;
  /** The service's own wording of this denial, when it has one (CreateLogGroup with tags). */
  deniedMessage?: string;
}

/**
 * The permissions an operation needs for one request. An empty list means none: the operation needs no permission
 * (GetCallerIdentity), authorizes itself (AssumeRole), or refuses the request anyway (a role session asking for "its"
 * user); each such rule says which.
 */
export type PermissionRule = (input: any, ctx: RequestContext) => MaybePromise<readonly Permission[]>;

/** Rules by operation name, one per served operation (a test checks that none is missing). */
export type PermissionMap = Readonly<Record<string, PermissionRule>>;

/** Where the caller's identity-based policies and IAM tags come from (IAM, in logseal). */
export interface IdentitySource {
  policiesFor(principal: Principal): MaybePromise<CompiledPolicy[]>;
  /** `aws:PrincipalTag/…`: the tags of an IAM user, or of the role of a role session. */
  principalTags(principal: Principal): MaybePromise<Readonly<Record<string, string>>>;
}

/**
 * The resource-based policies that decide requests of AWS service principals (CloudWatch Logs resource policies:
 * PutLogEvents and CreateLogStream by services such as route53.amazonaws.com). Without one, service principals are
 * refused.
 */
export interface ServicePrincipalPolicies {
  decide(ctx: RequestContext, perm: Permission): MaybePromise<'allow' | 'explicitDeny' | 'implicitDeny'>;
}

const NO_CONTEXT: ConditionContext = Object.freeze({});

/** Decides requests of one service; `denied` makes that service's error (`AccessDeniedException`, `AccessDenied`). */
export class Authorizer {
  constructor(
    private readonly identities: IdentitySource,
    private readonly denied: (message: string) => AwsError,
    private readonly servicePolicies?: ServicePrincipalPolicies,
  ) {}

  /** Throws the service's access-denied error unless the caller may perform `action` on `resourceArn`. */
  async authorize(ctx: RequestContext, action: string, resourceArn: string, extraContext: Record<string, unknown> = {}): Promise<void> {
    await this.check(ctx, [{ action, resource: resourceArn, context: extraContext }]);
  }

  /** Every permission must be granted. Synchronous when no policy has to be loaded (the account root). */
  check(ctx: RequestContext, permissions: readonly Permission[]): MaybePromise<void> {
    if (permissions.length === 0) return;
    const p = ctx.principal;
    if (p.type === 'root') return;
    // Service principals have no identity-based policies: resource-based policies alone decide, where the service
    // has them; elsewhere they are refused rather than guessed at.
    if (p.type === 'service') {
      if (!this.servicePolicies) throw this.refusal(p, permissions[0]!, false);
      return this.decideService(ctx, this.servicePolicies, permissions);
    }
    const policies = this.identities.policiesFor(p);
    return policies instanceof Promise ? policies.then((list) => this.decide(ctx, list, permissions)) : this.decide(ctx, policies, permissions);
  }

  private decide(ctx: RequestContext, policies: readonly CompiledPolicy[], permissions: readonly Permission[]): MaybePromise<void> {
    // The request context is built only for policies that read it (conditions, policy variables).
    if (!policies.some((pol) => pol.usesContext)) {
      for (const perm of permissions) this.decideOne(ctx, policies, perm, NO_CONTEXT);
      return;
    }
    return this.decideWithContext(ctx, policies, permissions);
  }

  private async decideWithContext(ctx: RequestContext, policies: readonly CompiledPolicy[], permissions: readonly Permission[]): Promise<void> {
    const base = { ...globalConditionContext(ctx), ...principalTagKeys(await this.identities.principalTags(ctx.principal)) };
    for (const perm of permissions) {
      const tags = perm.resourceTags ? await perm.resourceTags() : undefined;
      this.decideOne(ctx, policies, perm, { ...base, ...resourceTagKeys(tags), ...perm.context } as ConditionContext);
    }
  }

  private decideOne(ctx: RequestContext, policies: readonly CompiledPolicy[], perm: Permission, context: ConditionContext): void {
    const p = ctx.principal;
    const req: PolicyRequest = { principal: requestPrincipal(p), action: perm.action, resource: perm.resource, context };
    let allowed = false;
    for (const pol of policies) {
      const ev = evaluateCached(pol, req);
      if (ev.explicitDeny) throw this.refusal(p, perm, true);
      if (ev.allowed) allowed = true;
    }
    if (!allowed) throw this.refusal(p, perm, false);
  }

  private async decideService(ctx: RequestContext, policies: ServicePrincipalPolicies, permissions: readonly Permission[]): Promise<void> {
    const p = ctx.principal;
    for (const perm of permissions) {
      const decision = await policies.decide(ctx, perm);
      if (decision === 'allow') continue;
      const explicit = decision === 'explicitDeny';
      const shown = perm.shownAs ?? perm.resource;
      throw this.denied(explicit ? messages.explicitDenyResource(p.arn, perm.action, shown) : messages.noResourcePolicyAllows(p.arn, perm.action, shown));
    }
  }

  private refusal(p: Principal, perm: Permission, explicit: boolean): AwsError {
    if (perm.deniedMessage !== undefined) return this.denied(perm.deniedMessage);
    const shown = perm.shownAs ?? perm.resource;
    const message = explicit ? messages.explicitDenyIdentity(p.arn, perm.action, shown) : messages.noIdentityPolicyAllows(p.arn, perm.action, shown);
    return this.denied(message);
  }
}

function principalTagKeys(tags: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(tags)) out[`aws:PrincipalTag/${k}`] = v;
  return out;
}

function resourceTagKeys(tags: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(tags ?? {})) out[`aws:ResourceTag/${k}`] = v;
  return out;
}

/** `aws:RequestTag/…` and `aws:TagKeys` for a request that sets tags (or only `aws:TagKeys` for one removing them). */
export function requestTagKeys(tags: Readonly<Record<string, string>> | undefined, keys: readonly string[] = Object.keys(tags ?? {})): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(tags ?? {})) out[`aws:RequestTag/${k}`] = v;
  if (keys.length > 0) out['aws:TagKeys'] = [...keys];
  return out;
}

export interface AuthorizedTableOptions {
  /** The service's action prefix (`logs`), for operations the map forgot. */
  service: string;
  permissions: PermissionMap;
  authorizer: Authorizer;
}

/**
 * Wraps every operation of a table so that the request is authorized before the operation runs, as AWS authorizes
 * before the service looks at the request. An operation missing from the map (a test makes that a failure) still
 * gets checked, as `<service>:<Operation>` on `*`, so that an omission denies rather than allows. The account root
 * goes straight to the operation.
 */
export function withAuthorization(table: OperationTable, opts: AuthorizedTableOptions): OperationTable {
  const out: Record<string, OperationDef> = {};
  for (const [name, def] of Object.entries(table)) {
    const rule: PermissionRule = Object.hasOwn(opts.permissions, name)
      ? opts.permissions[name]!
      : () => [{ action: `${opts.service}:${name}`, resource: '*' }];
    out[name] = { ...def, handler: authorizedHandler(def, rule, opts.authorizer) };
  }
  return out;
}

function authorizedHandler(def: OperationDef, rule: PermissionRule, authorizer: Authorizer): OperationDef['handler'] {
  return (input, ctx) => {
    if (ctx.principal.type === 'root') return def.handler(input, ctx);
    const permissions = rule(input, ctx);
    // Nothing to check (GetCallerIdentity): the operation stays as synchronous as it was.
    if (!(permissions instanceof Promise) && permissions.length === 0) return def.handler(input, ctx);
    return Promise.resolve(permissions)
      .then((list) => authorizer.check(ctx, list))
      .then(() => def.handler(input, ctx));
  };
}
