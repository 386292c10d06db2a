import type { RequestContext } from '../../common/operation.js';
import type { DeleteImportedKeyMaterialRequest, DeleteImportedKeyMaterialResponse } from '../../protocol/generated/kms.js';
import { NotFoundException } from '../../protocol/generated/kms.js';
import type { KmsCore } from '../core.js';
import { messages } from '../messages.js';
import { deleteImportedMaterial, loadExternalKey } from './importHelpers.js';

/**
 * Deletes a key's imported material: the key becomes PendingImport (a key pending deletion stays so) and is unusable
 * until the same material is imported again. On a key pending import it changes nothing.
 */
export async function deleteImportedKeyMaterial(
  core: KmsCore,
  input: DeleteImportedKeyMaterialRequest,
  ctx: RequestContext,
): Promise<DeleteImportedKeyMaterialResponse> {
  const key = await loadExternalKey(core, input.KeyId, ctx, 'kms:DeleteImportedKeyMaterial');
  const materialId = key.currentMaterialId;
  if (input.KeyMaterialId !== undefined && input.KeyMaterialId !== materialId) {
    throw new NotFoundException(messages.keyMaterialNotFound(input.KeyMaterialId, key.arn));
  }
  if (key.state !== 'PendingImport') await deleteImportedMaterial(core, key);
  const out: DeleteImportedKeyMaterialResponse = { KeyId: key.arn };
  if (key.keySpec === 'SYMMETRIC_DEFAULT' && materialId !== undefined) out.KeyMaterialId = materialId;
  return out;
}
