/**
 * CloudWatch Logs resource policy documents: the IAM policy language (src/auth/policy), read as AWS reads them for
 * PutResourcePolicy. Every statement needs a principal (they are resource policies); a Resource need not be an ARN
 * (AWS stores `"Resource": "log_arn"`, which then matches nothing); any `logs:` action is accepted, though only
 * `logs:CreateLogStream` and `logs:PutLogEvents` are ever decided by these policies.
 */
import { PolicyError, compilePolicy, parsePolicy, type CompiledPolicy } from '../../auth/policy/index.js';
import { InvalidParameterException } from '../../protocol/generated/logs.js';
import { messages } from '../messages.js';

/** AWS's limits: 10 account policies per account and region of up to 5,120 characters; a group's up to 51,200 (the model). */
export const MAX_ACCOUNT_POLICIES = 10;
export const MAX_ACCOUNT_POLICY_CHARS = 5120;

/** The compiled document, or AWS's InvalidParameterException for a document it would not store. */
export function compileResourcePolicy(document: string): CompiledPolicy {
  try {
    return compilePolicy(parsePolicy(document, { kind: 'resource', anyResource: true }));
  } catch (err) {
    if (err instanceof PolicyError) throw new InvalidParameterException(messages.resourcePolicyNotPersistable);
    throw err;
  }
}
