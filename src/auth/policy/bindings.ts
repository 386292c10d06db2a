/**
 * Principals by unique id. IAM and KMS resolve the IAM user and role ARNs of a resource policy's `Principal` element
 * to the principals' unique ids (`AIDA…`, `AROA…`) when the policy is stored, and match requests on those ids, so that
 * a user or role deleted and re-created under the same name is not the principal the policy named. While the
 * principal exists the policy still reads with its ARN; once it is deleted, the id shows in its place (IAM user
 * guide, "IAM identifiers": unique identifiers; role trust policy examples). Here the document is kept as written
 * and the bindings (ARN as written → id) are kept beside it.
 */
import { parseStrictJson, type Json } from './json.js';
import type { Policy } from './types.js';

/** The unique id an IAM user or role ARN names now, or undefined when no such principal exists. */
export type PrincipalIds = (arn: string) => string | undefined;

const IAM_ENTITY_ARN = /^arn:[^:]+:iam::\d{12}:(?:user|role)\//;

/** IAM user and role ARNs are bound to ids; accounts, `:root`, STS session ARNs and services are not. */
export function isIamEntityArn(arn: string): boolean {
  return IAM_ENTITY_ARN.test(arn);
}

/** The bindings to store with a resource policy: each IAM user or role ARN its principals name, to its unique id. */
export function bindPrincipals(policy: Policy, idOf: PrincipalIds): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of policy.statements) {
    for (const arn of (s.principal ?? s.notPrincipal)?.arns ?? []) {
      if (!isIamEntityArn(arn)) continue;
      const id = idOf(arn);
      if (id !== undefined) out[arn] = id;
    }
  }
  return out;
}

/**
 * The policy as a reader sees it: each bound principal by its current ARN, or by its unique id once it no longer
 * exists. Unchanged text (formatting included) when every bound principal still has the ARN it was written with.
 */
export function showPrincipals(text: string, bindings: Readonly<Record<string, string>> | undefined, arnOf: (id: string) => string | undefined): string {
  if (!bindings) return text;
  const shown = new Map<string, string>();
  for (const [arn, id] of Object.entries(bindings)) {
    const now = arnOf(id) ?? id;
    if (now !== arn) shown.set(arn, now);
  }
  if (shown.size === 0) return text;
  const doc = parseStrictJson(text);
  const rewrite = (v: Json): Json => (typeof v === 'string' ? (shown.get(v) ?? v) : Array.isArray(v) ? v.map(rewrite) : v);
  const statements = isObject(doc) ? doc['Statement'] : undefined;
  for (const st of Array.isArray(statements) ? statements : [statements]) {
    if (!isObject(st)) continue;
    for (const element of ['Principal', 'NotPrincipal']) {
      const p = st[element];
      if (isObject(p) && p['AWS'] !== undefined) p['AWS'] = rewrite(p['AWS']);
    }
  }
  return JSON.stringify(doc, null, 2);
}

function isObject(v: unknown): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
