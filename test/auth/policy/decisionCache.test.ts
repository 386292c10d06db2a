import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cachedDecisions, evaluateCached } from '../../../src/auth/policy/decisionCache.js';
import { compilePolicy, evaluate, parsePolicy } from '../../../src/auth/policy/index.js';
import type { CompiledPolicy, ConditionContext, ContextValue, PolicyRequest, RequestPrincipal } from '../../../src/auth/policy/index.js';

const ACCOUNT = '111122223333';
const KEY_ARN = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const alice: RequestPrincipal = { type: 'AWS', arn: `arn:aws:iam::${ACCOUNT}:user/alice`, accountId: ACCOUNT, userId: 'AIDAALICE' };
const bob: RequestPrincipal = { type: 'AWS', arn: `arn:aws:iam::${ACCOUNT}:user/bob`, accountId: ACCOUNT, userId: 'AIDABOB' };

function compile(statements: object[], kind: 'resource' | 'identity' = 'resource'): CompiledPolicy {
  return compilePolicy(parsePolicy(JSON.stringify({ Version: '2012-10-17', Statement: statements }), { kind }));
}

function req(context: ConditionContext, principal: RequestPrincipal = alice, action = 'kms:Decrypt', resource = KEY_ARN): PolicyRequest {
  return { principal, action, resource, context };
}

/** What a caller sees of a decision. */
function outcome(p: CompiledPolicy, r: PolicyRequest): string {
  const e = evaluateCached(p, r);
  const fresh = evaluate(p, r);
  assert.deepEqual({ ...e, matchedStatements: [...e.matchedStatements] }, fresh, 'a remembered decision is the one evaluation gives');
  return e.explicitDeny ? 'deny' : e.allowed ? 'allow' : e.allowedViaAccount ? 'account' : 'implicit';
}

