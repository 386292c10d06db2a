/**
 * CloudWatch Logs' messages about subscription filters and destinations. "Recorded" ones were seen verbatim in
 * AWS's answers (SDK and CloudFormation output); "wording unknown" ones follow AWS's style.
 */
export const subscriptionMessages = {
  /** Recorded. */
  kinesisNeedsRole: 'destinationArn for vendor kinesis cannot be used without roleArn',
  /** Recorded (AWS's own spelling "steam" included). */
  testDeliveryFailed: 'Could not deliver test message to specified Kinesis stream. Check if the given kinesis steam is in ACTIVE state.',
  /** Recorded: the role may not use the stream's KMS key. */
  testDeliveryDestination: 'Could not deliver test message to specified destination. Check if the destination is valid.',
  /** Recorded. */
  limitExceeded: 'Resource limit exceeded.',
  /** Recorded. */
  filterNotFound: 'The specified subscription filter does not exist.',
  /** Wording unknown. */
  destinationNotFound: 'The specified destination does not exist.',
  /** Wording unknown. */
  crossAccountPassRole: 'Cross-account pass role is not allowed.',
  /** Wording unknown. */
  unsupportedDestination: (arn: string) =>
    `Destination ${arn} is not supported here: subscription filters deliver to Kinesis Data Streams and CloudWatch Logs destinations.`,
  /** Wording unknown. */
  destinationTarget: (arn: string) => `targetArn ${arn} is not a Kinesis stream of this account and region.`,
  /** Wording unknown. */
  notAllowedByDestinationPolicy: (account: string, arn: string) =>
    `The destination policy of ${arn} does not allow account ${account} to subscribe to it.`,
  /** Wording unknown. */
  invalidAccessPolicy: (reason: string) => `Invalid access policy: ${reason}`,
  /** Wording unknown. */
  unsupportedParameter: (name: string) => `${name} is not supported by this server.`,
  /** Wording unknown. */
  invalidNextToken: 'The specified nextToken is invalid.',
  /** AWS's control message (its exact text). */
  controlMessage: 'CWL CONTROL MESSAGE: Checking health of destination Kinesis stream.',
} as const;
