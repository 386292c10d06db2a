/**
 * The key policy the create-key wizard writes: the statements the AWS KMS console writes (key-policy-default.md in
 * the KMS developer guide), plus the CloudWatch Logs statements of the CloudWatch Logs user guide ("Encrypt log data
 * in CloudWatch Logs using AWS KMS"), so what a person reviews is what AWS itself would create.
 */
import { statementsOf, type PolicyDocument, type Statement } from './document.js';

export interface KeyPolicyChoices {
  accountId: string;
  region: string;
  /** IAM user and role ARNs that may manage the key. */
  administrators: string[];
  /** IAM user and role ARNs that may use the key. */
  users: string[];
  /** What the key does; the key users' actions depend on it. Symmetric encryption when absent. */
  kind?: KeyKind;
  /** CloudWatch Logs may use the key for the account's log groups in the region. */
  allowLogs: boolean;
  /** CloudWatch Logs may use the key for the account's anomaly detectors in the region. */
  allowAnomalyDetectors: boolean;
}

export type KeyKind = 'symmetric' | 'hmac' | 'asymmetric-encrypt' | 'sign';

/** The key users' actions the AWS KMS console writes for each kind of key. */
export const KEY_USER_ACTIONS: Record<KeyKind, string[]> = {
  symmetric: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
  hmac: ['kms:DescribeKey', 'kms:GenerateMac', 'kms:VerifyMac'],
  'asymmetric-encrypt': ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:DescribeKey', 'kms:GetPublicKey'],
  sign: ['kms:DescribeKey', 'kms:GetPublicKey', 'kms:Sign', 'kms:Verify'],
};

export const KEY_ADMIN_ACTIONS = [
  'kms:Create*',
  'kms:Describe*',
  'kms:Enable*',
  'kms:List*',
  'kms:Put*',
  'kms:Update*',
  'kms:Revoke*',
  'kms:Disable*',
  'kms:Get*',
  'kms:Delete*',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:ScheduleKeyDeletion',
  'kms:CancelKeyDeletion',
];

/** The actions the CloudWatch Logs user guide grants the service, also what the policy check asks about. */
export const LOGS_ACTIONS = ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'];

export const LOG_GROUP_CONTEXT_KEY = 'kms:EncryptionContext:aws:logs:arn';
/** Anomaly detectors encrypt through the Encryption SDK, which prefixes its context keys with `aws-crypto-ec:`. */
export const DETECTOR_CONTEXT_KEY = 'kms:EncryptionContext:aws-crypto-ec:aws:logs:arn';

export const LOGS_SID = 'Allow CloudWatch Logs to use the key';
export const DETECTORS_SID = 'Allow CloudWatch Logs anomaly detectors to use the key';

export function logsServicePrincipal(region: string): string {
  return `logs.${region}.amazonaws.com`;
}

export function rootStatement(accountId: string): Statement {
  return { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: 'kms:*', Resource: '*' };
}

export function administratorsStatement(arns: string[]): Statement {
  return { Sid: 'Allow access for Key Administrators', Effect: 'Allow', Principal: { AWS: arns }, Action: KEY_ADMIN_ACTIONS, Resource: '*' };
}

export function usersStatements(arns: string[], kind: KeyKind = 'symmetric'): Statement[] {
  return [
    { Sid: 'Allow use of the key', Effect: 'Allow', Principal: { AWS: arns }, Action: KEY_USER_ACTIONS[kind], Resource: '*' },
    {
      Sid: 'Allow attachment of persistent resources',
      Effect: 'Allow',
      Principal: { AWS: arns },
      Action: ['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant'],
      Resource: '*',
      Condition: { Bool: { 'kms:GrantIsForAWSResource': true } },
    },
  ];
}

/** CloudWatch Logs may use the key for any log group of the account in the region. */
export function logsStatement(region: string, accountId: string, sid = LOGS_SID): Statement {
  return {
    Sid: sid,
    Effect: 'Allow',
    Principal: { Service: logsServicePrincipal(region) },
    Action: LOGS_ACTIONS,
    Resource: '*',
    Condition: { ArnLike: { [LOG_GROUP_CONTEXT_KEY]: `arn:aws:logs:${region}:${accountId}:log-group:*` } },
  };
}

/** CloudWatch Logs may use the key for any anomaly detector of the account in the region. */
export function anomalyDetectorStatement(region: string, accountId: string, sid = DETECTORS_SID): Statement {
  return {
    Sid: sid,
    Effect: 'Allow',
    Principal: { Service: logsServicePrincipal(region) },
    Action: LOGS_ACTIONS,
    Resource: '*',
    Condition: { ArnLike: { [DETECTOR_CONTEXT_KEY]: `arn:aws:logs:${region}:${accountId}:anomaly-detector:*` } },
  };
}

export function buildKeyPolicy(c: KeyPolicyChoices): PolicyDocument {
  const statements: Statement[] = [rootStatement(c.accountId)];
  if (c.administrators.length > 0) statements.push(administratorsStatement(c.administrators));
  if (c.users.length > 0) statements.push(...usersStatements(c.users, c.kind));
  if (c.allowLogs) statements.push(logsStatement(c.region, c.accountId));
  if (c.allowAnomalyDetectors) statements.push(anomalyDetectorStatement(c.region, c.accountId));
  return { Version: '2012-10-17', Id: 'key-consolepolicy-3', Statement: statements };
}

/** A copy of `doc` with `statement` appended, its Sid made unique among the existing ones. */
export function withStatement(doc: PolicyDocument, statement: Statement): PolicyDocument {
  const existing = statementsOf(doc);
  const sids = new Set(existing.map((s) => s.Sid).filter((s): s is string => typeof s === 'string'));
  let sid = statement.Sid;
  for (let n = 2; sid !== undefined && sids.has(sid); n++) sid = `${statement.Sid} (${n})`;
  return { ...doc, Statement: [...existing, { ...statement, Sid: sid }] };
}
