import { messages as authMessages } from '../auth/messages.js';

/**
 * AWS KMS's error messages, worded as AWS sends them. Tests assert these exact strings; add new ones here, never
 * inline in an operation.
 */
export const messages = {
  keyNotFound: (keyArn: string) => `Key '${keyArn}' does not exist`,
  /** A KeyId of no known form, or an alias where the operation takes only keys: AWS prints the value unquoted. */
  invalidKeyId: (keyId: string) => `Invalid keyId ${keyId}`,
  aliasNotFound: (aliasArn: string) => `Alias ${aliasArn} is not found.`,
  /** A key or alias ARN of another region: AWS names only the ARN's region. */
  invalidArn: (region: string) => `Invalid arn ${region}`,
  disabled: (keyArn: string) => `${keyArn} is disabled.`,
  pendingDeletion: (keyArn: string) => `${keyArn} is pending deletion.`,
  notPendingDeletion: (keyArn: string) => `${keyArn} is not pending deletion.`,
  pendingImport: (keyArn: string) => `${keyArn} is pending import.`,
  unavailable: (keyArn: string) => `${keyArn} is unavailable.`,
  incorrectKey: 'The key ID in the request does not identify a CMK that can perform this operation.',
  /** Denied because neither the key policy nor a grant allows the principal. */
  noResourcePolicyAllows: (principalArn: string, action: string, resource: string) =>
    `User: ${principalArn} is not authorized to perform: ${action} on resource: ${resource} because no resource-based policy allows the ${action} action`,
  /** Denied because the key policy delegates to IAM and no identity policy allows it (IAM's shared wording). */
  noIdentityPolicyAllows: authMessages.noIdentityPolicyAllows,
  explicitDenyResource: (principalArn: string, action: string, resource: string) =>
    `User: ${principalArn} is not authorized to perform: ${action} on resource: ${resource} with an explicit deny in a resource-based policy`,
  explicitDenyIdentity: authMessages.explicitDenyIdentity,
  /** MalformedPolicyDocumentException for a policy that would lock the caller out. */
  policyLockout: 'The new key policy will not allow you to update the key policy in the future.',
  bothKeySpecs: 'You cannot specify KeySpec and CustomerMasterKeySpec in the same request. CustomerMasterKeySpec is deprecated.',
  customKeyStoresUnsupported: 'Custom key stores are not supported by this endpoint.',
  keySpecUnsupported: (spec: string) => `KeySpec ${spec} is not supported by this endpoint.`,
  keyUsageIncompatible: (usage: string, spec: string) => `KeyUsage ${usage} is not compatible with KeySpec ${spec}`,
  keyUsageMissing: 'You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.',
  tagsReserved: 'Tags beginning with aws: are reserved',
  duplicateTagKeys: 'Duplicate tag keys',
  tooManyTags: 'Too many tags',
  /**
   * ScheduleKeyDeletion: the model allows 1-365, KMS itself 7-30. Recorded from AWS (Skyscanner/kms-issuer issue 8,
   * a response with its request id, for a window of 1 day).
   */
  pendingWindowOutOfRange: 'PendingWindowInDays must be between 7 and 30',
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
  /** ThrottlingException, as AWS's KMS developer guide ("Throttling AWS KMS requests") quotes it. */
  throttled: 'You have exceeded the rate at which you may call KMS. Reduce the frequency of your calls.',
  // -- lifecycle messages: add above this line --
  /** InvalidKeyUsageException: the key's usage does not allow the operation. */
  keyUsageNotValid: (keyArn: string, usage: string, operation: string) =>
    `${keyArn} key usage is ${usage} which is not valid for ${operation}.`,
  /** InvalidKeyUsageException: an encryption, signing or MAC algorithm the key spec does not support. */
  algorithmIncompatible: (algorithm: string, keySpec: string) => `Algorithm ${algorithm} is incompatible with key spec ${keySpec}.`,
  /** ValidationException: Sign/Verify with a message type the key spec does not support. */
  messageTypeIncompatible: (messageType: string, keySpec: string) => `Message type ${messageType} is incompatible with key spec ${keySpec}.`,
  asymmetricEncryptionContext: 'EncryptionContext is not supported when encrypting/decrypting with asymmetric CMKs.',
  rsaPlaintextTooLarge: (algorithm: string, keySpec: string, max: number) =>
    `Algorithm ${algorithm} and key spec ${keySpec} cannot encrypt data larger than ${max} bytes.`,
  /** GenerateDataKey*: neither or both of KeySpec and NumberOfBytes. */
  dataKeyLength: 'Please specify either number of bytes or key spec.',
  dataKeyAsymmetric: 'You cannot generate a data key with an asymmetric CMK',
  digestLength: (algorithm: string) => `Digest is invalid length for algorithm ${algorithm}.`,
  numberOfBytesRequired: 'NumberOfBytes is required.',
  dryRun: 'The request would have succeeded, but the DryRun option is set.',
  /** AWS sends InvalidCiphertextException, KMSInvalidSignatureException and KMSInvalidMacException without a message. */
  invalidCiphertext: '',
  invalidSignature: '',
  invalidMac: '',
  /** GetPublicKey on a symmetric or HMAC key: UnsupportedOperationException without a message. */
  noPublicKey: '',
  /** Recipient needs a Nitro attestation document signed by AWS, which this endpoint cannot verify. */
  recipientUnsupported: 'Recipient attestation documents are not supported by this endpoint.',
  keyPairSpecUnsupported: (spec: string) => `KeyPairSpec ${spec} is not supported by this endpoint.`,
  invalidPeerPublicKey: (keySpec: string) => `PublicKey is not a valid public key for key spec ${keySpec}.`,
  // Grants. Seen from KMS: grantAliasKeyId (boto issue 3202), grantOnlyCreateGrant (ansible PR 31960),
  // grantMoreThanOneConstraint (Terraform AWS provider). The others follow KMS's style but have no recorded response.
  /** InvalidArnException: an alias as the KeyId of a grant operation. */
  grantAliasKeyId: 'Key Aliases are not supported for this operation.',
  /** ValidationException: CreateGrant whose only operation is CreateGrant. */
  grantOnlyCreateGrant: 'Grants must not contain only the CreateGrant operation.',
  /** ValidationException: both EncryptionContextEquals and EncryptionContextSubset. */
  grantMoreThanOneConstraint: 'More than one constraint supplied',
  /** ValidationException: grant operations the key cannot perform (Sign on a symmetric key, …). */
  grantOperationsInvalid: (operations: readonly string[], keyArn: string) =>
    `Grant operations [${operations.join(', ')}] are not valid for ${keyArn}.`,
  /** ValidationException: encryption-context constraints on a key whose operations take no encryption context. */
  grantConstraintsUnsupported: (keyArn: string) =>
    `Encryption context grant constraints are supported only on grant operations that take an encryption context; ${keyArn} does not.`,
  /** InvalidArnException: a grantee or retiring principal that is not a valid, existing principal. */
  invalidGrantPrincipal: (principal: string) => `ARN does not refer to a valid principal: ${principal}`,
  granteeRequired: "1 validation error detected: Value null at 'granteePrincipal' failed to satisfy constraint: Member must not be null",
  retiringPrincipalRequired:
    "1 validation error detected: Value null at 'retiringPrincipal' failed to satisfy constraint: Member must not be null",
  servicePrincipalGrantsUnsupported: 'GranteeServicePrincipal and RetiringServicePrincipal are not supported by this endpoint.',
  sourceArnConstraintUnsupported: 'The SourceArn grant constraint is not supported by this endpoint.',
  retireGrantIdentifiers: 'Grant token OR (grant ID, key ID) must be specified',
  invalidGrantToken: 'Invalid grant token.',
  invalidGrantId: (grantId: string) => `Invalid grantId '${grantId}'`,
  grantNotFound: (grantId: string, keyArn: string) => `Grant ${grantId} does not exist for key '${keyArn}'`,
  grantTokenNotFound: 'The grant that the grant token identifies does not exist.',
  // Imported key material. validToRequired is recorded by LocalStack and local-kms; validToNotAllowed and
  // validToInPast follow local-kms; the others have no recorded response.
  validToRequired: 'A validTo date must be set if the ExpirationModel is KEY_MATERIAL_EXPIRES',
  validToNotAllowed: 'The parameter ValidTo cannot be specified for a key with an expiration model of KEY_MATERIAL_DOES_NOT_EXPIRE',
  validToInPast: 'ValidTo must be in the future',
  validToTooLate: 'ValidTo must be at most 365 days in the future',
  /** UnsupportedOperationException: RSAES_PKCS1_V1_5 (withdrawn in October 2023) and the China-only SM2 options. */
  wrappingAlgorithmUnsupported: (algorithm: string) => `WrappingAlgorithm ${algorithm} is not supported.`,
  wrappingKeySpecUnsupported: (spec: string) => `WrappingKeySpec ${spec} is not supported.`,
  invalidImportToken: 'The import token is invalid or does not belong to this KMS key.',
  expiredImportToken: 'The import token has expired. Call GetParametersForImport for a new public key and import token.',
  /** IncorrectKeyMaterialException: material that differs from what the key had before. */
  differentKeyMaterial: (keyArn: string) => `The key material is not the key material previously imported into ${keyArn}.`,
  /** IncorrectKeyMaterialException: the unwrapped material does not fit the key spec. */
  invalidKeyMaterial: (keySpec: string) => `The key material is not valid for key spec ${keySpec}.`,
  expectedExistingKeyMaterial: (keyArn: string) => `No key material has been imported into ${keyArn}; use ImportType NEW_KEY_MATERIAL.`,
  expectedNewKeyMaterial: (keyArn: string) => `The key material is already associated with ${keyArn}.`,
  keyMaterialIdWithNewMaterial: 'KeyMaterialId cannot be specified when ImportType is NEW_KEY_MATERIAL.',
  keyMaterialIdMismatch: (keyMaterialId: string) => `The key material does not match KeyMaterialId ${keyMaterialId}.`,
  /** UnsupportedOperationException: importing second key material for on-demand rotation of a symmetric key. */
  newKeyMaterialUnsupported: 'Importing new key material into a key that already has key material is not supported by this endpoint.',
  keyMaterialNotFound: (keyMaterialId: string, keyArn: string) => `Key material ${keyMaterialId} is not associated with ${keyArn}.`,
  // -- crypto, import and grant messages: add above this line --
};
