/**
 * The global condition keys per credential kind (IAM user guide, "AWS global condition context keys"), for principals
 * as the credential resolver makes them: long-term keys carry no MFA or token keys, temporary credentials do.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { globalConditionContext } from '../../src/auth/conditionContext.js';
import { rootPrincipal, type Principal } from '../../src/auth/identity.js';
import type { RequestContext } from '../../src/common/operation.js';

const A = '111122223333';
const NOW = Date.UTC(2026, 0, 2, 3, 4, 5);
const ISSUED = NOW - 600_000;
const user: Principal = { type: 'user', accountId: A, arn: `arn:aws:iam::${A}:user/alice`, userId: 'AIDAEXAMPLE', name: 'alice', accessKeyId: 'AKIAEXAMPLE' };
const roleSession: Principal = {
  type: 'assumed-role',
  accountId: A,
  arn: `arn:aws:sts::${A}:assumed-role/deployer/s1`,
  userId: 'AROAEXAMPLE:s1',
  name: 'deployer',
  roleArn: `arn:aws:iam::${A}:role/ops/deployer`,
  accessKeyId: 'ASIAROLE',
  session: { issuedAt: ISSUED },
};

const kinds: Record<string, Principal> = {
  'dev creds': rootPrincipal('000000000000', 'test'),
  'root key': rootPrincipal(A, 'AKIAROOT'),
  'user key': user,
  'role session': roleSession,
  'GetSessionToken session of the root': { ...rootPrincipal(A, 'ASIAROOT'), session: { issuedAt: ISSUED } },
  'GetSessionToken session of a user': { ...user, accessKeyId: 'ASIAUSER', session: { issuedAt: ISSUED } },
  'a session obtained with MFA (not issued by this endpoint)': { ...user, accessKeyId: 'ASIAMFA', session: { issuedAt: ISSUED, mfaAuthenticatedAt: ISSUED - 30_000, sourceIdentity: 'alice@example.com' } },
};

/** The keys that differ per credential kind, as AWS documents them; absent keys are left out. */
const expected: Record<string, Record<string, unknown>> = {
  'dev creds': { 'aws:PrincipalType': 'Account', 'aws:userid': '000000000000', 'aws:PrincipalArn': 'arn:aws:iam::000000000000:root' },
  'root key': { 'aws:PrincipalType': 'Account', 'aws:userid': A, 'aws:PrincipalArn': `arn:aws:iam::${A}:root` },
  'user key': { 'aws:PrincipalType': 'User', 'aws:userid': 'AIDAEXAMPLE', 'aws:username': 'alice', 'aws:PrincipalArn': user.arn },
  'role session': {
    'aws:PrincipalType': 'AssumedRole',
    'aws:userid': 'AROAEXAMPLE:s1',
    'aws:PrincipalArn': `arn:aws:iam::${A}:role/ops/deployer`,
    'aws:TokenIssueTime': new Date(ISSUED),
    'aws:MultiFactorAuthPresent': false,
  },
  'GetSessionToken session of the root': {
    'aws:PrincipalType': 'Account',
    'aws:userid': A,
    'aws:PrincipalArn': `arn:aws:iam::${A}:root`,
    'aws:TokenIssueTime': new Date(ISSUED),
    'aws:MultiFactorAuthPresent': false,
  },
  'GetSessionToken session of a user': {
    'aws:PrincipalType': 'User',
    'aws:userid': 'AIDAEXAMPLE',
    'aws:username': 'alice',
    'aws:PrincipalArn': user.arn,
    'aws:TokenIssueTime': new Date(ISSUED),
    'aws:MultiFactorAuthPresent': false,
  },
  'a session obtained with MFA (not issued by this endpoint)': {
    'aws:PrincipalType': 'User',
    'aws:userid': 'AIDAEXAMPLE',
    'aws:username': 'alice',
    'aws:PrincipalArn': user.arn,
    'aws:TokenIssueTime': new Date(ISSUED),
    'aws:MultiFactorAuthPresent': true,
    'aws:MultiFactorAuthAge': 630,
    'aws:SourceIdentity': 'alice@example.com',
  },
};

const PER_KIND = ['aws:PrincipalType', 'aws:userid', 'aws:username', 'aws:PrincipalArn', 'aws:TokenIssueTime', 'aws:MultiFactorAuthPresent', 'aws:MultiFactorAuthAge', 'aws:SourceIdentity'];

describe('global condition keys per credential kind', () => {
  for (const [kind, principal] of Object.entries(kinds)) {
    test(`${kind}: ${Object.keys(expected[kind]!).join(', ')}; the same request keys as every kind`, () => {
      const ctx: RequestContext = { requestId: 'r', principal, region: 'us-east-1', sourceIp: '192.0.2.1', userAgent: 'ua', time: NOW, secureTransport: false };
      const c = globalConditionContext(ctx);
      const perKind = Object.fromEntries(PER_KIND.filter((k) => k in c).map((k) => [k, c[k]]));
      assert.deepEqual(perKind, expected[kind]);
      assert.deepEqual(c['aws:CurrentTime'], new Date(NOW));
      assert.equal(c['aws:EpochTime'], Math.floor(NOW / 1000));
      assert.equal(c['aws:SecureTransport'], false);
      assert.equal(c['aws:PrincipalAccount'], principal.accountId);
      assert.equal(c['aws:ViaAWSService'], false);
      assert.equal(c['aws:PrincipalIsAWSService'], false);
    });
  }
});
