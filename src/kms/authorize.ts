import type { Principal } from '../auth/identity.js';
import { compilePolicy, evaluateCached, parsePolicy, CompiledPolicyCache, type CompiledPolicy, type ConditionContext, type Evaluation, type PolicyRequest } from '../auth/policy/index.js';
import { andThen, type MaybePromise } from '../common/maybePromise.js';
import type { RequestContext } from '../common/operation.js';
import { globalConditionContext, requestPrincipal, sessionRoleId } from '../auth/conditionContext.js';
import { AccessDeniedException } from './errors.js';
import { messages } from './messages.js';
import type { GrantRecord, KmsKey } from './model.js';

/**
 * Identity-based policies of a principal (IAM users and roles). The account root needs none: within its own account
 * it may do anything a key policy delegates to the account.
 */
export interface IdentityPolicySource {
  policiesFor(principal: Principal): CompiledPolicy[] | Promise<CompiledPolicy[]>;
}

export const noIdentityPolicies: IdentityPolicySource = { policiesFor: () => [] };

/** IAM users and roles by ARN and unique id (IAM's principal index), to bind policies and grants to ids. */
export interface PrincipalDirectory {
  /** The unique id (`AIDA…`, `AROA…`) of the user or role an ARN names now. */
  idOf(arn: string): string | undefined;
  /** The current ARN of a user or role by unique id; undefined once it is deleted. */
  arnOf(id: string): string | undefined;
}

export const noPrincipals: PrincipalDirectory = { idOf: () => undefined, arnOf: () => undefined };

/** The principal as key policies match it (a role session also matches its role). */
export const policyPrincipal = requestPrincipal;

/** The global and KMS condition keys every KMS request carries; operations add their own. */
export function baseConditionContext(ctx: RequestContext, key: KmsKey): Record<string, unknown> {
  const c = globalConditionContext(ctx);
  c['kms:CallerAccount'] = ctx.principal.accountId;
  c['kms:KeySpec'] = key.keySpec;
  c['kms:KeyUsage'] = key.keyUsage;
  c['kms:KeyOrigin'] = key.origin;
  c['kms:KeyManager'] = key.keyManager;
  c['kms:MultiRegion'] = key.multiRegion !== undefined;
  if (ctx.viaService) c['kms:ViaService'] = ctx.viaService;
  if (key.multiRegion) c['kms:MultiRegionKeyType'] = key.multiRegion.type;
  if (key.aliases?.length) c['kms:ResourceAliases'] = [...key.aliases];
  for (const t of key.tags) c[`aws:ResourceTag/${t.key}`] = t.value;
  return c;
}

/**
 * Adds `kms:EncryptionContext:<k>` and `kms:EncryptionContextKeys` for an operation's encryption context. Pairs whose
 * keys differ only by case become separate entries; since condition key names are case-insensitive, the policy
 * engine reads them together as one multivalued key (src/auth/policy/context.ts).
 */
export function addEncryptionContext(c: Record<string, unknown>, ec: Record<string, string> | undefined): void {
  const keys = ec ? Object.keys(ec) : [];
  c['kms:EncryptionContextKeys'] = keys;
  if (ec) for (const k of keys) c[`kms:EncryptionContext:${k}`] = ec[k];
}

export interface AuthorizeRequest {
  ctx: RequestContext;
  key: KmsKey;
  /** `kms:Decrypt` */
  action: string;
  context: Record<string, unknown>;
  /** The grant operation name for grant-based access (`Decrypt`), when grants can allow this action. */
  grantOperation?: string;
  /** The encryption context of the request, to check grant constraints. */
  encryptionContext?: Record<string, string>;
  /** The key's grants, when grants can allow this action (loaded by the caller). */
  grants?: readonly GrantRecord[];
}

/**
 * KMS's authorization: an explicit deny anywhere wins; otherwise the key policy must allow the principal, or allow
 * its account (root delegation) with the principal's identity policies allowing it too (the root needs none in its
 * own account); or a grant for the principal must allow the operation.
 */