const byLogGroup = compile([
  {
    Effect: 'Allow',
    Principal: { AWS: alice.arn },
    Action: 'kms:*',
    Resource: '*',
    Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:app-*` } },
  },
]);

describe('Remembered policy decisions', () => {
  it('follows every change of a condition value the policy reads, after the first decision is remembered', () => {
    const allowed = { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:app-1`, 'aws:CurrentTime': new Date(1) };
    const other = { ...allowed, 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:db` };
    assert.equal(outcome(byLogGroup, req(allowed)), 'allow');
    assert.equal(outcome(byLogGroup, req(allowed)), 'allow');
    assert.equal(outcome(byLogGroup, req(other)), 'implicit');
    assert.equal(outcome(byLogGroup, req(allowed)), 'allow');
    assert.equal(outcome(byLogGroup, req({})), 'implicit', 'the key absent');
    assert.ok(cachedDecisions(byLogGroup) >= 3);
  });

  it('remembers one decision for contexts that differ only in keys the policy does not read', () => {
    const p = compile([{ Effect: 'Allow', Principal: { AWS: alice.arn }, Action: 'kms:*', Resource: '*', Condition: { StringEquals: { 'kms:CallerAccount': ACCOUNT } } }]);
    for (let i = 0; i < 20; i++) assert.equal(outcome(p, req({ 'kms:CallerAccount': ACCOUNT, 'aws:SourceIp': `10.0.0.${i}`, 'aws:EpochTime': i })), 'allow');
    assert.equal(cachedDecisions(p), 1);
  });

  it('tells the principal, the action and the resource apart', () => {
    const p = compile([{ Effect: 'Allow', Principal: { AWS: alice.arn }, Action: 'kms:Decrypt', Resource: KEY_ARN }]);
    assert.equal(outcome(p, req({})), 'allow');
    assert.equal(outcome(p, req({}, bob)), 'implicit');
    assert.equal(outcome(p, req({}, { ...alice, userId: 'AIDAOTHER' })), 'allow', 'bound by ARN here: the id does not matter');
    assert.equal(outcome(p, req({}, alice, 'kms:Encrypt')), 'implicit');
    assert.equal(outcome(p, req({}, alice, 'kms:Decrypt', KEY_ARN.replace('1234abcd', '5678abcd'))), 'implicit');
    assert.equal(outcome(p, req({})), 'allow');
  });

  it('reads the keys of policy variables in Resource and in condition values', () => {
    const p = compile(
      [
        { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/${aws:username}/*' },
        { Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:EncryptionContext:owner': '${aws:userid}' } } },
      ],
      'identity',
    );
    assert.deepEqual(p.contextKeys, ['aws:userid', 'aws:username', 'kms:encryptioncontext:owner']);
    const object = 'arn:aws:s3:::bucket/alice/x';
    assert.equal(outcome(p, req({ 'aws:username': 'alice' }, alice, 's3:GetObject', object)), 'allow');
    assert.equal(outcome(p, req({ 'aws:username': 'bob' }, alice, 's3:GetObject', object)), 'implicit');
    assert.equal(outcome(p, req({ 'aws:userid': 'AIDAALICE', 'kms:EncryptionContext:owner': 'AIDAALICE' })), 'allow');
    assert.equal(outcome(p, req({ 'aws:userid': 'AIDABOB', 'kms:EncryptionContext:owner': 'AIDAALICE' })), 'implicit');
  });

  it('reads condition keys in any case, and a key spelled several ways as all of its spellings', () => {
    const p = compile([
      { Effect: 'Allow', Principal: { AWS: alice.arn }, Action: 'kms:*', Resource: '*', Condition: { StringEquals: { 'kms:EncryptionContext:Dept': 'eng' } } },
    ]);
    assert.equal(outcome(p, req({ 'kms:encryptioncontext:dept': 'eng' })), 'allow');
    assert.equal(outcome(p, req({ 'kms:EncryptionContext:DEPT': 'ops' })), 'implicit');
    assert.equal(outcome(p, req({ 'kms:EncryptionContext:Dept': 'eng', 'kms:EncryptionContext:dept': 'ops' })), 'implicit', 'an Allow needs every reading');
    assert.equal(outcome(p, req({ 'kms:EncryptionContext:Dept': 'eng', 'kms:EncryptionContext:dept': 'eng' })), 'allow');
  });

  it('tells values of different types and of different list shapes apart', () => {
    const p = compile([
      { Effect: 'Allow', Principal: { AWS: alice.arn }, Action: 'kms:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'true' }, 'ForAllValues:StringEquals': { 'aws:TagKeys': ['a', 'b'] } } },
    ]);
    const values: ContextValue[] = [true, 'true', 'TRUE', 1, '1', false, null, undefined, [], [true], ['true', 'x'], new Date(0), new Uint8Array([1])];
    for (const v of values) for (const tags of [undefined, [], ['a'], ['a', 'c'], 'a', ['a,b']]) outcome(p, req({ 'aws:SecureTransport': v, 'aws:TagKeys': tags as ContextValue }));
  });

  it('does not remember decisions of a policy reading aws:CurrentTime, and follows the clock', () => {
    const p = compile([
      { Effect: 'Allow', Principal: { AWS: alice.arn }, Action: 'kms:*', Resource: '*', Condition: { DateLessThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' } } },
    ]);
    assert.equal(outcome(p, req({ 'aws:CurrentTime': new Date('2029-12-31T23:59:59.999Z') })), 'allow');
    assert.equal(outcome(p, req({ 'aws:CurrentTime': new Date('2030-01-01T00:00:00Z') })), 'implicit');
    assert.equal(cachedDecisions(p), 0);
  });

  it('follows aws:EpochTime, which it remembers per second', () => {
    const p = compile([
      { Effect: 'Allow', Principal: { AWS: alice.arn }, Action: 'kms:*', Resource: '*', Condition: { NumericLessThan: { 'aws:EpochTime': '1000' } } },
    ]);
    assert.equal(outcome(p, req({ 'aws:EpochTime': 999 })), 'allow');
    assert.equal(outcome(p, req({ 'aws:EpochTime': 1000 })), 'implicit');
    assert.equal(outcome(p, req({ 'aws:EpochTime': '999' })), 'allow');
  });

  it('gives the decisions evaluation gives over many random contexts', () => {
    const p = compile([
      { Sid: 'a', Effect: 'Allow', Principal: { AWS: alice.arn }, Action: 'kms:*', Resource: '*', Condition: { StringLike: { 'kms:EncryptionContext:k': ['x*', '${aws:username}'] } } },
      { Sid: 'd', Effect: 'Deny', Principal: '*', Action: 'kms:Decrypt', Resource: '*', Condition: { 'ForAnyValue:StringEquals': { 'kms:EncryptionContextKeys': 'secret' } } },
      { Sid: 'n', Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 'kms:Encrypt', Resource: '*', Condition: { Null: { 'kms:EncryptionContext:k': 'true' } } },
    ]);
    let seed = 42;
    const rnd = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    const pick = <T>(xs: T[]): T => xs[rnd(xs.length)]!;
    for (let i = 0; i < 2000; i++) {
      const ctx: Record<string, ContextValue> = {};
      if (rnd(2)) ctx[pick(['kms:EncryptionContext:k', 'kms:encryptioncontext:K'])] = pick(['x1', 'y', 'alice', '', 'bob']);
      if (rnd(3) === 0) ctx['kms:EncryptionContext:K'] = pick(['x2', 'z']);
      if (rnd(2)) ctx['kms:EncryptionContextKeys'] = pick([['k'], ['secret'], ['k', 'secret'], []]);
      if (rnd(2)) ctx['aws:username'] = pick(['alice', 'bob', 'y']);
      outcome(p, req(ctx, pick([alice, bob]), pick(['kms:Decrypt', 'kms:Encrypt'])));
    }
  });
});
