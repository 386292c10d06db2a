import type { RequestContext } from '../../common/operation.js';
import type { GenerateDataKeyWithoutPlaintextRequest, GenerateDataKeyWithoutPlaintextResponse } from '../../protocol/generated/kms.js';
import type { KmsCore } from '../core.js';
import { makeDataKey } from './generateDataKey.js';

export async function generateDataKeyWithoutPlaintext(
  core: KmsCore,
  input: GenerateDataKeyWithoutPlaintextRequest,
  ctx: RequestContext,
): Promise<GenerateDataKeyWithoutPlaintextResponse> {
  const dk = await makeDataKey(core, input, ctx, 'GenerateDataKeyWithoutPlaintext');
  dk.plaintext.fill(0);
  return { CiphertextBlob: dk.blob, KeyId: dk.keyArn, KeyMaterialId: dk.materialId };
}
