import type { RequestContext } from '../../common/operation.js';
import type { ListKeyRotationsRequest, ListKeyRotationsResponse } from '../../protocol/generated/kms.js';
import { UnsupportedOperationException } from '../../protocol/generated/kms.js';
import type { KmsCore } from '../core.js';
import { messages } from '../messages.js';
import type { KeyMaterialRecord } from '../model.js';
import { rotationsListEntry } from '../wire.js';
import { loadAuthorized, pageOf } from './lifecycleHelpers.js';

/**
 * The key's material versions, oldest first. By default (ROTATIONS_ONLY) only material made by automatic or
 * on-demand rotation; ALL_KEY_MATERIAL adds the first material and imported material.
 */
export async function listKeyRotations(core: KmsCore, input: ListKeyRotationsRequest, ctx: RequestContext): Promise<ListKeyRotationsResponse> {
  const key = await loadAuthorized(core, input.KeyId, ctx, 'kms:ListKeyRotations');
  // Only symmetric encryption keys can have more than one key material.
  if (key.keySpec !== 'SYMMETRIC_DEFAULT') throw new UnsupportedOperationException(messages.keySpecNotValid(key.arn, key.keySpec));
  const all = input.IncludeKeyMaterial === 'ALL_KEY_MATERIAL';
  const materials = (await core.store.kms.listMaterials(key.accountId, key.region, key.keyId)).filter((m) => all || isRotation(m));
  const page = pageOf('rotations', materials, input.Limit ?? 100, input.Marker);
  const out: ListKeyRotationsResponse = { Rotations: page.items.map((m) => rotationsListEntry(key, m)), Truncated: page.next !== undefined };
  if (page.next !== undefined) out.NextMarker = page.next;
  return out;
}

function isRotation(m: KeyMaterialRecord): boolean {
  return m.origin === 'AUTOMATIC' || m.origin === 'ON_DEMAND';
}
