import { PolicyError, compilePolicy, evaluate, parsePolicy } from '../auth/policy/index.js';
import type { RequestContext } from '../common/operation.js';
import { MalformedPolicyDocumentException } from '../protocol/generated/kms.js';
import { baseConditionContext, policyPrincipal } from './authorize.js';
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
 * Validates a key policy for CreateKey/PutKeyPolicy: grammar, principals that exist, and (unless bypassed) the
 * lockout safety check — the caller must still be allowed `kms:PutKeyPolicy` by the new policy.
 */
export function checkKeyPolicy(
  text: string,
  key: KmsKey,
  ctx: RequestContext,
  opts: { bypassLockoutCheck: boolean; principalExists: (arn: string) => boolean },
): void {
  let compiled;
  try {
    compiled = compilePolicy(parsePolicy(text, { kind: 'resource', principalExists: opts.principalExists, missingActionOrResource: 'ineffective' }));
  } catch (e) {
    if (e instanceof PolicyError) throw new MalformedPolicyDocumentException(e.message);
    throw e;
  }
  if (opts.bypassLockoutCheck) return;
  const ev = evaluate(compiled, {
    principal: policyPrincipal(ctx.principal),
    action: 'kms:PutKeyPolicy',
    resource: key.arn,
    context: baseConditionContext(ctx, key) as never,
  });
  // Delegation to the caller's account counts: its IAM policies can then allow the caller.
  const allowed = !ev.explicitDeny && (ev.allowed || ev.allowedViaAccount);
  if (!allowed) throw new MalformedPolicyDocumentException(messages.policyLockout);
}
