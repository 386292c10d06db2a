/** The one place where KMS domain records become wire shapes. */
import type { AliasListEntry, GrantListEntry, KeyListEntry, KeyMetadata, RotationsListEntry } from '../protocol/generated/kms.js';
import { algorithmsFor } from './crypto/specs.js';
import { aliasArn, keyArn } from './keyRefs.js';
import type { AliasRecord, GrantRecord, KeyMaterialRecord, KmsKey } from './model.js';

export function keyMetadata(key: KmsKey): KeyMetadata {
  const m: KeyMetadata = {
    AWSAccountId: key.accountId,
    KeyId: key.keyId,
    Arn: key.arn,
    CreationDate: new Date(key.createdAt),
    Enabled: key.state === 'Enabled',
    Description: key.description,
    KeyUsage: key.keyUsage,
    KeyState: key.state,
  };
  if (key.deletionDate !== undefined && (key.state === 'PendingDeletion' || key.state === 'PendingReplicaDeletion')) {
    m.DeletionDate = new Date(key.deletionDate);
  }
  if (key.validTo !== undefined) m.ValidTo = new Date(key.validTo);
  m.Origin = key.origin;
  if (key.origin === 'EXTERNAL' && key.expirationModel) m.ExpirationModel = key.expirationModel;
  m.KeyManager = key.keyManager;
  m.CustomerMasterKeySpec = key.keySpec;
  m.KeySpec = key.keySpec;
  Object.assign(m, algorithmsFor(key.keySpec, key.keyUsage));
  m.MultiRegion = key.multiRegion !== undefined;
  if (key.multiRegion) {
    const mr = key.multiRegion;
    m.MultiRegionConfiguration = {
      MultiRegionKeyType: mr.type,
      PrimaryKey: { Arn: keyArn(mr.primaryRegion, key.accountId, key.keyId), Region: mr.primaryRegion },
      ReplicaKeys: mr.replicaRegions.map((r) => ({ Arn: keyArn(r, key.accountId, key.keyId), Region: r })),
    };
  }
  // The model: present when a primary waits for its replicas (PendingReplicaDeletion), where DeletionDate is not.
  if ((key.state === 'PendingDeletion' || key.state === 'PendingReplicaDeletion') && key.pendingWindowInDays !== undefined) {
    m.PendingDeletionWindowInDays = key.pendingWindowInDays;
  }
  if (key.keySpec === 'SYMMETRIC_DEFAULT' && key.currentMaterialId !== undefined) m.CurrentKeyMaterialId = key.currentMaterialId;
  return m;
}

export function aliasEntry(a: AliasRecord): AliasListEntry {
  return {
    AliasName: a.aliasName,
    AliasArn: aliasArn(a.region, a.accountId, a.aliasName),
    TargetKeyId: a.targetKeyId,
    CreationDate: new Date(a.createdAt),
    LastUpdatedDate: new Date(a.updatedAt),
  };
}

export function grantEntry(g: GrantRecord): GrantListEntry {
  const e: GrantListEntry = {
    KeyId: keyArn(g.region, g.accountId, g.keyId),
    GrantId: g.grantId,
    CreationDate: new Date(g.createdAt),
    GranteePrincipal: g.granteePrincipal,
    IssuingAccount: `arn:aws:iam::${g.issuingAccount}:root`,
    Operations: g.operations as GrantListEntry['Operations'],
  };
  if (g.name !== undefined) e.Name = g.name;
  if (g.retiringPrincipal !== undefined) e.RetiringPrincipal = g.retiringPrincipal;
  if (g.constraints) {
    e.Constraints = {};
    if (g.constraints.encryptionContextSubset) e.Constraints.EncryptionContextSubset = g.constraints.encryptionContextSubset;
    if (g.constraints.encryptionContextEquals) e.Constraints.EncryptionContextEquals = g.constraints.encryptionContextEquals;
  }
  return e;
}

export function keyListEntry(key: KmsKey): KeyListEntry {
  return { KeyId: key.keyId, KeyArn: key.arn };
}

/** One material version of a key as ListKeyRotations reports it; import details only for imported material. */
export function rotationsListEntry(key: KmsKey, m: KeyMaterialRecord): RotationsListEntry {
  const e: RotationsListEntry = {
    KeyId: key.keyId,
    KeyMaterialId: m.materialId,
    KeyMaterialState: m.materialId === key.currentMaterialId ? 'CURRENT' : 'NON_CURRENT',
  };
  if (key.origin === 'EXTERNAL') {
    e.ImportState = 'IMPORTED';
    if (key.expirationModel) e.ExpirationModel = key.expirationModel;
    if (m.expiresAt !== undefined) e.ValidTo = new Date(m.expiresAt);
  }
  if (m.origin === 'AUTOMATIC' || m.origin === 'ON_DEMAND') {
    e.RotationDate = new Date(m.createdAt);
    e.RotationType = m.origin;
  }
  return e;
}
