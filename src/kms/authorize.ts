import type { Principal } from '../auth/identity.js';
import { compilePolicy, evaluate, parsePolicy, CompiledPolicyCache, type CompiledPolicy, type ConditionContext } from '../auth/policy/index.js';
import type { RequestContext } from '../common/operation.js';
import { globalConditionContext, requestPrincipal } from '../auth/conditionContext.js';
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

/** Adds `kms:EncryptionContext:<k>` and `kms:EncryptionContextKeys` for an operation's encryption context. */
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

  constructor(private readonly identities: IdentityPolicySource = noIdentityPolicies) {}

  compiledKeyPolicy(key: KmsKey): CompiledPolicy {
    return this.cache.get(key.arn, key.policyVersion, () =>
      compilePolicy(parsePolicy(key.policy, { kind: 'resource', missingActionOrResource: 'ineffective' })),
    );
  }

  forget(key: KmsKey): void {
    this.cache.forget(key.arn);
  }

  async authorize(r: AuthorizeRequest): Promise<void> {
    const { ctx, key, action } = r;
    const principal = ctx.principal;
    const req = { principal: policyPrincipal(principal), action, resource: key.arn, context: r.context as ConditionContext };
    const kp = evaluate(this.compiledKeyPolicy(key), req);
    if (kp.explicitDeny) throw new AccessDeniedException(messages.explicitDenyResource(principal.arn, action, key.arn));

    let identityAllows = principal.type === 'root';
    if (principal.type === 'user' || principal.type === 'assumed-role') {
      for (const pol of await this.identities.policiesFor(principal)) {
        const ev = evaluate(pol, req);
        if (ev.explicitDeny) throw new AccessDeniedException(messages.explicitDenyIdentity(principal.arn, action, key.arn));
        if (ev.allowed) identityAllows = true;
      }
    }

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

/** Whether one of the key's grants lets the principal perform the operation with this encryption context. */
export function grantAllows(grants: readonly GrantRecord[], principal: Principal, operation: string, ec: Record<string, string> | undefined): boolean {
  const names = new Set([principal.arn]);
  if (principal.type === 'assumed-role' && principal.name) names.add(principal.roleArn ?? `arn:aws:iam::${principal.accountId}:role/${principal.name}`);
  for (const g of grants) {
    if (!names.has(g.granteePrincipal)) continue;
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
 */
function constraintsHold(g: GrantRecord, operation: string, ec: Record<string, string> | undefined): boolean {
  const c = g.constraints;
  if (!c || UNCONSTRAINED_GRANT_OPERATIONS.has(operation)) return true;
  const actual = new Map(Object.entries(ec ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const includes = (want: Record<string, string>) => Object.entries(want).every(([k, v]) => actual.get(k.toLowerCase()) === v);
  if (c.encryptionContextEquals) {
    const want = c.encryptionContextEquals;
    if (Object.keys(want).length !== actual.size || !includes(want)) return false;
  }
  if (c.encryptionContextSubset && !includes(c.encryptionContextSubset)) return false;
  return true;
}
