import { AwsError } from '../protocol/errors.js';

/**
 * AWS's common `AccessDeniedException`: every service answers it, but the KMS model does not list it among its
 * error shapes, so it is declared here beside the generated ones.
 */
export class AccessDeniedException extends AwsError {
  static readonly code = 'AccessDeniedException';
  constructor(message: string) {
    super('AccessDeniedException', message, { status: 400, fault: 'client' });
  }
}

/** KMS's `ValidationException` for request checks beyond the model's constraints (not among the model's shapes). */
export class ValidationException extends AwsError {
  static readonly code = 'ValidationException';
  constructor(message: string) {
    super('ValidationException', message, { status: 400, fault: 'client' });
  }
}

/**
 * KMS's answer to an alias name in the reserved `alias/aws/` namespace (CreateAlias, UpdateAlias). Not among the
 * model's shapes; KMS sends it without a message.
 */
export class NotAuthorizedException extends AwsError {
  static readonly code = 'NotAuthorizedException';
  constructor() {
    super('NotAuthorizedException', '', { status: 400, fault: 'client' });
  }
}

/**
 * AWS's common `ThrottlingException` (not among the KMS model's shapes): KMS answers it, with HTTP 400, to requests
 * beyond its request quotas; here, to key pair generation beyond what the generation workers and their queue take.
 */
export class ThrottlingException extends AwsError {
  static readonly code = 'ThrottlingException';
  constructor(message: string) {
    super('ThrottlingException', message, { status: 400, fault: 'client' });
  }
}
