/**
 * AWS KMS's error messages, worded as AWS sends them. Tests assert these exact strings; add new ones here, never
 * inline in an operation.
 */
export const messages = {
  keyNotFound: (keyArn: string) => `Key '${keyArn}' does not exist`,
  invalidKeyId: (keyId: string) => `Invalid keyId '${keyId}'`,
  aliasNotFound: (aliasArn: string) => `Alias ${aliasArn} is not found.`,
  invalidArn: (arn: string) => `Invalid arn ${arn}`,
  disabled: (keyArn: string) => `${keyArn} is disabled.`,
  pendingDeletion: (keyArn: string) => `${keyArn} is pending deletion.`,
  notPendingDeletion: (keyArn: string) => `${keyArn} is not pending deletion.`,
  pendingImport: (keyArn: string) => `${keyArn} is pending import.`,
  unavailable: (keyArn: string) => `${keyArn} is unavailable.`,
  incorrectKey: 'The key ID in the request does not identify a CMK that can perform this operation.',
  /** Denied because neither the key policy nor a grant allows the principal. */
  noResourcePolicyAllows: (principalArn: string, action: string, resource: string) =>
    `User: ${principalArn} is not authorized to perform: ${action} on resource: ${resource} because no resource-based policy allows the ${action} action`,
  /** Denied because the key policy delegates to IAM and no identity policy allows it. */
  noIdentityPolicyAllows: (principalArn: string, action: string, resource: string) =>
    `User: ${principalArn} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`,
  explicitDenyResource: (principalArn: string, action: string, resource: string) =>
    `User: ${principalArn} is not authorized to perform: ${action} on resource: ${resource} with an explicit deny in a resource-based policy`,
  explicitDenyIdentity: (principalArn: string, action: string, resource: string) =>
    `User: ${principalArn} is not authorized to perform: ${action} on resource: ${resource} with an explicit deny in an identity-based policy`,
  /** MalformedPolicyDocumentException for a policy that would lock the caller out. */
  policyLockout: 'The new key policy will not allow you to update the key policy in the future.',
  invalidPrincipals: 'Policy contains a statement with one or more invalid principals.',
  bothKeySpecs: 'You cannot specify KeySpec and CustomerMasterKeySpec in the same request. CustomerMasterKeySpec is deprecated.',
  customKeyStoresUnsupported: 'Custom key stores are not supported by this endpoint.',
  keySpecUnsupported: (spec: string) => `KeySpec ${spec} is not supported by this endpoint.`,
  keyUsageIncompatible: (usage: string, spec: string) => `KeyUsage ${usage} is not compatible with KeySpec ${spec}`,
  keyUsageRequired: (spec: string) => `You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys. KeySpec: ${spec}`,
  reservedTagKey: 'Tag keys beginning with aws: are reserved.',
  keyUsageMissing: 'You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.',
  tagsReserved: 'Tags beginning with aws: are reserved',
  duplicateTagKeys: 'Duplicate tag keys',
  tooManyTags: 'Too many tags',
  /** ScheduleKeyDeletion: the model allows 1-365, KMS itself 7-30. */
  pendingWindowTooShort: (days: number) =>
    `1 validation error detected: Value '${days}' at 'pendingWindowInDays' failed to satisfy constraint: Member must have value greater than or equal to 7`,
  pendingWindowTooLong: (days: number) =>
    `1 validation error detected: Value '${days}' at 'pendingWindowInDays' failed to satisfy constraint: Member must have value less than or equal to 30`,
  aliasPrefix: 'Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html',
  aliasInvalidCharacters: (aliasName: string) => `${aliasName} contains invalid characters for an alias`,
  aliasExists: (aliasArn: string) => `An alias with the name ${aliasArn} already exists`,
  aliasTargetIsAlias: 'Aliases must refer to keys. Not aliases',
  aliasTargetMismatch: (aliasName: string) =>
    `${aliasName} must be associated with a KMS key of the same type and key usage as its current KMS key.`,
  originNotValid: (keyArn: string, origin: string) => `${keyArn} origin is ${origin} which is not valid for this operation.`,
  keySpecNotValid: (keyArn: string, spec: string) => `${keyArn} key spec is ${spec} which is not valid for this operation.`,
  onDemandRotationLimit: (keyArn: string) =>
    `The on-demand rotations limit has been reached for the given keyId. No more on-demand rotations can be performed for this key: ${keyArn}`,
  replicaRotation: (keyArn: string) => `${keyArn} is a multi-Region replica key. Manage its rotation on the primary key.`,
  noSuchPolicy: 'No such policy exists',
  policyTooLarge: 'The key policy exceeds the maximum size of 32768 bytes.',
  notMultiRegion: (keyArn: string) => `${keyArn} is not a multi-Region key.`,
  notPrimaryKey: (keyArn: string) => `${keyArn} is not a multi-Region primary key.`,
  replicaRegionIsPrimary: (region: string) => `The primary key is already in region ${region}.`,
  replicaExists: (keyArn: string) => `Replica key ${keyArn} already exists.`,
  noReplicaInRegion: (region: string) => `The multi-Region key has no replica key in region ${region}.`,
  invalidMarker: 'Invalid marker',
  // -- lifecycle messages: add above this line --
  // -- crypto, import and grant messages: add above this line --
};
