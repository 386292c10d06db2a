import { andThen, type MaybePromise } from '../../common/maybePromise.js';
import type { RequestContext } from '../../common/operation.js';
import type { DecryptRequest, DecryptResponse } from '../../protocol/generated/kms.js';
import type { KmsCore } from '../core.js';
import { authorizeCrypto, openCiphertext, refuseRecipient, SYMMETRIC_DEFAULT } from './cryptoHelpers.js';

/** Decrypt: `KeyId` is optional for symmetric blobs (they name their key) and required for RSA ciphertext. */
/** Synchronous (no promise) when the key, its grants and its material are cached. */
export function decrypt(core: KmsCore, input: DecryptRequest, ctx: RequestContext): MaybePromise<DecryptResponse> {
  refuseRecipient(input.Recipient);
  const algorithm = input.EncryptionAlgorithm ?? SYMMETRIC_DEFAULT;
  const opened = openCiphertext(
    core,
    ctx,
    {
      // The model makes CiphertextBlob optional (Recipient flows); KMS requires it, and an empty blob is invalid.
      blob: input.CiphertextBlob ?? new Uint8Array(0),
      keyRef: input.KeyId,
      algorithm,
      encryptionContext: input.EncryptionContext,
      operation: 'Decrypt',
      dryRun: input.DryRun,
    },
    (resolved) =>
      authorizeCrypto(core, ctx, resolved, {
        action: 'kms:Decrypt',
        grantOperation: 'Decrypt',
        grantTokens: input.GrantTokens,
        encryptionContext: input.EncryptionContext,
        conditions: { 'kms:EncryptionAlgorithm': algorithm },
      }),
  );
  return andThen(opened, (o) => {
    const out: DecryptResponse = {
      KeyId: o.resolved.key.arn,
      Plaintext: o.plaintext,
      EncryptionAlgorithm: algorithm as DecryptResponse['EncryptionAlgorithm'],
    };
    if (o.materialId !== undefined) out.KeyMaterialId = o.materialId;
    return out;
  });
}
