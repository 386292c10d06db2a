/**
 * AWS's wording for a request that IAM authorization refuses, shared by every service that `src/auth/authorize.ts`
 * authorizes (CloudWatch Logs, IAM, STS). Copied from real responses, e.g. "User: arn:aws:iam::123456789012:user/x is
 * not authorized to perform: logs:DescribeLogGroups on resource: arn:aws:logs:us-east-1:123456789012:log-group::log-stream:
 * because no identity-based policy allows the logs:DescribeLogGroups action" (CloudWatch Logs, AWS SDK for Java
 * error reports) and the same with "with an explicit deny in an identity-based policy". Tests assert these exact
 * strings. KMS's messages (src/kms/messages.ts) reuse these two beside their key-policy forms.
 */
export const messages = {
  /** No identity-based policy of the caller allows the action on the resource. */
  noIdentityPolicyAllows: (principalArn: string, action: string, resource: string) =>
    `User: ${principalArn} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`,
  /** A Deny statement of one of the caller's identity-based policies matched. */
  explicitDenyIdentity: (principalArn: string, action: string, resource: string) =>
    `User: ${principalArn} is not authorized to perform: ${action} on resource: ${resource} with an explicit deny in an identity-based policy`,
  /**
   * A caller decided by resource-based policies alone (an AWS service principal writing to a log group through
   * CloudWatch Logs resource policies): none allows the action. IAM user guide, "Access denied error messages".
   */
  noResourcePolicyAllows: (principalArn: string, action: string, resource: string) =>
    `User: ${principalArn} is not authorized to perform: ${action} on resource: ${resource} because no resource-based policy allows the ${action} action`,
  /** A Deny statement of a resource-based policy matched. */
  explicitDenyResource: (principalArn: string, action: string, resource: string) =>
    `User: ${principalArn} is not authorized to perform: ${action} on resource: ${resource} with an explicit deny in a resource-based policy`,
} as const;
