/**
 * AWS STS's error messages, worded as STS sends them (LocalStack's recorded snapshots
 * `tests/aws/services/sts/test_sts.snapshot.json`, and real responses quoted in error reports). Tests assert these
 * exact strings; add new ones here, never inline in an operation.
 */
export const messages = {
  invalidArn: (arn: string) => `${arn} is invalid`,
  notAuthorized: (callerArn: string, action: string, resource: string) =>
    `User: ${callerArn} is not authorized to perform: ${action} on resource: ${resource}`,
  durationExceedsMax: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
  durationExceedsChaining: 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
  sessionCredentials: 'Cannot call GetSessionToken with session credentials',
  /** logseal's own: session policies, session tags, MFA and source identity are not implemented. */
  unsupported: (parameter: string) => `${parameter} is not supported by this endpoint.`,
} as const;
