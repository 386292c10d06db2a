import { AwsError } from '../../protocol/errors.js';

/**
 * Reasons a policy document is refused, worded as AWS words them. KMS's wording is used where KMS has its own
 * (principals); elsewhere IAM's MalformedPolicyDocument wording, which KMS shares for the common grammar.
 */
export const PolicyReason = {
  syntax: 'Syntax errors in policy.',
  legacyParsing: 'The policy failed legacy parsing',
  noPrincipal: 'Policy contains a statement with no principal.',
  invalidPrincipals: 'Policy contains a statement with one or more invalid principals.',
  principalNotAllowed: 'Policy document should not specify a principal.',
  duplicateSid: 'Statement IDs (SID) in a single policy must be unique.',
  noActions: 'Policy statement must contain actions.',
  noResources: 'Policy statement must contain resources.',
  actionVendor: 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.',
  actionColons: 'Actions/Condition can contain only one colon.',
  vendorInvalid: (vendor: string): string => `Vendor ${vendor} is not valid`,
  resourceFormat: (resource: string): string => `Resource ${resource} must be in ARN format or "*".`,
} as const;

/** A policy document that AWS would refuse. `message` is the reason a client sees. */
export class PolicyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PolicyError';
  }

  /** The error a client sees: KMS uses `MalformedPolicyDocumentException`, IAM `MalformedPolicyDocument`. */
  toAwsError(code = 'MalformedPolicyDocumentException'): AwsError {
    return new AwsError(code, this.message, { status: 400 });
  }
}
