import { AwsError } from '../protocol/errors.js';

/**
 * IAM's and STS's `ValidationError` for checks beyond the model's constraints (the model lists no such shape; it is
 * the Query protocol's validation code, HTTP 400).
 */
export class ValidationError extends AwsError {
  static readonly code = 'ValidationError';
  constructor(message: string) {
    super('ValidationError', message, { status: 400, fault: 'client' });
  }
}

/** The Query services' `AccessDenied` (HTTP 403), which no model lists among its error shapes. */
export class AccessDenied extends AwsError {
  static readonly code = 'AccessDenied';
  constructor(message: string) {
    super('AccessDenied', message, { status: 403, fault: 'client' });
  }
}

/** The Query services' `InvalidClientTokenId` (HTTP 403): credentials IAM does not accept for this request. */
export class InvalidClientTokenId extends AwsError {
  static readonly code = 'InvalidClientTokenId';
  constructor(message: string) {
    super('InvalidClientTokenId', message, { status: 403, fault: 'client' });
  }
}
