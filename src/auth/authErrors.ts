/**
 * Maps SigV4 failures to the error a client of the real service sees.
 *
 * Evidence (real responses quoted in public issues and in emulators that copied them byte for byte):
 * - JSON (Coral) services answer every auth failure with HTTP 400:
 *   `MissingAuthenticationTokenException` "Request is missing Authentication Token" (DynamoDB `curl -i` transcript:
 *   400 + that body; the shorter "Missing Authentication Token" is API Gateway's/Lambda's 403 wording, not Coral's),
 *   `UnrecognizedClientException` "The security token included in the request is invalid." (400, CloudWatch Logs,
 *   Kinesis, Cognito), `InvalidSignatureException` (400, also for "Signature expired: ... - 15 min."),
 *   `IncompleteSignatureException` (400, CloudWatch Logs / Cloud9 / DynamoDB).
 * - Query services (IAM, STS, SQS, SES) answer with their own codes: `MissingAuthenticationToken` 403 (STS),
 *   `InvalidClientTokenId` 403 (IAM, STS, SQS), `SignatureDoesNotMatch` 403 (also for "Signature expired", as
 *   `aws sts get-caller-identity` and SQS show), `IncompleteSignature` 400 (SES).
 */
import { AwsError } from '../protocol/errors.js';
import { MSG_SIGNATURE_MISMATCH, type SigV4Error } from './sigv4.js';

export const MSG_MISSING_TOKEN = 'Request is missing Authentication Token';
export const MSG_INVALID_TOKEN = 'The security token included in the request is invalid.';

interface Codes {
  missing: string;
  unknownKey: string;
  signature: string;
  incomplete: string;
  authStatus: number; // missing / unknown key / signature
  incompleteStatus: number;
}

const JSON_CODES: Codes = {
  missing: 'MissingAuthenticationTokenException',
  unknownKey: 'UnrecognizedClientException',
  signature: 'InvalidSignatureException',
  incomplete: 'IncompleteSignatureException',
  authStatus: 400,
  incompleteStatus: 400,
};

const QUERY_CODES: Codes = {
  missing: 'MissingAuthenticationToken',
  unknownKey: 'InvalidClientTokenId',
  signature: 'SignatureDoesNotMatch',
  incomplete: 'IncompleteSignature',
  authStatus: 403,
  incompleteStatus: 400,
};

function expiryMessage(e: SigV4Error): string {
  const d = e.detail;
  if (d === undefined || d.skewMinutes === undefined) return e.message;
  return e.kind === 'expired'
    ? `Signature expired: ${d.amzDate} is now earlier than ${d.bound} (${d.now} - ${d.skewMinutes} min.)`
    : `Signature not yet current: ${d.amzDate} is still later than ${d.bound} (${d.now} + ${d.skewMinutes} min.)`;
}

/**
 * The AwsError for an authentication failure. `protocol` picks the code family ('json' for KMS and CloudWatch
 * Logs, 'query' for IAM and STS); `service` is the endpoint's signing name (kept for per-service wording).
 */
export function authErrorFor(e: SigV4Error, protocol: 'json' | 'query', service: string): AwsError {
  void service; // every service of a protocol family answers alike today
  const c = protocol === 'json' ? JSON_CODES : QUERY_CODES;
  switch (e.kind) {
    case 'missing':
      return new AwsError(c.missing, MSG_MISSING_TOKEN, { status: c.authStatus });
    case 'unknown-key':
      return new AwsError(c.unknownKey, MSG_INVALID_TOKEN, { status: c.authStatus });
    case 'incomplete':
      return new AwsError(c.incomplete, e.message, { status: c.incompleteStatus });
    case 'expired':
    case 'not-yet-valid':
      return new AwsError(c.signature, expiryMessage(e), { status: c.authStatus });
    case 'presign-expired':
      return new AwsError(c.signature, e.message, { status: c.authStatus });
    case 'expired-token':
      // STS's ExpiredToken (403) for Query services; ExpiredTokenException (400) for JSON ones.
      return new AwsError(protocol === 'json' ? 'ExpiredTokenException' : 'ExpiredToken', e.message, { status: c.authStatus });
    case 'signature':
      return new AwsError(c.signature, e.message === '' ? MSG_SIGNATURE_MISMATCH : e.message, { status: c.authStatus });
  }
}
