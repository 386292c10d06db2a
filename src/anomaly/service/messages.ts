/**
 * Error messages of the anomaly detection operations. AWS's recorded answers for these operations were not found
 * (LocalStack and moto have no snapshots of them), so they follow the wording of the CloudWatch Logs messages that
 * were recorded ("The specified log group does not exist.", "… are mutually exclusive parameters.") and say
 * exactly what is wrong. Tests assert these exact strings; add new ones here, never inline in an operation.
 */

export const messages = {
  /** The model's documentation of OperationAbortedException. */
  concurrentUpdate: 'Multiple concurrent requests to update the same resource were in conflict.',
  detectorNotFound: 'The specified anomaly detector does not exist.',
  anomalyNotFound: 'The specified anomaly does not exist.',
  patternNotFound: 'The specified pattern does not exist.',
  /** The model says "You can specify only one log group ARN." */
  oneLogGroup: (count: number) => `logGroupArnList must contain exactly one log group ARN; it contains ${count}.`,
  invalidLogGroupArn: (arn: string) => `Invalid log group ARN: ${arn}`,
  anomalyAndPatternExclusive: 'anomalyId and patternId are mutually exclusive parameters.',
  anomalyOrPatternRequired: 'Either anomalyId or patternId must be specified.',
  /** UpdateAnomaly documents that LIMITED needs a period; INFINITE ignores it. */
  limitedNeedsPeriod: 'A LIMITED suppression needs a suppressionPeriod with a value and a suppressionUnit.',
  suppressionPeriodPositive: (value: number) => `The suppressionPeriod value must be greater than 0; it is ${value}.`,

  // --- the detector's KMS key ----------------------------------------------------------------------------------

  /** CreateLogAnomalyDetector, when KMS denies CloudWatch Logs the key for this detector (policy, grants). */
  kmsKeyNotAllowed: (keyArn: string, detectorArn: string) =>
    `The specified KMS key ${keyArn} does not exist or is not allowed to be used with anomaly detector '${detectorArn}'`,
  kmsKeyNotFound: (keyArn: string, detectorArn: string) =>
    `The specified KMS key ${keyArn} could not be found; it cannot be used with anomaly detector '${detectorArn}'.`,
  /** The key exists but KMS refuses it (disabled, pending deletion, …); `cause` is KMS's own message. */
  kmsKeyUnusable: (keyArn: string, detectorArn: string, cause: string) =>
    `The specified KMS key ${keyArn} cannot be used with anomaly detector '${detectorArn}': ${cause}`,
  kmsKeyNotSymmetric: (keyArn: string, keySpec: string, keyUsage: string, detectorArn: string) =>
    `CloudWatch Logs supports only symmetric encryption KMS keys; ${keyArn} has key spec ${keySpec} and key usage ${keyUsage} and cannot be used with anomaly detector '${detectorArn}'.`,
  /** Reading or updating a detector whose key KMS no longer lets CloudWatch Logs use. */
  kmsKeyUnavailable: (keyArn: string, detectorArn: string, cause: string) =>
    `The KMS key ${keyArn} that encrypts the data of anomaly detector '${detectorArn}' cannot be used: ${cause}`,
};
