import type { RequestContext } from '../../common/operation.js';
import type { GetParametersForImportRequest, GetParametersForImportResponse } from '../../protocol/generated/kms.js';
import { UnsupportedOperationException } from '../../protocol/generated/kms.js';
import type { KmsCore } from '../core.js';
import { generateWrappingKeyPairAsync, isRsaKeySpec, isSupportedWrappingAlgorithm } from '../crypto/index.js';
import { messages } from '../messages.js';
import { loadExternalKey, newImportToken, wrappingKeyAad } from './importHelpers.js';
import { DAY_MS } from './lifecycleHelpers.js';
import { generated } from './cryptoHelpers.js';

/** KMS's import parameters are valid for 24 hours. */
export const IMPORT_PARAMETERS_TTL_MS = DAY_MS;

/**
 * A fresh RSA wrapping key pair and import token for a key with imported material, in any state but pending
 * deletion. The private key is stored sealed under the keyring; a newer request replaces the previous parameters.
 */
export async function getParametersForImport(core: KmsCore, input: GetParametersForImportRequest, ctx: RequestContext): Promise<GetParametersForImportResponse> {
  const algorithm = input.WrappingAlgorithm;
  const spec = input.WrappingKeySpec;
  const key = await loadExternalKey(core, input.KeyId, ctx, 'kms:GetParametersForImport', {
    'kms:WrappingAlgorithm': algorithm,
    'kms:WrappingKeySpec': spec,
  });
  core.requireNotPendingDeletion(key);
  // RSAES_PKCS1_V1_5 was withdrawn in October 2023; SM2 wrapping exists only in the China Regions.
  if (!isSupportedWrappingAlgorithm(algorithm)) throw new UnsupportedOperationException(messages.wrappingAlgorithmUnsupported(algorithm));
  if (!isRsaKeySpec(spec)) throw new UnsupportedOperationException(messages.wrappingKeySpecUnsupported(spec));

  const pair = await generated(generateWrappingKeyPairAsync(spec));
  const { token, tokenId } = newImportToken();
  const expiresAt = core.clock.now() + IMPORT_PARAMETERS_TTL_MS;
  const where = { accountId: key.accountId, region: key.region, keyId: key.keyId, tokenId };
  await core.store.kms.putImportParameters({
    ...where,
    wrappingAlgorithm: algorithm,
    wrappingKeySpec: spec,
    sealedPrivateKey: core.keyring.seal(pair.privateKeyDer, wrappingKeyAad(where)),
    expiresAt,
  });
  pair.privateKeyDer.fill(0);
  return { KeyId: key.arn, ImportToken: token, PublicKey: pair.publicKeyDer, ParametersValidTo: new Date(expiresAt) };
}
