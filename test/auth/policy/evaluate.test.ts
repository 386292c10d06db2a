import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compilePolicy, evaluate, parsePolicy } from '../../../src/auth/policy/index.js';
import type { ConditionContext, Evaluation, PolicyRequest, RequestPrincipal } from '../../../src/auth/policy/index.js';

const ACCOUNT = '111122223333';
const OTHER = '444455556666';
const KEY_ARN = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const GROUP_ARN = `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:app`;

const alice: RequestPrincipal = { type: 'AWS', arn: `arn:aws:iam::${ACCOUNT}:user/alice`, accountId: ACCOUNT };
const bob: RequestPrincipal = { type: 'AWS', arn: `arn:aws:iam::${OTHER}:user/bob`, accountId: OTHER };
const root: RequestPrincipal = { type: 'AWS', arn: `arn:aws:iam::${ACCOUNT}:root`, accountId: ACCOUNT };
const session: RequestPrincipal = {
  type: 'AWS',
  arn: `arn:aws:sts::${ACCOUNT}:assumed-role/Admin/s1`,
  accountId: ACCOUNT,
  roleArn: `arn:aws:iam::${ACCOUNT}:role/Admin`,
};
const logsTokyo: RequestPrincipal = { type: 'Service', arn: 'logs.ap-northeast-1.amazonaws.com' };
const logsVirginia: RequestPrincipal = { type: 'Service', arn: 'logs.us-east-1.amazonaws.com' };

type Decision = 'allow' | 'deny' | 'account' | 'implicit';

interface Case {
  name: string;
  policy: Record<string, unknown>;
  request?: Partial<PolicyRequest>;
  expect: Decision;
  matched?: string[];
}

function decision(e: Evaluation): Decision {
  if (e.explicitDeny) return 'deny';
  if (e.allowed) return 'allow';
  if (e.allowedViaAccount) return 'account';
  return 'implicit';
}

