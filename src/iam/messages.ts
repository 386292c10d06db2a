/**
 * AWS IAM's error messages, worded as IAM sends them (copied from recorded AWS responses: LocalStack's validated
 * snapshots `tests/aws/services/iam/*.snapshot.json`, and error reports quoting real responses). Tests assert these
 * exact strings; add new ones here, never inline in an operation.
 */
import type { EntityKind } from './model.js';

const QUOTA_ENTITY: Record<EntityKind, string> = { user: 'User', group: 'Group', role: 'Role' };

/** Aggregate size limits of an entity's inline policies, in characters without whitespace. */
export const INLINE_POLICY_LIMITS: Record<EntityKind, number> = { user: 2048, group: 5120, role: 10240 };

export const messages = {
  entityNotFound: (kind: EntityKind, name: string) => `The ${kind} with name ${name} cannot be found.`,
  entityExists: (kind: EntityKind, name: string) => `${QUOTA_ENTITY[kind]} with name ${name} already exists.`,
  inlinePolicyNotFound: (kind: EntityKind, policyName: string) => `The ${kind} policy with name ${policyName} cannot be found.`,
  inlinePolicySize: (kind: EntityKind, name: string) =>
    `Maximum policy size of ${INLINE_POLICY_LIMITS[kind]} bytes exceeded for ${kind} ${name}`,

  accessKeyNotFound: (accessKeyId: string) => `The Access Key with id ${accessKeyId} cannot be found.`,
  accessKeyQuota: 'Cannot exceed quota for AccessKeysPerUser: 2',
  accessKeyStatus: (status: string) =>
    `1 validation error detected: Value '${status}' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]`,
  userNameRequired: 'Must specify userName when calling with non-User credentials',
  groupsPerUserQuota: 'Cannot exceed quota for GroupsPerUser: 10',

  mustDetachPolicies: 'Cannot delete entity, must detach all policies first.',
  mustDeletePolicies: 'Cannot delete entity, must delete policies first.',
  mustDeleteAccessKeys: 'Cannot delete entity, must delete access keys first.',
  mustRemoveUsersFromGroup: 'Cannot delete entity, must remove users from group first.',

  policyExists: (name: string) => `A policy called ${name} already exists. Duplicate names are not allowed.`,
  policyNotFound: (arn: string) => `Policy ${arn} was not found.`,
  policyNotAttachable: (arn: string) => `Policy ${arn} does not exist or is not attachable.`,
  policyVersionNotFound: (arn: string, versionId: string) => `Policy ${arn} version ${versionId} does not exist or is not attachable.`,
  invalidArn: (arn: string) => `ARN ${arn} is not valid.`,
  policyVersionLimit: 'A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.',
  deleteDefaultVersion: 'Cannot delete the default version of a policy.',
  policyAttached: 'Cannot delete a policy attached to entities.',
  policyHasVersions:
    "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
  attachedPolicyQuota: (kind: EntityKind) => `Cannot exceed quota for PoliciesPer${QUOTA_ENTITY[kind]}: 10`,

  duplicateTagKeys: 'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
  /** Managed policy tag keys are case-sensitive, and IAM words the duplicate error without the note. */
  policyDuplicateTagKeys: 'Duplicate tag keys found.',
  tagQuota: (kind: EntityKind) => `Cannot exceed quota for TagsPer${QUOTA_ENTITY[kind]}: 50`,

  /** MalformedPolicyDocument reasons IAM adds to the policy grammar's (src/auth/policy/errors.ts). */
  policyVersionRequired: 'Policy document must be version 2012-10-17 or greater.',
  managedPolicySize: 'Cannot exceed quota for PolicySize: 6144',
  trustPolicySize: 'Cannot exceed quota for ACLSizePerRole: 2048',
  invalidJson: 'This policy contains invalid Json',
  trustPolicyResource: 'Has prohibited field Resource',
  trustPolicyActions: 'AssumeRole policy may only specify STS AssumeRole actions.',
  invalidPrincipal: (kind: string, id: string) => `Invalid principal in policy: "${kind}":"${id}"`,

  /**
   * IAM's answer (InvalidClientTokenId, 403) to credentials from GetSessionToken without MFA. The raw IAM body quoted
   * in aws/aws-cli#8918 has no final period, unlike the JSON services' UnrecognizedClientException.
   */
  sessionTokenCredentials: 'The security token included in the request is invalid',

  /** logseal's own: permissions boundaries are not implemented, and silently ignoring one would grant too much. */
  permissionsBoundaryUnsupported: 'Permissions boundaries are not supported by this endpoint.',
} as const;