export class KmsAuthorizer {
  private readonly cache = new CompiledPolicyCache();
  private readonly byKeyObject = new WeakMap<KmsKey, { arn: string; policy: string; version: number; bindings: KmsKey['policyPrincipals']; compiled: CompiledPolicy }>();

  constructor(
    private readonly identities: IdentityPolicySource = noIdentityPolicies,
    private readonly principals: PrincipalDirectory = noPrincipals,
  ) {}

  /**
   * The key policy compiled once per policy version, its IAM users and roles matched by the unique ids they were
   * bound to when the policy was stored. (A key stored before bindings existed binds to the principals of that name
   * when first compiled.)
   */
  compiledKeyPolicy(key: KmsKey): CompiledPolicy {
    // The key document is one object for as long as it is cached (KmsCore): remembering its compiled policy on it
    // spares the (owner, version) string and the LRU update of every request. Checked against the fields it was
    // compiled from, in case the object is changed in place.
    const seen = this.byKeyObject.get(key);
    if (seen && seen.policy === key.policy && seen.version === key.policyVersion && seen.bindings === key.policyPrincipals && seen.arn === key.arn) {
      return seen.compiled;
    }
    const compiled = this.compiledByVersion(key);
    this.byKeyObject.set(key, { arn: key.arn, policy: key.policy, version: key.policyVersion, bindings: key.policyPrincipals, compiled });
    return compiled;
  }

  private compiledByVersion(key: KmsKey): CompiledPolicy {
    return this.cache.get(key.arn, key.policyVersion, () => {
      const bindings = key.policyPrincipals;
      const principalIds = bindings ? (arn: string) => bindings[arn] : (arn: string) => this.principals.idOf(arn);
      return compilePolicy(parsePolicy(key.policy, { kind: 'resource', missingActionOrResource: 'ineffective' }), { principalIds });
    });
  }

  forget(key: KmsKey): void {
    this.cache.forget(key.arn);
  }

  /** Synchronous (no promise) unless the caller's identity policies have to be loaded. */
  authorize(r: AuthorizeRequest): MaybePromise<void> {
    return this.decide(this.compiledKeyPolicy(r.key), r);
  }

  /**
   * The decision for a request under a given key policy (the key's own, or for the lockout check, the policy about
   * to replace it). Policy evaluations are answered from the decision cache (decisionCache.ts) when the same inputs
   * were decided before; grants are checked afresh every time.
   */
  decide(keyPolicy: CompiledPolicy, r: AuthorizeRequest): MaybePromise<void> {
    const { ctx, key, action } = r;
    const principal = ctx.principal;
    const req: PolicyRequest = { principal: policyPrincipal(principal), action, resource: key.arn, context: r.context as ConditionContext };
    const kp = evaluateCached(keyPolicy, req);
    if (kp.explicitDeny) throw new AccessDeniedException(messages.explicitDenyResource(principal.arn, action, key.arn));
    if (principal.type === 'user' || principal.type === 'assumed-role') {
      return andThen(this.identities.policiesFor(principal), (policies) => {
        let identityAllows = false;
        for (const pol of policies) {
          const ev = evaluateCached(pol, req);
          if (ev.explicitDeny) throw new AccessDeniedException(messages.explicitDenyIdentity(principal.arn, action, key.arn));
          if (ev.allowed) identityAllows = true;
        }
        this.conclude(r, kp, identityAllows);
      });
    }
    this.conclude(r, kp, principal.type === 'root');
  }

  private conclude(r: AuthorizeRequest, kp: Evaluation, identityAllows: boolean): void {
    const { ctx, key, action } = r;
    const principal = ctx.principal;
    const sameAccount = principal.accountId === key.accountId;
    if (kp.allowed) {
      // A key policy naming the principal is enough in its own account; across accounts IAM must allow it too.
      if (sameAccount || principal.type === 'service' || identityAllows) return;
    } else if (kp.allowedViaAccount && identityAllows) {
      return;
    }
    if (r.grantOperation && r.grants && grantAllows(r.grants, principal, r.grantOperation, r.encryptionContext)) return;

    if (kp.allowed || kp.allowedViaAccount) {
      throw new AccessDeniedException(messages.noIdentityPolicyAllows(principal.arn, action, key.arn));
    }
    throw new AccessDeniedException(messages.noResourcePolicyAllows(principal.arn, action, key.arn));
  }
}

