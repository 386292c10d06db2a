import { andThen, type MaybePromise } from '../../common/maybePromise.js';
import type { RequestContext } from '../../common/operation.js';
import type { GenerateDataKeyRequest, GenerateDataKeyResponse } from '../../protocol/generated/kms.js';
import { InvalidKeyUsageException } from '../../protocol/generated/kms.js';
import type { KmsCore } from '../core.js';
import { randomBuffer } from '../crypto/randomPool.js';
import { ValidationException } from '../errors.js';
import { messages } from '../messages.js';
import {
  authorizeCrypto,
  checkDryRun,
  refuseRecipient,
  requireUsable,
  requireUsage,
  sealSymmetric,
  SYMMETRIC_DEFAULT,
} from './cryptoHelpers.js';

const KEY_SPEC_BYTES = { AES_256: 32, AES_128: 16 } as const;

export interface DataKeyRequest {
  KeyId: string;
  KeySpec?: 'AES_256' | 'AES_128';
  NumberOfBytes?: number;
  EncryptionContext?: Record<string, string>;
  GrantTokens?: string[];
  DryRun?: boolean;
}

export interface DataKey {
  plaintext: Buffer;
  blob: Buffer;
  keyArn: string;
  materialId: string;
}

/**
 * GenerateDataKey and GenerateDataKeyWithoutPlaintext: random bytes encrypted under a symmetric encryption key.
 * The length rule comes first, then the key's usage, state and spec (the order KMS reports them in).
 */
export function makeDataKey(core: KmsCore, input: DataKeyRequest, ctx: RequestContext, operation: string): MaybePromise<DataKey> {
  if ((input.KeySpec === undefined) === (input.NumberOfBytes === undefined)) throw new ValidationException(messages.dataKeyLength);
  const length = input.KeySpec !== undefined ? KEY_SPEC_BYTES[input.KeySpec] : input.NumberOfBytes!;
  // Each step answers at once when what it needs is cached (the hot path makes no promise), else waits for the store.
  return andThen(core.resolve(input.KeyId, ctx), (resolved) =>
    andThen(
      authorizeCrypto(core, ctx, resolved, {
        action: `kms:${operation}`,
        grantOperation: operation,
        grantTokens: input.GrantTokens,
        encryptionContext: input.EncryptionContext,
        conditions: { 'kms:EncryptionAlgorithm': SYMMETRIC_DEFAULT },
      }),
      () => {
        const { key } = resolved;
        requireUsage(key, 'ENCRYPT_DECRYPT', operation);
        requireUsable(core, key);
        if (key.keySpec !== SYMMETRIC_DEFAULT) throw new InvalidKeyUsageException(messages.dataKeyAsymmetric);
        checkDryRun(input.DryRun);
        const plaintext = randomBuffer(length);
        return andThen(sealSymmetric(core, key, plaintext, input.EncryptionContext), (sealed) => ({
          plaintext,
          blob: sealed.blob,
          keyArn: key.arn,
          materialId: sealed.materialId!,
        }));
      },
    ),
  );
}

export function generateDataKey(core: KmsCore, input: GenerateDataKeyRequest, ctx: RequestContext): MaybePromise<GenerateDataKeyResponse> {
  refuseRecipient(input.Recipient);
  return andThen(makeDataKey(core, input, ctx, 'GenerateDataKey'), (dk) => ({
    CiphertextBlob: dk.blob,
    Plaintext: dk.plaintext,
    KeyId: dk.keyArn,
    KeyMaterialId: dk.materialId,
  }));
}
