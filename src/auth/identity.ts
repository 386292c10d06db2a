/** Who is calling. Every request is authenticated to one of these; services call each other as a `service` principal. */
export type PrincipalType = 'root' | 'user' | 'assumed-role' | 'service';

export interface Principal {
  type: PrincipalType;
  /** The principal's account (for a service principal: the account it acts for). */
  accountId: string;
  /** `arn:aws:iam::A:root`, `arn:aws:iam::A:user/path/name`, `arn:aws:sts::A:assumed-role/R/S`, or the service name. */
  arn: string;
  /** AWS's unique id: the account id for the root, `AIDA…` for a user, `AROA…:session` for a role session. */
  userId: string;
  /** The user name (users) or role name (role sessions). */
  name?: string;
  /** Role sessions: the role's ARN, with its path (the session ARN leaves the path out). */
  roleArn?: string;
  /** The access key the request was signed with, when there is one. */
  accessKeyId?: string;
  /** Set when the request was signed with temporary credentials (STS): what the session carries into conditions. */
  session?: SessionFacts;
}

/** What temporary credentials tell policies (`aws:TokenIssueTime`, `aws:MultiFactorAuthPresent`, …). */
export interface SessionFacts {
  /** When STS issued the credentials (ms). */
  issuedAt: number;
  /** When the MFA device was used to obtain them (ms); absent when no MFA was used. */
  mfaAuthenticatedAt?: number;
  /** The source identity set on a role session (`aws:SourceIdentity`). */
  sourceIdentity?: string;
}

export const DEV_ACCOUNT_ID = '000000000000';
export const DEV_ACCESS_KEY_ID = 'test';
export const DEV_SECRET_ACCESS_KEY = 'test';

export function rootArn(accountId: string): string {
  return `arn:aws:iam::${accountId}:root`;
}

export function rootPrincipal(accountId: string, accessKeyId?: string): Principal {
  return { type: 'root', accountId, arn: rootArn(accountId), userId: accountId, accessKeyId };
}

/** The principal a logseal service uses when it calls another one (e.g. `logs.us-east-1.amazonaws.com`). */
export function servicePrincipal(service: string, region: string, accountId: string): Principal {
  const name = `${service}.${region}.amazonaws.com`;
  return { type: 'service', accountId, arn: name, userId: name, name };
}