/**
 * Whether a grant's grantee (or retiring principal) is the caller. A grant naming an IAM user or role was bound to
 * its unique id when it was created, so a principal re-created under the same name is not its grantee; accounts,
 * role sessions and services are named by ARN.
 */
export function isGrantPrincipal(p: Principal, arn: string, id: string | undefined): boolean {
  if (id !== undefined) return (p.type === 'user' && p.userId === id) || (p.type === 'assumed-role' && sessionRoleId(p) === id);
  if (arn === p.arn) return true;
  return p.type === 'assumed-role' && p.name !== undefined && arn === (p.roleArn ?? `arn:aws:iam::${p.accountId}:role/${p.name}`);
}

/** Whether one of the key's grants lets the principal perform the operation with this encryption context. */
export function grantAllows(grants: readonly GrantRecord[], principal: Principal, operation: string, ec: Record<string, string> | undefined): boolean {
  for (const g of grants) {
    if (!isGrantPrincipal(principal, g.granteePrincipal, g.granteePrincipalId)) continue;
    if (!g.operations.includes(operation)) continue;
    if (!constraintsHold(g, operation, ec)) continue;
    return true;
  }
  return false;
}

/**
 * Grant operations without an encryption context: KMS documents that a grant's encryption-context constraints do not
 * apply to them (CreateGrant through a grant is checked against the parent grant by CreateGrant itself).
 */
const UNCONSTRAINED_GRANT_OPERATIONS: ReadonlySet<string> = new Set(['DescribeKey', 'RetireGrant']);

/**
 * KMS documents that in a grant constraint "the key in each key-value pair is not case sensitive, but the value is
 * case sensitive" (API reference, GrantConstraints), unlike the encryption context of the cryptographic operation.
 * An encryption context is an unordered map, and pairs whose keys differ only by case are each a pair of their own:
 * they are compared as multisets of (key without case, value), never folded into one map where the last pair wins.
 * `EncryptionContextEquals` holds when both sides have exactly the same pairs; `EncryptionContextSubset` when every
 * pair of the constraint is among the request's.
 */
function constraintsHold(g: GrantRecord, operation: string, ec: Record<string, string> | undefined): boolean {
  const c = g.constraints;
  if (!c || UNCONSTRAINED_GRANT_OPERATIONS.has(operation)) return true;
  if (c.encryptionContextEquals && !contextEquals(c.encryptionContextEquals, ec ?? {})) return false;
  if (c.encryptionContextSubset && !contextIncludes(ec ?? {}, c.encryptionContextSubset)) return false;
  return true;
}

/** The pairs of an encryption context as grant constraints compare them: key without case, value exactly. */
function constraintPairs(m: Readonly<Record<string, string>>): string[] {
  return Object.entries(m).map(([k, v]) => `${k.toLowerCase()}\u0000${v}`);
}

/** Whether `outer` has every pair of `inner` (as many times as `inner` has it), in the grant-constraint sense. */
export function contextIncludes(outer: Readonly<Record<string, string>>, inner: Readonly<Record<string, string>>): boolean {
  const counts = new Map<string, number>();
  for (const p of constraintPairs(outer)) counts.set(p, (counts.get(p) ?? 0) + 1);
  for (const p of constraintPairs(inner)) {
    const n = counts.get(p) ?? 0;
    if (n === 0) return false;
    counts.set(p, n - 1);
  }
  return true;
}

/** Whether two encryption contexts have exactly the same pairs, in the grant-constraint sense. */
export function contextEquals(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  return Object.keys(a).length === Object.keys(b).length && contextIncludes(a, b);
}
