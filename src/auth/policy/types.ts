/** The parsed form of a policy document (what `parsePolicy` returns and `compilePolicy` consumes). */

export type Effect = 'Allow' | 'Deny';

export type PolicyVersion = '2012-10-17' | '2008-10-17';

/** One `Principal`/`NotPrincipal` element, grouped by kind. `wildcard` is set by `"*"` and `{"AWS": "*"}`. */
export interface PrincipalSpec {
  wildcard: boolean;
  /** 12-digit account ids (from `"123456789012"` or `arn:…:iam::123456789012:root`). */
  accounts: string[];
  /** IAM user, role and STS session ARNs, as written. */
  arns: string[];
  services: string[];
  federated: string[];
  canonicalUsers: string[];
}

export type BaseOperator =
  | 'StringEquals'
  | 'StringNotEquals'
  | 'StringEqualsIgnoreCase'
  | 'StringNotEqualsIgnoreCase'
  | 'StringLike'
  | 'StringNotLike'
  | 'NumericEquals'
  | 'NumericNotEquals'
  | 'NumericLessThan'
  | 'NumericLessThanEquals'
  | 'NumericGreaterThan'
  | 'NumericGreaterThanEquals'
  | 'DateEquals'
  | 'DateNotEquals'
  | 'DateLessThan'
  | 'DateLessThanEquals'
  | 'DateGreaterThan'
  | 'DateGreaterThanEquals'
  | 'Bool'
  | 'BinaryEquals'
  | 'IpAddress'
  | 'NotIpAddress'
  | 'ArnEquals'
  | 'ArnLike'
  | 'ArnNotEquals'
  | 'ArnNotLike'
  | 'Null';

export type SetQualifier = 'ForAnyValue' | 'ForAllValues';

/** One (operator, key) pair of a `Condition` block with its values (always strings, as AWS reads them). */
export interface ConditionClause {
  /** The operator as written, e.g. `ForAnyValue:StringLikeIfExists`. */
  operator: string;
  base: BaseOperator;
  qualifier: SetQualifier | null;
  ifExists: boolean;
  /** The condition key as written; matched case-insensitively. */
  key: string;
  values: string[];
}

export interface Statement {
  /** Position in the `Statement` array (0 for a single statement object). */
  index: number;
  sid?: string;
  effect: Effect;
  principal?: PrincipalSpec;
  notPrincipal?: PrincipalSpec;
  action?: string[];
  notAction?: string[];
  resource?: string[];
  notResource?: string[];
  conditions: ConditionClause[];
  /**
   * A statement without Action/NotAction or Resource/NotResource that was kept because the parser was told to accept
   * it (`missingActionOrResource: 'ineffective'`, KMS's behaviour); it never matches.
   */
  ineffective: boolean;
}

export interface Policy {
  /** Absent when the document has no `Version` (AWS then applies 2008-10-17 rules: no policy variables). */
  version?: PolicyVersion;
  id?: string;
  statements: Statement[];
}

export interface ParseOptions {
  /** `resource` policies (KMS key policies, trust policies) need a principal; `identity` policies must not have one. */
  kind: 'resource' | 'identity';
  /**
   * Asked for every IAM user, role and STS session ARN named in a principal (account ids and `:root` ARNs are not
   * asked: granting another account is always allowed). Returning false refuses the policy as AWS does.
   */
  principalExists?(arn: string): boolean;
  /**
   * What to do with a statement missing Action/NotAction or Resource/NotResource. IAM refuses it (`reject`, the
   * default); KMS documents that it accepts the key policy and the statement simply has no effect (`ineffective`).
   */
  missingActionOrResource?: 'reject' | 'ineffective';
  /**
   * Accept any Resource string, as CloudWatch Logs resource policies do (AWS stores `"Resource": "log_arn"`; such a
   * resource matches nothing). By default a Resource must be an ARN or `*`, as IAM requires.
   */
  anyResource?: boolean;
}

/** A value of the request context. Arrays are multivalued keys; `null`, `undefined` and `[]` count as absent. */
export type ContextScalar = string | number | boolean | Date | Uint8Array;
export type ContextValue = ContextScalar | readonly ContextScalar[] | null | undefined;
/**
 * Condition keys → values. Keys are looked up case-insensitively, as AWS does. String* and Arn* operators read
 * numbers, booleans and Dates in their string forms; Date* operators read Dates, ISO-8601 strings and epoch seconds
 * (numbers or digit strings, as `aws:EpochTime`); BinaryEquals reads bytes or base64.
 */
export type ConditionContext = Readonly<Record<string, ContextValue>>;

export interface RequestPrincipal {
  type: 'AWS' | 'Service';
  /** `arn:aws:iam::111122223333:user/alice`, `…:root`, `arn:aws:sts::…:assumed-role/R/S`, or the service name. */
  arn: string;
  /** For AWS principals; derived from the ARN when absent. */
  accountId?: string;
  /** For assumed-role sessions: the role's ARN, so that a policy naming the role matches its sessions. */
  roleArn?: string;
  /** For IAM users (and their GetSessionToken sessions): the user's unique id, `AIDA…`. */
  userId?: string;
  /** For assumed-role sessions: the role's unique id, `AROA…`, so that a policy bound to the role matches them. */
  roleId?: string;
}

export interface CompileOptions {
  /**
   * Resolves the IAM user and role ARNs of `Principal`/`NotPrincipal` to unique ids, as stored with the policy
   * (src/auth/policy/bindings.ts). Without it those ARNs match by ARN.
   */
  principalIds?: (arn: string) => string | undefined;
}

export interface PolicyRequest {
  principal: RequestPrincipal;
  /** `kms:Decrypt` */
  action: string;
  /** The resource ARN. */
  resource: string;
  context: ConditionContext;
}

export interface Evaluation {
  /** Some Deny statement matched. */
  explicitDeny: boolean;
  /** Some Allow statement matched the principal directly (or had no Principal element: identity policy). */
  allowed: boolean;
  /**
   * Some Allow statement matched only because it names the caller's account (account id or `:root` ARN): in a key
   * policy this delegates to the account's IAM policies and grants nothing by itself.
   */
  allowedViaAccount: boolean;
  /** Sids (or statement indexes when there is no Sid) of the statements that matched, Allow and Deny alike. */
  matchedStatements: string[];
}
