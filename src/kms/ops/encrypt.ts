import { andThen, type MaybePromise } from '../../common/maybePromise.js';
import type { RequestContext } from '../../common/operation.js';
import type { EncryptRequest, EncryptResponse } from '../../protocol/generated/kms.js';
import type { KmsCore } from '../core.js';
import {
  authorizeCrypto,
  checkDryRun,
  checkEncryptionAlgorithm,
  encryptUnder,
  requireUsable,
  requireUsage,
  SYMMETRIC_DEFAULT,
} from './cryptoHelpers.js';

/** Synchronous (no promise) when the key, its grants and its material are cached. */
export function encrypt(core: KmsCore, input: EncryptRequest, ctx: RequestContext): MaybePromise<EncryptResponse> {
  const algorithm = input.EncryptionAlgorithm ?? SYMMETRIC_DEFAULT;
  return andThen(core.resolve(input.KeyId, ctx), (resolved) =>
    andThen(
      authorizeCrypto(core, ctx, resolved, {
        action: 'kms:Encrypt',
        grantOperation: 'Encrypt',
        grantTokens: input.GrantTokens,
        encryptionContext: input.EncryptionContext,
        conditions: { 'kms:EncryptionAlgorithm': algorithm },
      }),
      () => {
        const { key } = resolved;
        requireUsage(key, 'ENCRYPT_DECRYPT', 'Encrypt');
        requireUsable(core, key);
        checkEncryptionAlgorithm(key, algorithm, input.EncryptionContext);
        checkDryRun(input.DryRun);
        return andThen(encryptUnder(core, key, algorithm, input.Plaintext, input.EncryptionContext), (sealed) => ({
          CiphertextBlob: sealed.blob,
          KeyId: key.arn,
          EncryptionAlgorithm: algorithm as EncryptResponse['EncryptionAlgorithm'],
        }));
      },
    ),
  );
}
