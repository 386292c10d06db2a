import type { RequestContext } from '../../common/operation.js';
import type { UpdatePrimaryRegionRequest } from '../../protocol/generated/kms.js';
import { NotFoundException, UnsupportedOperationException } from '../../protocol/generated/kms.js';
import type { KmsCore } from '../core.js';
import { messages } from '../messages.js';
import type { KmsKey } from '../model.js';
import { authorizeKey, familyOf, loadKey, saveFamilyConfig } from './lifecycleHelpers.js';

/**
 * UpdatePrimaryRegion: the replica in `PrimaryRegion` becomes the primary key and the current primary one of its
 * replicas. Called in the primary's Region; needs `kms:UpdatePrimaryRegion` on both keys (key policies) and both
 * keys Enabled. AWS passes through a transient `Updating` state; the store's transaction makes the swap atomic here.
 */
export async function updatePrimaryRegion(core: KmsCore, input: UpdatePrimaryRegionRequest, ctx: RequestContext): Promise<Record<string, never>> {
  const { key: primary } = await loadKey(core, input.KeyId, ctx);
  const conditions = { 'kms:PrimaryRegion': input.PrimaryRegion };
  await authorizeKey(core, ctx, primary, 'kms:UpdatePrimaryRegion', conditions);
  if (!primary.multiRegion) throw new UnsupportedOperationException(messages.notMultiRegion(primary.arn));
  if (primary.multiRegion.type !== 'PRIMARY') throw new UnsupportedOperationException(messages.notPrimaryKey(primary.arn));

  const region = input.PrimaryRegion;
  const replica = primary.multiRegion.replicaRegions.includes(region)
    ? await core.store.kms.getKey(primary.accountId, region, primary.keyId)
    : undefined;
  if (!replica) throw new NotFoundException(messages.noReplicaInRegion(region));
  await authorizeKey(core, ctx, replica, 'kms:UpdatePrimaryRegion', conditions);
  core.requireUsable(primary);
  core.requireUsable(replica);

  const replicaRegions = primary.multiRegion.replicaRegions.map((r) => (r === region ? primary.region : r));
  const members = (await familyOf(core, primary)).map((m) => moveRotationSchedule(m, primary, region));
  await saveFamilyConfig(core, members, region, replicaRegions);
  return {};
}

/** Only the primary carries the automatic rotation schedule (rotating it rotates the family): hand it over. */
function moveRotationSchedule(member: KmsKey, oldPrimary: KmsKey, newPrimaryRegion: string): KmsKey {
  const { nextRotation: _schedule, ...rest } = member.rotation;
  if (member.region === oldPrimary.region) return { ...member, rotation: rest };
  if (member.region !== newPrimaryRegion || oldPrimary.rotation.nextRotation === undefined) return member;
  return { ...member, rotation: { ...rest, nextRotation: oldPrimary.rotation.nextRotation } };
}