/** An identity policy with one statement; `extra` overrides or adds elements. */
function identity(extra: Record<string, unknown>, version: string | null = '2012-10-17'): Record<string, unknown> {
  const statement = { Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*', ...extra };
  return version === null ? { Statement: [statement] } : { Version: version, Statement: [statement] };
}

/** An identity policy allowing kms:Decrypt under one condition. */
function when(operator: string, key: string, values: unknown): Record<string, unknown> {
  return identity({ Condition: { [operator]: { [key]: values } } });
}

/** A resource policy whose statements all grant kms:Decrypt on "*" unless they say otherwise. */
function resource(...statements: Record<string, unknown>[]): Record<string, unknown> {
  return {
    Version: '2012-10-17',
    Statement: statements.map((s) => ({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*', ...s })),
  };
}

const ctx = (c: ConditionContext): Partial<PolicyRequest> => ({ context: c });

/** The key policy CloudWatch Logs documents for encrypting log groups, in both encryption-context forms. */
const logsKeyPolicy = {
  Version: '2012-10-17',
  Id: 'key-default-1',
  Statement: [
    {
      Sid: 'Enable IAM User Permissions',
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
      Action: 'kms:*',
      Resource: '*',
    },
    {
      Sid: 'AllowLogs',
      Effect: 'Allow',
      Principal: { Service: 'logs.us-east-1.amazonaws.com' },
      Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      Resource: '*',
      Condition: {
        ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:*` },
      },
    },
    {
      Sid: 'AllowLogsCryptoEc',
      Effect: 'Allow',
      Principal: { Service: 'logs.us-east-1.amazonaws.com' },
      Action: ['kms:Decrypt*', 'kms:GenerateDataKey*'],
      Resource: '*',
      Condition: {
        ArnLike: { 'kms:EncryptionContext:aws-crypto-ec:aws:logs:arn': `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:*` },
      },
    },
  ],
};

const LOG_GROUP_RESOURCE = (name: string): Partial<PolicyRequest> => ({
  action: 'logs:PutLogEvents',
  resource: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:${name}`,
});

const cases: Case[] = [
  // ---- Action ----
  { name: 'allows an action named exactly', policy: identity({}), expect: 'allow' },
  { name: 'matches action names case-insensitively', policy: identity({ Action: 'KMS:dEcRyPt' }), expect: 'allow' },
  { name: 'matches a service-wide action wildcard', policy: identity({ Action: 'kms:*' }), expect: 'allow' },
  { name: 'matches "*" as every action', policy: identity({ Action: '*' }), expect: 'allow' },
  { name: 'does not match an action prefix wildcard that differs', policy: identity({ Action: 'kms:Gen*' }), expect: 'implicit' },
  {
    name: 'matches a trailing wildcard on a longer action name',
    policy: identity({ Action: 'kms:GenerateDataKey*' }),
    request: { action: 'kms:GenerateDataKeyWithoutPlaintext' },
    expect: 'allow',
  },
  { name: 'matches "?" as exactly one character in an action', policy: identity({ Action: 'kms:?ecrypt' }), expect: 'allow' },
  { name: 'does not match "?" against zero characters', policy: identity({ Action: 'kms:?Decrypt' }), expect: 'implicit' },
  { name: 'does not match another service', policy: identity({ Action: 'logs:*' }), expect: 'implicit' },
  { name: 'allows any action not listed in NotAction', policy: identity({ Action: undefined, NotAction: 'kms:Encrypt' }), expect: 'allow' },
  {
    name: 'does not allow an action listed in NotAction',
    policy: identity({ Action: undefined, NotAction: ['kms:Encrypt', 'kms:Dec*'] }),
    expect: 'implicit',
  },

  // ---- Resource ----
  { name: 'allows the resource named exactly', policy: identity({ Resource: KEY_ARN }), expect: 'allow' },
  {
    name: 'matches resource ARNs case-sensitively',
    policy: identity({ Resource: KEY_ARN.replace('key/', 'KEY/') }),
    expect: 'implicit',
  },
  { name: 'matches wildcards within resource ARN segments', policy: identity({ Resource: `arn:aws:kms:*:${ACCOUNT}:key/*` }), expect: 'allow' },
  { name: 'matches "?" within a resource segment', policy: identity({ Resource: `arn:aws:kms:us-east-?:${ACCOUNT}:key/*` }), expect: 'allow' },
  {
    name: 'lets a "*" that ends a resource segment run past colons',
    policy: identity({ Action: 'logs:*', Resource: `arn:aws:logs:us-east-1:${ACCOUNT}:*` }),
    request: { action: 'logs:PutLogEvents', resource: `${GROUP_ARN}:log-stream:s1` },
    expect: 'allow',
  },
  {
    name: 'lets a final "*" after a name cover its sub-resources',
    policy: identity({ Action: 'logs:*', Resource: `${GROUP_ARN}*` }),
    request: { action: 'logs:PutLogEvents', resource: `${GROUP_ARN}:log-stream:s1` },
    expect: 'allow',
  },
  {
    name: 'keeps a "*" inside a resource segment from crossing a colon',
    policy: identity({ Action: 'logs:*', Resource: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:app*s1` }),
    request: { action: 'logs:PutLogEvents', resource: `${GROUP_ARN}:log-stream:s1` },
    expect: 'implicit',
  },
  {
    name: 'matches any entry of a Resource list',
    policy: identity({ Resource: [`arn:aws:kms:us-west-2:${ACCOUNT}:key/x`, KEY_ARN] }),
    expect: 'allow',
  },
  { name: 'does not allow a resource excluded by NotResource', policy: identity({ Resource: undefined, NotResource: KEY_ARN }), expect: 'implicit' },
  {
    name: 'allows a resource not excluded by NotResource',
    policy: identity({ Resource: undefined, NotResource: `arn:aws:kms:us-east-1:${ACCOUNT}:key/other` }),
    expect: 'allow',
  },

  // ---- Principal ----
  { name: 'allows a user named by ARN', policy: resource({ Principal: { AWS: alice.arn } }), expect: 'allow' },
  { name: 'does not allow a user who is not named', policy: resource({ Principal: { AWS: alice.arn } }), request: { principal: bob }, expect: 'implicit' },
  {
    name: 'reports an account-id principal as delegation to the account for its users',
    policy: resource({ Principal: { AWS: ACCOUNT } }),
    expect: 'account',
  },
  {
    name: 'reports a :root principal as delegation to the account for its users',
    policy: resource({ Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` } }),
    expect: 'account',
  },
  {
    name: 'allows the root user directly when its account is named by :root ARN',
    policy: resource({ Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` } }),
    request: { principal: root },
    expect: 'allow',
  },
  { name: 'allows the root user directly when its account id is named', policy: resource({ Principal: { AWS: ACCOUNT } }), request: { principal: root }, expect: 'allow' },
  { name: 'does not delegate to another account', policy: resource({ Principal: { AWS: `arn:aws:iam::${OTHER}:root` } }), expect: 'implicit' },
  {
    name: 'derives the caller account from its ARN when no account id is given',
    policy: resource({ Principal: { AWS: ACCOUNT } }),
    request: { principal: { type: 'AWS', arn: alice.arn } },
    expect: 'account',
  },
  {
    name: 'allows the sessions of a role named by role ARN',
    policy: resource({ Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/Admin` } }),
    request: { principal: session },
    expect: 'allow',
  },
  { name: 'allows a session named by its session ARN', policy: resource({ Principal: { AWS: session.arn } }), request: { principal: session }, expect: 'allow' },
  {
    name: 'does not allow the sessions of another role',
    policy: resource({ Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/Reader` } }),
    request: { principal: session },
    expect: 'implicit',
  },
  { name: 'allows everyone with Principal "*"', policy: resource({ Principal: '*' }), request: { principal: bob }, expect: 'allow' },
  { name: 'allows service principals with {"AWS": "*"}', policy: resource({ Principal: { AWS: '*' } }), request: { principal: logsTokyo }, expect: 'allow' },
  {
    name: 'allows the logs service principal of the named region',
    policy: resource({ Principal: { Service: 'logs.ap-northeast-1.amazonaws.com' } }),
    request: { principal: logsTokyo },
    expect: 'allow',
  },
  {
    name: 'does not allow the logs service principal of another region',
    policy: resource({ Principal: { Service: 'logs.ap-northeast-1.amazonaws.com' } }),
    request: { principal: logsVirginia },
    expect: 'implicit',
  },
  {
    name: 'does not allow a service principal through an account principal',
    policy: resource({ Principal: { AWS: ACCOUNT } }),
    request: { principal: logsTokyo },
    expect: 'implicit',
  },
  {
    name: 'does not deny the principal exempted by NotPrincipal',
    policy: resource({ Sid: 'Use' , Principal: '*' }, { Sid: 'OnlyAlice', Effect: 'Deny', NotPrincipal: { AWS: alice.arn } }),
    expect: 'allow',
    matched: ['Use'],
  },
  {
    name: 'denies everyone else with NotPrincipal',
    policy: resource({ Principal: '*' }, { Effect: 'Deny', NotPrincipal: { AWS: alice.arn } }),
    request: { principal: bob },
    expect: 'deny',
  },
  {
    name: 'does not exempt a role session when NotPrincipal names only the role',
    policy: resource({ Effect: 'Deny', NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:role/Admin` } }),
    request: { principal: session },
    expect: 'deny',
  },

  // ---- Deny over Allow ----
  {
    name: 'lets an explicit deny override an allow',
    policy: resource({ Sid: 'A', Principal: { AWS: alice.arn } }, { Sid: 'D', Effect: 'Deny', Principal: { AWS: alice.arn } }),
    expect: 'deny',
    matched: ['A', 'D'],
  },
  {
    name: 'lets a deny naming an account apply to its users',
    policy: resource({ Principal: { AWS: alice.arn } }, { Effect: 'Deny', Principal: { AWS: ACCOUNT } }),
    expect: 'deny',
    matched: ['0', '1'],
  },
  {
    name: 'does not deny when the deny condition is false',
    policy: resource(
      { Principal: { AWS: alice.arn } },
      { Effect: 'Deny', Principal: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
    ),
    request: ctx({ 'aws:SecureTransport': true }),
    expect: 'allow',
  },

  // ---- String operators ----
  { name: 'StringEquals matches an equal value', policy: when('StringEquals', 'aws:PrincipalAccount', ACCOUNT), request: ctx({ 'aws:PrincipalAccount': ACCOUNT }), expect: 'allow' },
  { name: 'StringEquals does not match a different value', policy: when('StringEquals', 'aws:PrincipalAccount', ACCOUNT), request: ctx({ 'aws:PrincipalAccount': OTHER }), expect: 'implicit' },
  { name: 'looks condition keys up case-insensitively', policy: when('StringEquals', 'AWS:PrincipalAccount', ACCOUNT), request: ctx({ 'aws:principalaccount': ACCOUNT }), expect: 'allow' },
  { name: 'StringEquals compares values case-sensitively', policy: when('StringEquals', 'aws:username', 'Alice'), request: ctx({ 'aws:username': 'alice' }), expect: 'implicit' },
  { name: 'StringEquals ORs several policy values', policy: when('StringEquals', 'aws:username', ['bob', 'alice']), request: ctx({ 'aws:username': 'alice' }), expect: 'allow' },
  {
    name: 'ANDs several keys of one operator',
    policy: identity({ Condition: { StringEquals: { 'aws:username': 'alice', 'aws:PrincipalAccount': ACCOUNT } } }),
    request: ctx({ 'aws:username': 'alice', 'aws:PrincipalAccount': OTHER }),
    expect: 'implicit',
  },
  {
    name: 'ANDs several operators',
    policy: identity({ Condition: { StringEquals: { 'aws:username': 'alice' }, Bool: { 'aws:SecureTransport': 'true' } } }),
    request: ctx({ 'aws:username': 'alice', 'aws:SecureTransport': true }),
    expect: 'allow',
  },
  { name: 'StringEquals is false for a missing key', policy: when('StringEquals', 'aws:username', 'alice'), expect: 'implicit' },
  { name: 'StringNotEquals matches a different value', policy: when('StringNotEquals', 'aws:username', 'bob'), request: ctx({ 'aws:username': 'alice' }), expect: 'allow' },
  { name: 'StringNotEquals does not match an equal value', policy: when('StringNotEquals', 'aws:username', 'alice'), request: ctx({ 'aws:username': 'alice' }), expect: 'implicit' },
  { name: 'StringNotEquals is true for a missing key', policy: when('StringNotEquals', 'aws:username', 'alice'), expect: 'allow' },
  {
    name: 'StringNotEquals NORs several policy values',
    policy: when('StringNotEquals', 'aws:username', ['bob', 'alice']),
    request: ctx({ 'aws:username': 'alice' }),
    expect: 'implicit',
  },
  { name: 'StringEqualsIgnoreCase ignores case', policy: when('StringEqualsIgnoreCase', 'aws:username', 'ALICE'), request: ctx({ 'aws:username': 'alice' }), expect: 'allow' },
  { name: 'StringNotEqualsIgnoreCase ignores case', policy: when('StringNotEqualsIgnoreCase', 'aws:username', 'ALICE'), request: ctx({ 'aws:username': 'alice' }), expect: 'implicit' },
  { name: 'StringLike matches "*"', policy: when('StringLike', 's3:prefix', 'home/*'), request: ctx({ 's3:prefix': 'home/alice/docs' }), expect: 'allow' },
  { name: 'StringLike matches "?" as one character', policy: when('StringLike', 'aws:username', 'al?ce'), request: ctx({ 'aws:username': 'alice' }), expect: 'allow' },
  { name: 'StringLike is case-sensitive', policy: when('StringLike', 'aws:username', 'AL*'), request: ctx({ 'aws:username': 'alice' }), expect: 'implicit' },
  { name: 'StringNotLike excludes a matching value', policy: when('StringNotLike', 'aws:username', 'a*'), request: ctx({ 'aws:username': 'alice' }), expect: 'implicit' },
  { name: 'compares numbers and booleans as strings in String operators', policy: when('StringEquals', 'kms:GrantIsForAWSResource', true), request: ctx({ 'kms:GrantIsForAWSResource': 'true' }), expect: 'allow' },

  // ---- Numeric operators ----
  { name: 'NumericEquals matches an equal number', policy: when('NumericEquals', 'kms:NumberOfBytes', '32'), request: ctx({ 'kms:NumberOfBytes': 32 }), expect: 'allow' },
  { name: 'NumericNotEquals does not match an equal number', policy: when('NumericNotEquals', 'kms:NumberOfBytes', '32'), request: ctx({ 'kms:NumberOfBytes': 32 }), expect: 'implicit' },
  { name: 'NumericLessThan matches a smaller number', policy: when('NumericLessThan', 'kms:NumberOfBytes', '64'), request: ctx({ 'kms:NumberOfBytes': 32 }), expect: 'allow' },
  { name: 'NumericLessThanEquals matches at the boundary', policy: when('NumericLessThanEquals', 'kms:NumberOfBytes', '32'), request: ctx({ 'kms:NumberOfBytes': 32 }), expect: 'allow' },
  { name: 'NumericGreaterThan does not match at the boundary', policy: when('NumericGreaterThan', 'kms:NumberOfBytes', '32'), request: ctx({ 'kms:NumberOfBytes': 32 }), expect: 'implicit' },
  { name: 'NumericGreaterThanEquals matches a larger number', policy: when('NumericGreaterThanEquals', 'kms:NumberOfBytes', '16'), request: ctx({ 'kms:NumberOfBytes': 32 }), expect: 'allow' },
  { name: 'Numeric operators read numeric strings in the request', policy: when('NumericLessThan', 'aws:MultiFactorAuthAge', 3600), request: ctx({ 'aws:MultiFactorAuthAge': '120' }), expect: 'allow' },
  { name: 'Numeric operators do not match a non-numeric request value', policy: when('NumericLessThan', 'aws:MultiFactorAuthAge', 3600), request: ctx({ 'aws:MultiFactorAuthAge': 'soon' }), expect: 'implicit' },

  // ---- Date operators ----
  { name: 'DateEquals matches the same instant in ISO-8601', policy: when('DateEquals', 'aws:CurrentTime', '2026-01-01T00:00:00Z'), request: ctx({ 'aws:CurrentTime': new Date(Date.UTC(2026, 0, 1)) }), expect: 'allow' },
  { name: 'DateNotEquals does not match the same instant', policy: when('DateNotEquals', 'aws:CurrentTime', '2026-01-01T00:00:00Z'), request: ctx({ 'aws:CurrentTime': '2026-01-01T00:00:00.000Z' }), expect: 'implicit' },
  { name: 'DateLessThan matches an earlier date', policy: when('DateLessThan', 'aws:CurrentTime', '2026-06-30T00:00:00Z'), request: ctx({ 'aws:CurrentTime': new Date(Date.UTC(2026, 0, 1)) }), expect: 'allow' },
  { name: 'DateLessThanEquals reads epoch seconds in the policy', policy: when('DateLessThanEquals', 'aws:CurrentTime', String(Date.UTC(2026, 0, 1) / 1000)), request: ctx({ 'aws:CurrentTime': new Date(Date.UTC(2026, 0, 1)) }), expect: 'allow' },
  { name: 'DateGreaterThan does not match an earlier date', policy: when('DateGreaterThan', 'aws:CurrentTime', '2026-06-30T00:00:00Z'), request: ctx({ 'aws:CurrentTime': new Date(Date.UTC(2026, 0, 1)) }), expect: 'implicit' },
  { name: 'DateGreaterThanEquals reads epoch seconds in the request', policy: when('DateGreaterThanEquals', 'aws:EpochTime', '2025-12-31T23:59:59Z'), request: ctx({ 'aws:EpochTime': Date.UTC(2026, 0, 1) / 1000 }), expect: 'allow' },

  // ---- Bool, Binary, IP ----
  { name: 'Bool matches a boolean true', policy: when('Bool', 'aws:SecureTransport', 'true'), request: ctx({ 'aws:SecureTransport': true }), expect: 'allow' },
  { name: 'Bool matches a "false" string case-insensitively', policy: when('Bool', 'aws:SecureTransport', 'FALSE'), request: ctx({ 'aws:SecureTransport': 'false' }), expect: 'allow' },
  { name: 'Bool does not match the opposite value', policy: when('Bool', 'aws:SecureTransport', 'true'), request: ctx({ 'aws:SecureTransport': false }), expect: 'implicit' },
  { name: 'BinaryEquals matches the same bytes', policy: when('BinaryEquals', 'test:Blob', Buffer.from('hello').toString('base64')), request: ctx({ 'test:Blob': new Uint8Array(Buffer.from('hello')) }), expect: 'allow' },
  { name: 'BinaryEquals does not match other bytes', policy: when('BinaryEquals', 'test:Blob', Buffer.from('hello').toString('base64')), request: ctx({ 'test:Blob': new Uint8Array(Buffer.from('hellp')) }), expect: 'implicit' },
  { name: 'IpAddress matches an IPv4 address inside the CIDR', policy: when('IpAddress', 'aws:SourceIp', '203.0.113.0/24'), request: ctx({ 'aws:SourceIp': '203.0.113.77' }), expect: 'allow' },
  { name: 'IpAddress does not match an address outside the CIDR', policy: when('IpAddress', 'aws:SourceIp', '203.0.113.0/24'), request: ctx({ 'aws:SourceIp': '203.0.114.1' }), expect: 'implicit' },
  { name: 'IpAddress matches an IPv6 address inside the CIDR', policy: when('IpAddress', 'aws:SourceIp', ['203.0.113.0/24', '2001:db8::/32']), request: ctx({ 'aws:SourceIp': '2001:db8:1234::1' }), expect: 'allow' },
  { name: 'IpAddress reads an address without a prefix as one host', policy: when('IpAddress', 'aws:SourceIp', '198.51.100.7'), request: ctx({ 'aws:SourceIp': '198.51.100.7' }), expect: 'allow' },
  { name: 'NotIpAddress excludes an address inside the CIDR', policy: when('NotIpAddress', 'aws:SourceIp', '10.0.0.0/8'), request: ctx({ 'aws:SourceIp': '10.1.2.3' }), expect: 'implicit' },
  { name: 'NotIpAddress matches an address outside the CIDR', policy: when('NotIpAddress', 'aws:SourceIp', '10.0.0.0/8'), request: ctx({ 'aws:SourceIp': '192.0.2.1' }), expect: 'allow' },

  // ---- ARN operators ----
  { name: 'ArnEquals accepts wildcards like ArnLike', policy: when('ArnEquals', 'aws:SourceArn', `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:*`), request: ctx({ 'aws:SourceArn': GROUP_ARN }), expect: 'allow' },
  { name: 'ArnLike matches each component with wildcards', policy: when('ArnLike', 'aws:SourceArn', `arn:aws:logs:*:${ACCOUNT}:log-group:a*`), request: ctx({ 'aws:SourceArn': GROUP_ARN }), expect: 'allow' },
  {
    name: 'ArnLike does not let a component wildcard span components',
    policy: when('ArnLike', 'aws:SourceArn', 'arn:aws:logs:*:log-group:*'),
    request: ctx({ 'aws:SourceArn': GROUP_ARN }),
    expect: 'implicit',
  },
  {
    name: 'Resource globbing lets the same pattern span segments',
    policy: identity({ Action: 'logs:*', Resource: 'arn:aws:logs:*:log-group:*' }),
    request: { action: 'logs:PutLogEvents', resource: GROUP_ARN },
    expect: 'allow',
  },
  { name: 'ArnNotEquals excludes a matching ARN', policy: when('ArnNotEquals', 'aws:SourceArn', GROUP_ARN), request: ctx({ 'aws:SourceArn': GROUP_ARN }), expect: 'implicit' },
  { name: 'ArnNotLike matches an ARN outside the pattern', policy: when('ArnNotLike', 'aws:SourceArn', `arn:aws:logs:*:${OTHER}:*`), request: ctx({ 'aws:SourceArn': GROUP_ARN }), expect: 'allow' },
  {
    name: 'ArnLike reads ${*} as a literal asterisk',
    policy: when('ArnLike', 'aws:SourceArn', `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:a\${*}`),
    request: ctx({ 'aws:SourceArn': GROUP_ARN }),
    expect: 'implicit',
  },
  { name: 'ArnLike is case-sensitive', policy: when('ArnLike', 'aws:SourceArn', GROUP_ARN.toUpperCase()), request: ctx({ 'aws:SourceArn': GROUP_ARN }), expect: 'implicit' },

  // ---- Null ----
  { name: 'Null "true" matches a missing key', policy: when('Null', 'aws:TokenIssueTime', 'true'), expect: 'allow' },
  { name: 'Null "true" does not match a present key', policy: when('Null', 'aws:TokenIssueTime', 'true'), request: ctx({ 'aws:TokenIssueTime': '2026-01-01T00:00:00Z' }), expect: 'implicit' },
  { name: 'Null "false" matches a present key', policy: when('Null', 'aws:TokenIssueTime', false), request: ctx({ 'aws:TokenIssueTime': '2026-01-01T00:00:00Z' }), expect: 'allow' },
  { name: 'Null treats an empty multivalued key as missing', policy: when('Null', 'aws:TagKeys', 'true'), request: ctx({ 'aws:TagKeys': [] }), expect: 'allow' },

  // ---- IfExists ----
  { name: 'StringEqualsIfExists is true for a missing key', policy: when('StringEqualsIfExists', 'aws:username', 'alice'), expect: 'allow' },
  { name: 'StringEqualsIfExists still compares a present key', policy: when('StringEqualsIfExists', 'aws:username', 'alice'), request: ctx({ 'aws:username': 'bob' }), expect: 'implicit' },
  { name: 'NumericLessThanIfExists is true for a missing key', policy: when('NumericLessThanIfExists', 'kms:NumberOfBytes', '64'), expect: 'allow' },
  { name: 'ArnLikeIfExists compares a present key', policy: when('ArnLikeIfExists', 'aws:SourceArn', `arn:aws:logs:*:${OTHER}:*`), request: ctx({ 'aws:SourceArn': GROUP_ARN }), expect: 'implicit' },

  // ---- Set qualifiers ----
  { name: 'ForAnyValue matches when one request value matches', policy: when('ForAnyValue:StringEquals', 'aws:TagKeys', ['env', 'team']), request: ctx({ 'aws:TagKeys': ['owner', 'team'] }), expect: 'allow' },
  { name: 'ForAnyValue does not match when no request value matches', policy: when('ForAnyValue:StringEquals', 'aws:TagKeys', ['env']), request: ctx({ 'aws:TagKeys': ['owner', 'team'] }), expect: 'implicit' },
  { name: 'ForAnyValue is false for a missing key', policy: when('ForAnyValue:StringEquals', 'aws:TagKeys', ['env']), expect: 'implicit' },
  { name: 'ForAnyValue is false for an empty set', policy: when('ForAnyValue:StringEquals', 'aws:TagKeys', ['env']), request: ctx({ 'aws:TagKeys': [] }), expect: 'implicit' },
  { name: 'ForAllValues matches when every request value matches', policy: when('ForAllValues:StringLike', 'aws:TagKeys', ['env', 'team*']), request: ctx({ 'aws:TagKeys': ['env', 'team-a'] }), expect: 'allow' },
  { name: 'ForAllValues does not match when one request value does not', policy: when('ForAllValues:StringEquals', 'aws:TagKeys', ['env', 'team']), request: ctx({ 'aws:TagKeys': ['env', 'owner'] }), expect: 'implicit' },
  { name: 'ForAllValues is true for a missing key', policy: when('ForAllValues:StringEquals', 'aws:TagKeys', ['env']), expect: 'allow' },
  { name: 'ForAllValues is true for an empty set', policy: when('ForAllValues:StringEquals', 'aws:TagKeys', ['env']), request: ctx({ 'aws:TagKeys': [] }), expect: 'allow' },
  { name: 'ForAllValues with a negated operator needs every value outside the list', policy: when('ForAllValues:StringNotLike', 'aws:TagKeys', ['aws:*']), request: ctx({ 'aws:TagKeys': ['env', 'aws:cloudformation:stack'] }), expect: 'implicit' },
  { name: 'ForAnyValue with a negated operator needs one value outside the list', policy: when('ForAnyValue:StringNotEquals', 'aws:TagKeys', ['env']), request: ctx({ 'aws:TagKeys': ['env', 'team'] }), expect: 'allow' },
  { name: 'ForAnyValue with IfExists is true for a missing key', policy: when('ForAnyValue:StringEqualsIfExists', 'aws:TagKeys', ['env']), expect: 'allow' },
  { name: 'an unqualified operator matches a multivalued key when any value matches', policy: when('StringEquals', 'aws:TagKeys', 'team'), request: ctx({ 'aws:TagKeys': ['env', 'team'] }), expect: 'allow' },
  { name: 'an unqualified negated operator fails when any value matches', policy: when('StringNotEquals', 'aws:TagKeys', 'team'), request: ctx({ 'aws:TagKeys': ['env', 'team'] }), expect: 'implicit' },

  // ---- Policy variables ----
  {
    name: 'resolves ${aws:username} in Resource',
    policy: identity({ Action: 'logs:*', Resource: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:\${aws:username}-*` }),
    request: { ...LOG_GROUP_RESOURCE('alice-app'), context: { 'aws:username': 'alice' } },
    expect: 'allow',
  },
  {
    name: 'does not let ${aws:username} match another user\'s resource',
    policy: identity({ Action: 'logs:*', Resource: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:\${aws:username}-*` }),
    request: { ...LOG_GROUP_RESOURCE('alice-app'), context: { 'aws:username': 'bob' } },
    expect: 'implicit',
  },
  {
    name: 'matches nothing when a variable has no value and no default',
    policy: identity({ Action: 'logs:*', Resource: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:\${aws:username}-*` }),
    request: LOG_GROUP_RESOURCE('alice-app'),
    expect: 'implicit',
  },
  {
    name: 'uses the default of a variable with no value',
    policy: identity({ Action: 'logs:*', Resource: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:\${aws:username, 'shared'}` }),
    request: LOG_GROUP_RESOURCE('shared'),
    expect: 'allow',
  },
  {
    name: 'resolves ${aws:PrincipalTag/x} in condition values',
    policy: when('StringEquals', 'aws:ResourceTag/team', '${aws:PrincipalTag/team}'),
    request: ctx({ 'aws:ResourceTag/team': 'blue', 'aws:PrincipalTag/team': 'blue' }),
    expect: 'allow',
  },
  {
    name: 'resolves variables in ArnLike values',
    policy: when('ArnLike', 'aws:SourceArn', 'arn:aws:logs:*:${aws:PrincipalAccount}:log-group:*'),
    request: ctx({ 'aws:SourceArn': GROUP_ARN, 'aws:PrincipalAccount': ACCOUNT }),
    expect: 'allow',
  },
  { name: 'reads ${*} as a literal asterisk', policy: when('StringLike', 'test:Name', 'a${*}'), request: ctx({ 'test:Name': 'abc' }), expect: 'implicit' },
  { name: 'matches ${*} against a real asterisk', policy: when('StringLike', 'test:Name', 'a${*}b${?}'), request: ctx({ 'test:Name': 'a*b?' }), expect: 'allow' },
  { name: 'reads ${$} as a literal dollar sign', policy: when('StringEquals', 'test:Name', 'cost${$}'), request: ctx({ 'test:Name': 'cost$' }), expect: 'allow' },
  {
    name: 'treats a wildcard inside a variable value as literal',
    policy: identity({ Action: 'logs:*', Resource: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:\${aws:username}` }),
    request: { ...LOG_GROUP_RESOURCE('anything'), context: { 'aws:username': '*' } },
    expect: 'implicit',
  },
  {
    name: 'does not resolve a multivalued key as a variable',
    policy: when('StringEquals', 'test:Name', '${aws:TagKeys}'),
    request: ctx({ 'test:Name': 'env', 'aws:TagKeys': ['env'] }),
    expect: 'implicit',
  },
  {
    name: 'reads ${…} literally in a 2008-10-17 policy',
    policy: identity({ Action: 'logs:*', Resource: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:\${aws:username}` }, '2008-10-17'),
    request: { ...LOG_GROUP_RESOURCE('alice'), context: { 'aws:username': 'alice' } },
    expect: 'implicit',
  },
  {
    name: 'reads ${…} literally in a policy without Version',
    policy: identity({ Condition: { StringEquals: { 'test:Name': '${aws:username}' } } }, null),
    request: ctx({ 'test:Name': '${aws:username}', 'aws:username': 'alice' }),
    expect: 'allow',
  },

  // ---- The CloudWatch Logs key policy ----
  {
    name: 'allows logs to encrypt for a log group of the account (kms:EncryptionContext:aws:logs:arn)',
    policy: logsKeyPolicy,
    request: { principal: logsVirginia, action: 'kms:GenerateDataKey', context: { 'kms:EncryptionContext:aws:logs:arn': GROUP_ARN } },
    expect: 'allow',
    matched: ['AllowLogs'],
  },
  {
    name: 'allows logs with the aws-crypto-ec encryption context key',
    policy: logsKeyPolicy,
    request: { principal: logsVirginia, action: 'kms:Decrypt', context: { 'kms:EncryptionContext:aws-crypto-ec:aws:logs:arn': GROUP_ARN } },
    expect: 'allow',
    matched: ['AllowLogsCryptoEc'],
  },
  {
    name: 'does not allow logs for a log group of another account',
    policy: logsKeyPolicy,
    request: {
      principal: logsVirginia,
      action: 'kms:Decrypt',
      context: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:us-east-1:${OTHER}:log-group:app` },
    },
    expect: 'implicit',
  },
  {
    name: 'does not allow logs without an encryption context',
    policy: logsKeyPolicy,
    request: { principal: logsVirginia, action: 'kms:Decrypt' },
    expect: 'implicit',
  },
  {
    name: 'does not allow the logs principal of another region on the key',
    policy: logsKeyPolicy,
    request: { principal: logsTokyo, action: 'kms:Decrypt', context: { 'kms:EncryptionContext:aws:logs:arn': GROUP_ARN } },
    expect: 'implicit',
  },
  {
    name: 'delegates an account user to IAM through the default key policy statement',
    policy: logsKeyPolicy,
    request: { action: 'kms:PutKeyPolicy' },
    expect: 'account',
    matched: ['Enable IAM User Permissions'],
  },
  { name: 'allows the account root through the default key policy statement', policy: logsKeyPolicy, request: { principal: root, action: 'kms:ScheduleKeyDeletion' }, expect: 'allow' },
];

function run(c: Case): Evaluation {
  const json = JSON.stringify(c.policy);
  const kind = json.includes('"Principal"') || json.includes('"NotPrincipal"') ? 'resource' : 'identity';
  const compiled = compilePolicy(parsePolicy(json, { kind }));
  return evaluate(compiled, { principal: alice, action: 'kms:Decrypt', resource: KEY_ARN, context: {}, ...c.request });
}

describe('policy evaluation', () => {
  it('has a case for every decision', () => {
    assert.ok(cases.length >= 60);
    const seen = new Set(cases.map((c) => c.expect));
    assert.deepEqual([...seen].sort(), ['account', 'allow', 'deny', 'implicit']);
  });

  for (const c of cases) {
    it(c.name, () => {
      const e = run(c);
      assert.equal(decision(e), c.expect);
      if (c.matched) assert.deepEqual(e.matchedStatements, c.matched);
    });
  }

  it('reports both a direct and an account allow when two statements match', () => {
    const e = run({
      name: '',
      policy: resource({ Sid: 'Direct', Principal: { AWS: alice.arn } }, { Sid: 'Account', Principal: { AWS: ACCOUNT } }),
      expect: 'allow',
    });
    assert.deepEqual(e, { explicitDeny: false, allowed: true, allowedViaAccount: true, matchedStatements: ['Direct', 'Account'] });
  });

  it('reports nothing matched for an implicit deny', () => {
    const e = run({ name: '', policy: identity({ Action: 'kms:Encrypt' }), expect: 'implicit' });
    assert.deepEqual(e, { explicitDeny: false, allowed: false, allowedViaAccount: false, matchedStatements: [] });
  });

  it('gives the same answer when a compiled policy is reused across requests', () => {
    const compiled = compilePolicy(
      parsePolicy(
        JSON.stringify(identity({ Action: 'logs:*', Resource: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:\${aws:username}` })),
        { kind: 'identity' },
      ),
    );
    const req = (user: string, group: string): PolicyRequest => ({
      principal: alice,
      action: 'logs:GetLogEvents',
      resource: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:${group}`,
      context: { 'aws:username': user },
    });
    for (let i = 0; i < 3; i++) {
      assert.equal(evaluate(compiled, req('alice', 'alice')).allowed, true);
      assert.equal(evaluate(compiled, req('bob', 'alice')).allowed, false);
      assert.equal(evaluate(compiled, req('bob', 'bob')).allowed, true);
    }
  });
});
