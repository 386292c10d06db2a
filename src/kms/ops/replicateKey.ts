import type { RequestContext } from '../../common/operation.js';
import type { ReplicateKeyRequest, ReplicateKeyResponse } from '../../protocol/generated/kms.js';
import { AlreadyExistsException, LimitExceededException, UnsupportedOperationException } from '../../protocol/generated/kms.js';
import { materialAad, type KmsCore } from '../core.js';
import { ValidationException } from '../errors.js';
import { keyArn } from '../keyRefs.js';
import { messages } from '../messages.js';
import type { KmsKey } from '../model.js';
import { checkKeyPolicy, defaultKeyPolicy, shownKeyPolicy } from '../policies.js';
import { keyMetadata } from '../wire.js';
import {
  MAX_POLICY_BYTES,
  authorizeKey,
  copyMaterial,
  familyOf,
  loadKey,
  requestContext,
  requireNotPendingDeletion,
  saveFamilyConfig,
  tagConditionKeys,
  validateTags,
  wireTags,
} from './lifecycleHelpers.js';

/**
 * ReplicateKey: creates, in another Region of the same account, a replica of a multi-Region primary key. The replica
 * is a real key of that Region with the primary's key id, key spec, usage, origin, rotation status and key material
 * (so ciphertexts of one decrypt in the other); its policy, description and tags are its own. A replica of a key with
 * imported material starts without material, in PendingImport, as in AWS.
 */
export async function replicateKey(core: KmsCore, input: ReplicateKeyRequest, ctx: RequestContext): Promise<ReplicateKeyResponse> {
  const { key: primary } = await loadKey(core, input.KeyId, ctx);
  await authorizeKey(core, ctx, primary, 'kms:ReplicateKey', { 'kms:ReplicaRegion': input.ReplicaRegion });
  const mr = requireReplicablePrimary(core, primary);
  const region = input.ReplicaRegion;
  if (region === primary.region) throw new ValidationException(messages.replicaRegionIsPrimary(region));
  // A replica pending deletion still occupies its Region until it is deleted.
  if (mr.replicaRegions.includes(region) || (await core.store.kms.getKey(primary.accountId, region, primary.keyId))) {
    throw new AlreadyExistsException(messages.replicaExists(keyArn(region, primary.accountId, primary.keyId)));
  }
  if (input.Tags) validateTags(input.Tags);
  if (input.Policy !== undefined && Buffer.byteLength(input.Policy, 'utf8') > MAX_POLICY_BYTES) {
    throw new LimitExceededException(messages.policyTooLarge);
  }
  await authorizeReplicaCreation(core, ctx, primary, input);

  const replica = newReplica(core, primary, input, ctx);
  if (input.Policy !== undefined) {
    replica.policyPrincipals = await checkKeyPolicy(core, input.Policy, replica, ctx, { bypassLockoutCheck: input.BypassPolicyLockoutSafetyCheck === true });
  }
  if (primary.origin === 'AWS_KMS') await copyAllMaterial(core, primary, replica);
  const family = [...(await familyOf(core, primary)), replica];
  const saved = await saveFamilyConfig(core, family, primary.region, [...mr.replicaRegions, region]);
  const savedReplica = saved.find((k) => k.region === region)!;

  // AWS answers while the replica is still being created; logseal's replica is usable at once (Enabled or
  // PendingImport on the next DescribeKey), a transition AWS clients already wait for.
  const out: ReplicateKeyResponse = { ReplicaKeyMetadata: keyMetadata({ ...savedReplica, state: 'Creating' }), ReplicaPolicy: shownKeyPolicy(core, savedReplica) };
  if (savedReplica.tags.length) out.ReplicaTags = wireTags(savedReplica.tags);
  return out;
}

/** Only a multi-Region primary key not pending deletion can be replicated. */
function requireReplicablePrimary(core: KmsCore, key: KmsKey): NonNullable<KmsKey['multiRegion']> {
  if (!key.multiRegion) throw new UnsupportedOperationException(messages.notMultiRegion(key.arn));
  if (key.multiRegion.type !== 'PRIMARY') throw new UnsupportedOperationException(messages.notPrimaryKey(key.arn));
  requireNotPendingDeletion(core, key);
  return key.multiRegion;
}

/** Creating the replica is a CreateKey in the replica Region (and a TagResource with tags): IAM policies decide. */
async function authorizeReplicaCreation(core: KmsCore, ctx: RequestContext, primary: KmsKey, input: ReplicateKeyRequest): Promise<void> {
  const conditions = requestContext(ctx, {
    'aws:RequestedRegion': input.ReplicaRegion,
    'kms:KeySpec': primary.keySpec,
    'kms:KeyUsage': primary.keyUsage,
    'kms:KeyOrigin': primary.origin,
    'kms:MultiRegion': true,
    'kms:MultiRegionKeyType': 'REPLICA',
    'kms:BypassPolicyLockoutSafetyCheck': input.BypassPolicyLockoutSafetyCheck === true,
    ...tagConditionKeys(input.Tags),
  });
  await core.authorizeIdentity(ctx, 'kms:CreateKey', '*', conditions);
  if (input.Tags?.length) await core.authorizeIdentity(ctx, 'kms:TagResource', '*', conditions);
}

function newReplica(core: KmsCore, primary: KmsKey, input: ReplicateKeyRequest, ctx: RequestContext): KmsKey {
  const region = input.ReplicaRegion;
  // Rotation status is shared, but only the primary carries the schedule: rotating it rotates the whole family.
  const { nextRotation: _schedule, ...rotation } = primary.rotation;
  const replica: KmsKey = {
    accountId: primary.accountId,
    region,
    keyId: primary.keyId,
    arn: keyArn(region, primary.accountId, primary.keyId),
    description: input.Description ?? '',
    keySpec: primary.keySpec,
    keyUsage: primary.keyUsage,
    origin: primary.origin,
    keyManager: primary.keyManager,
    state: primary.origin === 'EXTERNAL' ? 'PendingImport' : 'Enabled',
    createdAt: core.clock.now(),
    rotation,
    policy: input.Policy ?? defaultKeyPolicy(ctx.principal.accountId),
    policyPrincipals: {},
    policyVersion: 1,
    tags: (input.Tags ?? []).map((t) => ({ key: t.TagKey, value: t.TagValue })),
    version: 0,
  };
  if (primary.origin === 'AWS_KMS' && primary.currentMaterialId !== undefined) replica.currentMaterialId = primary.currentMaterialId;
  return replica;
}

/** Every material version of the primary, re-sealed for the replica's place, so older ciphertexts decrypt there too. */
async function copyAllMaterial(core: KmsCore, primary: KmsKey, replica: KmsKey): Promise<void> {
  for (const rec of await core.store.kms.listMaterials(primary.accountId, primary.region, primary.keyId)) {
    const plain = core.keyring.open(rec.sealed, materialAad(rec));
    try {
      await copyMaterial(core, replica, rec, plain);
    } finally {
      plain.fill(0);
    }
  }
}
