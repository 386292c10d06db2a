import type { RequestContext } from '../../common/operation.js';
import type { ReEncryptRequest, ReEncryptResponse } from '../../protocol/generated/kms.js';
import type { KmsCore } from '../core.js';
import {
  authorizeCrypto,
  checkEncryptionAlgorithm,
  encryptUnder,
  openCiphertext,
  requireUsable,
  requireUsage,
  SYMMETRIC_DEFAULT,
} from './cryptoHelpers.js';

type Algorithm = ReEncryptResponse['SourceEncryptionAlgorithm'];

/**
 * ReEncrypt: decrypts with the source key (kms:ReEncryptFrom) and encrypts under the destination key
 * (kms:ReEncryptTo), without the plaintext leaving the service. Both keys are authorized before anything is decrypted.
 */
export async function reEncrypt(core: KmsCore, input: ReEncryptRequest, ctx: RequestContext): Promise<ReEncryptResponse> {
  const sourceAlgorithm = input.SourceEncryptionAlgorithm ?? SYMMETRIC_DEFAULT;
  const destinationAlgorithm = input.DestinationEncryptionAlgorithm ?? SYMMETRIC_DEFAULT;
  const destination = await core.resolve(input.DestinationKeyId, ctx);
  const dest = destination.key;

  const opened = await openCiphertext(
    core,
    ctx,
    {
      blob: input.CiphertextBlob ?? new Uint8Array(0),
      keyRef: input.SourceKeyId,
      algorithm: sourceAlgorithm,
      encryptionContext: input.SourceEncryptionContext,
      operation: 'ReEncrypt',
      dryRun: input.DryRun,
    },
    async (source) => {
      const sameKey = source.key.arn === dest.arn;
      await authorizeCrypto(core, ctx, source, {
        action: 'kms:ReEncryptFrom',
        grantOperation: 'ReEncryptFrom',
        grantTokens: input.GrantTokens,
        encryptionContext: input.SourceEncryptionContext,
        conditions: { 'kms:EncryptionAlgorithm': sourceAlgorithm, 'kms:ReEncryptOnSameKey': sameKey },
      });
      await authorizeCrypto(core, ctx, destination, {
        action: 'kms:ReEncryptTo',
        grantOperation: 'ReEncryptTo',
        grantTokens: input.GrantTokens,
        encryptionContext: input.DestinationEncryptionContext,
        conditions: { 'kms:EncryptionAlgorithm': destinationAlgorithm, 'kms:ReEncryptOnSameKey': sameKey },
      });
      // The destination's own rules are checked before the (DryRun-aware) decryption.
      requireUsage(dest, 'ENCRYPT_DECRYPT', 'ReEncrypt');
      requireUsable(core, dest);
      checkEncryptionAlgorithm(dest, destinationAlgorithm, input.DestinationEncryptionContext);
    },
  );

  try {
    const sealed = await encryptUnder(core, dest, destinationAlgorithm, opened.plaintext, input.DestinationEncryptionContext);
    const out: ReEncryptResponse = {
      CiphertextBlob: sealed.blob,
      SourceKeyId: opened.resolved.key.arn,
      KeyId: dest.arn,
      SourceEncryptionAlgorithm: sourceAlgorithm as Algorithm,
      DestinationEncryptionAlgorithm: destinationAlgorithm as Algorithm,
    };
    if (opened.materialId !== undefined) out.SourceKeyMaterialId = opened.materialId;
    if (sealed.materialId !== undefined) out.DestinationKeyMaterialId = sealed.materialId;
    return out;
  } finally {
    opened.plaintext.fill(0);
  }
}
