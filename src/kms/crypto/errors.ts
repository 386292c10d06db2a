/**
 * Typed errors of the KMS cryptographic core. The KMS layer maps them to AWS errors
 * (InvalidCiphertextException, IncorrectKeyException, ValidationException, ...); nothing here builds an AwsError.
 * Messages never carry key material, plaintext or ciphertext bytes.
 */

/** Authentication failed: tampered blob, wrong key, wrong encryption context, bad RSA ciphertext. */
export class CryptoAuthError extends Error {
  constructor(message = 'ciphertext failed authentication') {
    super(message);
    this.name = 'CryptoAuthError';
  }
}

/** Why a ciphertext blob could not be parsed. */
export type CryptoFormatReason =
  | 'TRUNCATED'
  | 'UNKNOWN_VERSION'
  | 'UNKNOWN_KEY_ID_KIND'
  | 'BAD_FIELD';

/** The blob is not a ciphertext this service produced (wrong version, truncated, malformed header). */
export class CryptoFormatError extends Error {
  readonly reason: CryptoFormatReason;
  constructor(reason: CryptoFormatReason, message: string) {
    super(message);
    this.name = 'CryptoFormatError';
    this.reason = reason;
  }
}

/** Why an input was refused. */
export type CryptoInputReason =
  | 'UNSUPPORTED_KEY_SPEC'
  | 'UNSUPPORTED_ALGORITHM'
  | 'INCOMPATIBLE_ALGORITHM'
  | 'INVALID_KEY_ID'
  | 'INVALID_ACCOUNT_ID'
  | 'INVALID_MATERIAL_ID'
  | 'INVALID_KEY_MATERIAL'
  | 'INVALID_ENCRYPTION_CONTEXT'
  | 'INVALID_DIGEST_LENGTH'
  | 'PLAINTEXT_TOO_LARGE'
  | 'INVALID_PUBLIC_KEY'
  | 'INVALID_LENGTH';

/** A caller-supplied value is not acceptable (unknown spec, algorithm not valid for the key, bad length...). */
export class CryptoInputError extends Error {
  readonly reason: CryptoInputReason;
  constructor(reason: CryptoInputReason, message: string) {
    super(message);
    this.name = 'CryptoInputError';
    this.reason = reason;
  }
}

export function isCryptoError(e: unknown): e is CryptoAuthError | CryptoFormatError | CryptoInputError {
  return e instanceof CryptoAuthError || e instanceof CryptoFormatError || e instanceof CryptoInputError;
}

/** Key pair generation is saturated: every worker is busy and the queue is full. Nothing was generated. */
export class KeyGenBusyError extends Error {
  constructor() {
    super('key pair generation is saturated');
    this.name = 'KeyGenBusyError';
  }
}
