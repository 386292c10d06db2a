import { awsStyleId } from '../common/ids.js';
import type { EntityKind } from './model.js';

/** IAM's unique ids are 21 characters: a 4-letter prefix that tells the kind of entity, then 17 random ones. */
const ID_PREFIX = { user: 'AIDA', group: 'AGPA', role: 'AROA', policy: 'ANPA' } as const;

export function newIamId(kind: keyof typeof ID_PREFIX): string {
  return awsStyleId(ID_PREFIX[kind], 21);
}

/** `arn:aws:iam::123456789012:user/path/name` (the path is `/` or `/a/b/`). */
export function iamArn(accountId: string, kind: EntityKind | 'policy', path: string, name: string): string {
  return `arn:aws:iam::${accountId}:${kind}${path}${name}`;
}

export function assumedRoleArn(accountId: string, roleName: string, sessionName: string): string {
  return `arn:aws:sts::${accountId}:assumed-role/${roleName}/${sessionName}`;
}

/** The parts of a customer managed policy ARN, or undefined when the ARN names something else. */
export function parsePolicyArn(arn: string): { accountId: string; path: string; name: string } | undefined {
  const m = /^arn:aws:iam::(\d{12}|aws):policy(\/(?:[\x21-\x7e]*\/)?)([^/]+)$/.exec(arn);
  if (!m || m[1] === 'aws') return undefined;
  return { accountId: m[1]!, path: m[2]!, name: m[3]! };
}

/** The parts of an IAM role ARN, or undefined when the ARN names something else. */
export function parseRoleArn(arn: string): { accountId: string; path: string; name: string } | undefined {
  const m = /^arn:aws:iam::(\d{12}):role(\/(?:[\x21-\x7e]*\/)?)([\w+=,.@-]+)$/.exec(arn);
  return m ? { accountId: m[1]!, path: m[2]!, name: m[3]! } : undefined;
}

/**
 * Whether a string has the general shape of an ARN (`arn:partition:service:region:account:resource`, partition,
 * service and resource non-empty), which IAM and STS check before looking anything up.
 */
export function looksLikeArn(s: string): boolean {
  const parts = s.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return false;
  return parts[1] !== '' && parts[2] !== '' && parts.slice(5).join(':') !== '';
}
