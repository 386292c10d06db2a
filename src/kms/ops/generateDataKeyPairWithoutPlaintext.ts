import type { RequestContext } from '../../common/operation.js';
import type {
  GenerateDataKeyPairWithoutPlaintextRequest,
  GenerateDataKeyPairWithoutPlaintextResponse,
} from '../../protocol/generated/kms.js';
import type { KmsCore } from '../core.js';
import { makeDataKeyPair } from './generateDataKeyPair.js';

export async function generateDataKeyPairWithoutPlaintext(
  core: KmsCore,
  input: GenerateDataKeyPairWithoutPlaintextRequest,
  ctx: RequestContext,
): Promise<GenerateDataKeyPairWithoutPlaintextResponse> {
  const p = await makeDataKeyPair(core, input, ctx, 'GenerateDataKeyPairWithoutPlaintext');
  p.privateKey.fill(0);
  return {
    PrivateKeyCiphertextBlob: p.privateKeyBlob,
    PublicKey: p.publicKey,
    KeyId: p.keyArn,
    KeyPairSpec: input.KeyPairSpec,
    KeyMaterialId: p.materialId,
  };
}
