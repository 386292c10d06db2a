/**
 * KMS domain types. These are logseal's own shapes, not wire shapes: `src/kms/wire.ts` maps them to the model's
 * `KeyMetadata`, `AliasListEntry`, `GrantListEntry`.
 */
import type { KeySpec, KeyUsage } from './crypto/specs.js';

export type KeyState =
  | 'Creating'
  | 'Enabled'
  | 'Disabled'
  | 'PendingDeletion'
  | 'PendingImport'
  | 'PendingReplicaDeletion'
  | 'Unavailable'
  | 'Updating';

export type KeyOrigin = 'AWS_KMS' | 'EXTERNAL';

export interface MultiRegionInfo {
  type: 'PRIMARY' | 'REPLICA';
  primaryRegion: string;
  /** Regions holding replicas (kept on the primary). */
  replicaRegions: string[];
}

export interface RotationInfo {
  enabled: boolean;
  periodDays: number;
  /** When automatic rotation next happens (ms), while enabled. */
  nextRotation?: number;
  /** On-demand rotations performed so far. */
  onDemandCount: number;
}

export interface KmsKey {
  accountId: string;
  region: string;
  /** A UUID, or `mrk-` and 32 hex digits for a multi-Region key. */
  keyId: string;
  arn: string;
  description: string;
  keySpec: KeySpec;
  keyUsage: KeyUsage;
  origin: KeyOrigin;
  keyManager: 'CUSTOMER' | 'AWS';
  state: KeyState;
  /** The state to return to when a deletion is cancelled or an import completes. */
  createdAt: number;
  deletionDate?: number;
  pendingWindowInDays?: number;
  /** Imported material: when it expires (ms), if it does. */
  validTo?: number;
  expirationModel?: 'KEY_MATERIAL_EXPIRES' | 'KEY_MATERIAL_DOES_NOT_EXPIRE';
  multiRegion?: MultiRegionInfo;
  rotation: RotationInfo;
  /** The key policy as it was set (GetKeyPolicy shows it through `policyPrincipals`). */
  policy: string;
  /**
   * The IAM users and roles the policy names, bound to their unique ids when the policy was set (ARN as written →
   * `AIDA…`/`AROA…`): the policy matches those principals only, and shows a deleted one by its id. Absent on keys
   * stored before bindings existed.
   */
  policyPrincipals?: Record<string, string>;
  /** Bumped on every policy change; compiled policies are cached per (key, version). */
  policyVersion: number;
  tags: { key: string; value: string }[];
  /** Names of the aliases pointing at this key, kept by the alias operations (the `kms:ResourceAliases` key). */
  aliases?: string[];
  /** The material used for new ciphertexts and signatures. */
  currentMaterialId?: string;
  /** Bumped on every change; used for optimistic cache invalidation. */
  version: number;
}

export interface KeyMaterialRecord {
  accountId: string;
  region: string;
  keyId: string;
  materialId: string;
  /** The material sealed under the keyring (never plaintext at rest). */
  sealed: Buffer;
  createdAt: number;
  /** How this material came to be current. */
  origin: 'CREATE' | 'AUTOMATIC' | 'ON_DEMAND' | 'IMPORT';
  /** Imported material: expiry (ms). */
  expiresAt?: number;
}

export interface AliasRecord {
  accountId: string;
  region: string;
  aliasName: string;
  targetKeyId: string;
  createdAt: number;
  updatedAt: number;
}

export interface GrantConstraints {
  encryptionContextSubset?: Record<string, string>;
  encryptionContextEquals?: Record<string, string>;
}

export interface GrantRecord {
  grantId: string;
  accountId: string;
  region: string;
  keyId: string;
  name?: string;
  granteePrincipal: string;
  /** The grantee's unique id when it is an IAM user or role (bound at CreateGrant). */
  granteePrincipalId?: string;
  retiringPrincipal?: string;
  /** The retiring principal's unique id when it is an IAM user or role. */
  retiringPrincipalId?: string;
  issuingAccount: string;
  operations: string[];
  constraints?: GrantConstraints;
  createdAt: number;
}

export interface ImportParametersRecord {
  accountId: string;
  region: string;
  keyId: string;
  /** The import token handed to the caller (random, opaque). */
  tokenId: string;
  wrappingAlgorithm: string;
  wrappingKeySpec: string;
  /** The wrapping private key, sealed under the keyring. */
  sealedPrivateKey: Buffer;
  expiresAt: number;
}
