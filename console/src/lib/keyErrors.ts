import { errorCode } from './errors.js';

/** Data that cannot be read or written because of its KMS key: which key, and KMS's reason. */
export interface KeyTrouble {
  keyArn: string;
  /** KMS's error code (DisabledException, KMSInvalidStateException, AccessDeniedException, NotFoundException…). */
  kmsCode: string;
  kmsMessage: string;
}

// CloudWatch Logs' message when KMS refuses a key on the data path (src/logs/messages.ts, kmsKeyUnavailable).
const UNAVAILABLE = /^The KMS key (\S+) that encrypts data of LogGroup '[^']*' cannot be used: ([A-Za-z]+): ?(.*)$/s;

export function keyTroubleOf(err: unknown): KeyTrouble | null {
  if (!(err instanceof Error) || errorCode(err) !== 'AccessDeniedException') return null;
  const m = UNAVAILABLE.exec(err.message);
  return m ? { keyArn: m[1], kmsCode: m[2], kmsMessage: m[3] } : null;
}

/** What the person can do about it, in plain words. */
export function keyTroubleAdvice(t: KeyTrouble): string {
  switch (t.kmsCode) {
    case 'DisabledException':
      return 'The key is disabled. Enable it again and the events are readable again.';
    case 'KMSInvalidStateException':
      return 'The key is not usable in its current state (for example, it is pending deletion). Cancel its deletion and enable it to read these events.';
    case 'AccessDeniedException':
      return "The key's policy does not let CloudWatch Logs use the key for this log group. The policy check shows the statement that is missing.";
    case 'NotFoundException':
      return 'The key no longer exists. Data encrypted under a deleted key cannot be recovered.';
    default:
      return 'KMS refused to use the key for this log group.';
  }
}

export function keyIdOfArn(arn: string): string {
  const i = arn.indexOf(':key/');
  return i < 0 ? arn : arn.slice(i + ':key/'.length);
}
