/**
 * An encryption context is an unordered map: permuting its pairs (and the pairs of a grant's constraint) never
 * changes a KMS decision, for key policies, identity policies and grant constraints alike — in particular with pairs
 * whose keys differ only by case, which `kms:EncryptionContext:<key>` (a case-insensitive condition key) reads
 * together.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { Principal } from '../../src/auth/identity.js';
import { compilePolicy, parsePolicy } from '../../src/auth/policy/index.js';
import type { RequestContext } from '../../src/common/operation.js';
import { addEncryptionContext, baseConditionContext, KmsAuthorizer } from '../../src/kms/authorize.js';
import type { GrantRecord, KmsKey } from '../../src/kms/model.js';

const A = '111122223333';
const caller: Principal = { type: 'user', accountId: A, arn: `arn:aws:iam::${A}:user/alice`, userId: 'AIDAALICE', name: 'alice' };

function keyWith(policy: string): KmsKey {
  return {
    accountId: A,
    region: 'us-east-1',
    keyId: '1234abcd-12ab-34cd-56ef-1234567890ab',
    arn: `arn:aws:kms:us-east-1:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
    description: '',
    keySpec: 'SYMMETRIC_DEFAULT',
    keyUsage: 'ENCRYPT_DECRYPT',
    origin: 'AWS_KMS',
    keyManager: 'CUSTOMER',
    state: 'Enabled',
    createdAt: 0,
    rotation: { enabled: false, periodDays: 365, onDemandCount: 0 },
    policy,
    policyPrincipals: {},
    policyVersion: 1,
    tags: [],
    version: 1,
  };
}

const KEY = fc.constantFrom('dept', 'Dept', 'DEPT', 'team', 'Team');
const VALUE = fc.constantFrom('hr', 'fin', 'HR', 'Fin', 'x');
/** An encryption context (keys distinct as written, possibly equal without case) and a permutation of its pairs. */
const CONTEXT = fc
  .uniqueArray(fc.tuple(KEY, VALUE), { selector: ([k]) => k, maxLength: 5 })
  .chain((pairs) => fc.tuple(fc.constant(pairs), fc.shuffledSubarray(pairs, { minLength: pairs.length, maxLength: pairs.length })));

const OPERATORS = [
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'StringEqualsIfExists',
  'StringNotEqualsIfExists',
  'ForAnyValue:StringEquals',
  'ForAllValues:StringEquals',
  'ForAnyValue:StringNotLike',
  'Null',
];
const CONDITION = fc.tuple(fc.constantFrom(...OPERATORS), KEY, fc.array(VALUE, { minLength: 1, maxLength: 2 })).map(([op, k, values]) => ({
  [op]: { [`kms:EncryptionContext:${k}`]: op === 'Null' ? (values[0] === 'hr' ? 'true' : 'false') : values },
}));
const STATEMENT = (withPrincipal: boolean) =>
  fc.record({ effect: fc.constantFrom('Allow', 'Deny'), principal: fc.constantFrom({ AWS: '*' }, { AWS: A }), condition: CONDITION }).map((s) => ({
    Effect: s.effect,
    ...(withPrincipal ? { Principal: s.principal } : {}),
    Action: 'kms:Decrypt',
    Resource: '*',
    Condition: s.condition,
  }));
const POLICY = (withPrincipal: boolean, min: number) =>
  fc.array(STATEMENT(withPrincipal), { minLength: min, maxLength: 3 }).map((Statement) => JSON.stringify({ Version: '2012-10-17', Statement }));
/** A grant constraint and a permutation of its pairs. */
const CONSTRAINT = fc
  .tuple(fc.constantFrom('equals', 'subset'), fc.uniqueArray(fc.tuple(KEY, VALUE), { selector: ([k]) => k, minLength: 1, maxLength: 3 }))
  .chain(([kind, pairs]) => fc.tuple(fc.constant(kind), fc.constant(pairs), fc.shuffledSubarray(pairs, { minLength: pairs.length, maxLength: pairs.length })));

function grant(kind: string, pairs: [string, string][]): GrantRecord {
  const map = Object.fromEntries(pairs);
  return {
    grantId: 'g'.repeat(64),
    accountId: A,
    region: 'us-east-1',
    keyId: '1234abcd-12ab-34cd-56ef-1234567890ab',
    granteePrincipal: caller.arn,
    issuingAccount: A,
    operations: ['Decrypt'],
    constraints: kind === 'equals' ? { encryptionContextEquals: map } : { encryptionContextSubset: map },
    createdAt: 0,
  };
}

async function decision(authz: KmsAuthorizer, key: KmsKey, pairs: [string, string][], grants: GrantRecord[]): Promise<string> {
  const ctx: RequestContext = { requestId: 'r', principal: caller, region: 'us-east-1', sourceIp: '192.0.2.1', userAgent: 'ua', time: 0, secureTransport: true };
  const ec = Object.fromEntries(pairs);
  const context = baseConditionContext(ctx, key);
  addEncryptionContext(context, ec);
  try {
    await authz.authorize({ ctx, key, action: 'kms:Decrypt', context, grantOperation: 'Decrypt', encryptionContext: ec, grants });
    return 'allowed';
  } catch (e) {
    return (e as Error).message;
  }
}

describe('permuting the pairs of an encryption context never changes a decision', () => {
  test('for key policies, identity policies and grant constraints together', async () => {
    await fc.assert(
      fc.asyncProperty(POLICY(true, 1), POLICY(false, 0), CONTEXT, fc.array(CONSTRAINT, { maxLength: 2 }), async (keyPolicy, identity, [pairs, permuted], constraints) => {
        const identities = identity === '{"Version":"2012-10-17","Statement":[]}' ? [] : [compilePolicy(parsePolicy(identity, { kind: 'identity' }))];
        const authz = new KmsAuthorizer({ policiesFor: () => identities });
        const key = keyWith(keyPolicy);
        const before = await decision(authz, key, pairs, constraints.map(([kind, p]) => grant(kind, p)));
        const after = await decision(authz, key, permuted, constraints.map(([kind, , p]) => grant(kind, p)));
        assert.equal(after, before);
      }),
      { numRuns: 2000 },
    );
  });

  test('for grant constraints alone (no policy allows)', async () => {
    const closed = keyWith(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: A }, Action: 'kms:Encrypt', Resource: '*' }] }));
    const authz = new KmsAuthorizer({ policiesFor: () => [] });
    await fc.assert(
      fc.asyncProperty(CONTEXT, CONSTRAINT, async ([pairs, permuted], [kind, cPairs, cPermuted]) => {
        assert.equal(await decision(authz, closed, permuted, [grant(kind, cPermuted)]), await decision(authz, closed, pairs, [grant(kind, cPairs)]));
      }),
      { numRuns: 2000 },
    );
  });
});
