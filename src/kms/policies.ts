import { PolicyError, bindPrincipals, compilePolicy, parsePolicy, showPrincipals } from '../auth/policy/index.js';
import type { RequestContext } from '../common/operation.js';
import { MalformedPolicyDocumentException } from '../protocol/generated/kms.js';
import { baseConditionContext } from './authorize.js';
import type { KmsCore } from './core.js';
import { AccessDeniedException } from './errors.js';
import { messages } from './messages.js';
import type { KmsKey } from './model.js';

/** The key policy CreateKey gives a key when the request has none, formatted as KMS returns it. */
export function defaultKeyPolicy(accountId: string): string {
  return `{
  "Version" : "2012-10-17",
  "Id" : "key-default-1",
  "Statement" : [ {
    "Sid" : "Enable IAM User Permissions",
    "Effect" : "Allow",
    "Principal" : {
      "AWS" : "arn:aws:iam::${accountId}:root"
    },
    "Action" : "kms:*",
    "Resource" : "*"
  } ]
}`;
}

/**
 * Validates a key policy for CreateKey/PutKeyPolicy/ReplicateKey: grammar (duplicate JSON keys included), principals
 * that exist, and (unless bypassed) the lockout safety check — "the principal making the request must be able to
 * PutKeyPolicy under the new policy": the new key policy and the caller's own identity policies are evaluated
 * together, as a later PutKeyPolicy request would be. Returns the bindings of its IAM users and roles to their unique
 * ids, to store with the policy.
 */
export async function checkKeyPolicy(
  core: KmsCore,
  text: string,
  key: KmsKey,
  ctx: RequestContext,
  opts: { bypassLockoutCheck: boolean },
): Promise<Record<string, string>> {
  let policy;
  try {
    policy = parsePolicy(text, { kind: 'resource', principalExists: core.principalExists, missingActionOrResource: 'ineffective' });
  } catch (e) {
    if (e instanceof PolicyError) throw new MalformedPolicyDocumentException(e.message);
    throw e;
  }
  const bindings = bindPrincipals(policy, (arn) => core.principals.idOf(arn));
  if (opts.bypassLockoutCheck) return bindings;
  const compiled = compilePolicy(policy, { principalIds: (arn) => bindings[arn] });
  const context = baseConditionContext(ctx, key);
  context['kms:BypassPolicyLockoutSafetyCheck'] = false;
  try {
    await core.authorizer.decide(compiled, { ctx, key, action: 'kms:PutKeyPolicy', context });
  } catch (e) {
    if (e instanceof AccessDeniedException) throw new MalformedPolicyDocumentException(messages.policyLockout);
    throw e;
  }
  return bindings;
}

/** The key policy as GetKeyPolicy shows it: a deleted principal by its unique id, a renamed user by its new ARN. */
export function shownKeyPolicy(core: KmsCore, key: KmsKey): string {
  return showPrincipals(key.policy, key.policyPrincipals, (id) => core.principals.arnOf(id));
}
