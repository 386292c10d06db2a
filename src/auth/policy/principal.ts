import { isIamEntityArn, type PrincipalIds } from './bindings.js';
import type { PrincipalSpec, RequestPrincipal } from './types.js';

/**
 * How a request's principal relates to a `Principal` element:
 *  - `direct`: the element names the caller itself (its ARN, its role for a role session, `*`, or — for the root
 *    user — its account);
 *  - `account`: the element names only the caller's account (account id or `:root` ARN). In a resource policy this
 *    trusts the account, which then decides through its own IAM policies (KMS: "enable IAM policies").
 */
export type PrincipalMatch = 'direct' | 'account' | null;

export interface CompiledPrincipal {
  wildcard: boolean;
  accounts: ReadonlySet<string>;
  /** ARNs matched as written (all of them without bindings; with bindings, STS session ARNs only). */
  arns: ReadonlySet<string>;
  /** Unique ids (`AIDA…`, `AROA…`) of the IAM users and roles named, when the policy was compiled with bindings. */
  ids: ReadonlySet<string>;
  /** Service principal names, lowercased (they are DNS names). */
  services: ReadonlySet<string>;
}

/**
 * `ids`: when given, IAM user and role ARNs match by the unique id it returns for them (an ARN without one, a
 * principal deleted since, matches nobody); without it they match by ARN.
 */
export function compilePrincipal(spec: PrincipalSpec, ids?: PrincipalIds): CompiledPrincipal {
  const arns = new Set<string>();
  const bound = new Set<string>();
  for (const arn of spec.arns) {
    if (!ids || !isIamEntityArn(arn)) {
      arns.add(arn);
      continue;
    }
    const id = ids(arn);
    if (id !== undefined) bound.add(id);
  }
  return { wildcard: spec.wildcard, accounts: new Set(spec.accounts), arns, ids: bound, services: new Set(spec.services.map((s) => s.toLowerCase())) };
}

const ARN_ACCOUNT = /^arn:[^:]+:(?:iam|sts)::(\d{12}):/;
const ROOT = /^arn:[^:]+:iam::(\d{12}):root$/;

export function accountOf(p: RequestPrincipal): string | undefined {
  return p.accountId ?? ARN_ACCOUNT.exec(p.arn)?.[1];
}

/** Matching for `Principal`. */
export function matchPrincipal(c: CompiledPrincipal, p: RequestPrincipal): PrincipalMatch {
  // "*" and {"AWS": "*"} are equivalent and name everyone, service principals included.
  if (c.wildcard) return 'direct';
  if (p.type === 'Service') return c.services.has(p.arn.toLowerCase()) ? 'direct' : null;
  if (c.arns.has(p.arn)) return 'direct';
  if (p.roleArn !== undefined && c.arns.has(p.roleArn)) return 'direct';
  if (c.ids.size > 0) {
    if (p.userId !== undefined && c.ids.has(p.userId)) return 'direct';
    if (p.roleId !== undefined && c.ids.has(p.roleId)) return 'direct';
  }
  const account = accountOf(p);
  if (account !== undefined && c.accounts.has(account)) {
    const root = ROOT.exec(p.arn);
    return root && root[1] === account ? 'direct' : 'account';
  }
  return null;
}

/**
 * Matching for `NotPrincipal`: the statement applies to everyone the element does not name. Only the exact entity
 * is exempted: a role ARN does not exempt its sessions and an account does not exempt its users (the IAM user guide
 * asks to list the session ARN and the user ARN for that reason).
 */
export function matchNotPrincipal(c: CompiledPrincipal, p: RequestPrincipal): PrincipalMatch {
  if (c.wildcard) return null;
  if (p.type === 'Service') return c.services.has(p.arn.toLowerCase()) ? null : 'direct';
  if (c.arns.has(p.arn)) return null;
  if (p.userId !== undefined && c.ids.has(p.userId)) return null;
  const root = ROOT.exec(p.arn);
  if (root && c.accounts.has(root[1]!)) return null;
  return 'direct';
}
