import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compilePolicy, evaluate, parsePolicy, PolicyError, PolicyReason } from '../../../src/auth/policy/index.js';
import type { ParseOptions } from '../../../src/auth/policy/index.js';

const ACCOUNT = '111122223333';
const KEY_ARN = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const RESOURCE: ParseOptions = { kind: 'resource' };
const IDENTITY: ParseOptions = { kind: 'identity' };

/** A one-statement document; `extra` overrides or adds statement elements (undefined removes one). */
function doc(extra: Record<string, unknown>, top: Record<string, unknown> = {}): string {
  const statement = { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*', ...extra };
  return JSON.stringify({ Version: '2012-10-17', Statement: [statement], ...top });
}

function refuses(json: string, opts: ParseOptions, reason: string): void {
  assert.throws(
    () => parsePolicy(json, opts),
    (e: unknown) => e instanceof PolicyError && e.message === reason,
  );
}

describe('parsePolicy accepts', () => {
  it('the KMS default key policy', () => {
    const p = parsePolicy(doc({ Sid: 'Enable IAM User Permissions' }, { Id: 'key-default-1' }), RESOURCE);
    assert.equal(p.version, '2012-10-17');
    assert.equal(p.id, 'key-default-1');
    assert.equal(p.statements.length, 1);
    assert.deepEqual(p.statements[0]!.principal?.accounts, [ACCOUNT]);
  });

  it('a single statement object and no Version', () => {
    const json = JSON.stringify({ Statement: { Effect: 'Deny', Action: ['logs:*'], NotResource: ['arn:aws:logs:*:*:*'] } });
    const p = parsePolicy(json, IDENTITY);
    assert.equal(p.version, undefined);
    assert.equal(p.statements[0]!.effect, 'Deny');
    assert.deepEqual(p.statements[0]!.notResource, ['arn:aws:logs:*:*:*']);
  });

  it('every principal form', () => {
    const p = parsePolicy(
      doc({
        Principal: {
          AWS: [ACCOUNT, `arn:aws:iam::${ACCOUNT}:user/path/alice`, `arn:aws:iam::${ACCOUNT}:role/R`, `arn:aws:sts::${ACCOUNT}:assumed-role/R/s`],
          Service: ['logs.us-east-1.amazonaws.com'],
          Federated: 'cognito-identity.amazonaws.com',
          CanonicalUser: '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be',
        },
      }),
      RESOURCE,
    );
    const spec = p.statements[0]!.principal!;
    assert.equal(spec.arns.length, 3);
    assert.deepEqual(spec.services, ['logs.us-east-1.amazonaws.com']);
    assert.equal(spec.federated.length, 1);
    assert.equal(spec.canonicalUsers.length, 1);
  });

  it('condition values given as numbers and booleans, read as strings', () => {
    const p = parsePolicy(doc({ Condition: { NumericLessThan: { 'kms:NumberOfBytes': 64 }, Bool: { 'aws:SecureTransport': true } } }), RESOURCE);
    assert.deepEqual(
      p.statements[0]!.conditions.map((c) => c.values),
      [['64'], ['true']],
    );
  });

  it('qualified and IfExists operators', () => {
    const p = parsePolicy(doc({ Condition: { 'ForAllValues:StringLikeIfExists': { 'aws:TagKeys': ['a*'] } } }), RESOURCE);
    const c = p.statements[0]!.conditions[0]!;
    assert.deepEqual([c.base, c.qualifier, c.ifExists], ['StringLike', 'ForAllValues', true]);
  });

  it('an unknown operator whose block is empty, ignoring it', () => {
    const p = parsePolicy(doc({ Condition: { StringSortOf: {} } }), RESOURCE);
    assert.equal(p.statements[0]!.conditions.length, 0);
  });

  it('a statement missing Action when told to keep it without effect, as KMS does', () => {
    const json = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'NoAction', Effect: 'Allow', Principal: '*', Resource: '*' },
        { Sid: 'NoResource', Effect: 'Allow', Principal: '*', Action: 'kms:*' },
      ],
    });
    const p = parsePolicy(json, { kind: 'resource', missingActionOrResource: 'ineffective' });
    assert.deepEqual(p.statements.map((s) => s.ineffective), [true, true]);
    const e = evaluate(compilePolicy(p), {
      principal: { type: 'AWS', arn: `arn:aws:iam::${ACCOUNT}:root` },
      action: 'kms:Decrypt',
      resource: KEY_ARN,
      context: {},
    });
    assert.equal(e.allowed, false);
    assert.deepEqual(e.matchedStatements, []);
  });

  it('principals the existence check knows, asking only about IAM entities', () => {
    const asked: string[] = [];
    const user = `arn:aws:iam::${ACCOUNT}:user/alice`;
    parsePolicy(doc({ Principal: { AWS: [ACCOUNT, user, '*'], Service: 'logs.us-east-1.amazonaws.com' } }), {
      kind: 'resource',
      principalExists: (arn) => {
        asked.push(arn);
        return true;
      },
    });
    assert.deepEqual(asked, [user]);
  });
});

describe('parsePolicy refuses', () => {
  const cases: [string, string, ParseOptions, string][] = [
    ['a document that is not JSON', '{"Version": "2012-10-17", "Statement": [', RESOURCE, PolicyReason.syntax],
    ['a JSON array', '[]', RESOURCE, PolicyReason.syntax],
    ['an unknown top-level element', doc({}, { Comment: 'x' }), RESOURCE, PolicyReason.syntax],
    ['an unknown Version', doc({}, { Version: '2020-01-01' }), RESOURCE, PolicyReason.syntax],
    ['a missing Statement', JSON.stringify({ Version: '2012-10-17' }), RESOURCE, PolicyReason.syntax],
    ['an empty Statement list', JSON.stringify({ Version: '2012-10-17', Statement: [] }), RESOURCE, PolicyReason.syntax],
    ['a statement that is not an object', JSON.stringify({ Statement: ['Allow'] }), RESOURCE, PolicyReason.syntax],
    ['an unknown statement element', doc({ Actions: 'kms:*' }), RESOURCE, PolicyReason.syntax],
    ['both Action and NotAction', doc({ NotAction: 'kms:Decrypt' }), RESOURCE, PolicyReason.syntax],
    ['both Resource and NotResource', doc({ NotResource: KEY_ARN }), RESOURCE, PolicyReason.syntax],
    ['both Principal and NotPrincipal', doc({ NotPrincipal: { AWS: ACCOUNT } }), RESOURCE, PolicyReason.syntax],
    ['a missing Effect', doc({ Effect: undefined }), RESOURCE, PolicyReason.syntax],
    ['an unknown Effect', doc({ Effect: 'Permit' }), RESOURCE, PolicyReason.syntax],
    ['an Effect in the wrong case', doc({ Effect: 'allow' }), RESOURCE, PolicyReason.legacyParsing],
    ['an Action that is an object', doc({ Action: { kms: 'Decrypt' } }), RESOURCE, PolicyReason.syntax],
    ['a Sid that is not a string', doc({ Sid: 7 }), RESOURCE, PolicyReason.syntax],
    ['an unknown condition operator', doc({ Condition: { StringSortOf: { 'aws:username': 'a' } } }), RESOURCE, PolicyReason.syntax],
    ['IfExists on Null', doc({ Condition: { NullIfExists: { 'aws:username': 'true' } } }), RESOURCE, PolicyReason.syntax],
    ['a condition value that is an object', doc({ Condition: { StringEquals: { 'aws:username': { a: 1 } } } }), RESOURCE, PolicyReason.syntax],
    ['a condition block that is not an object', doc({ Condition: { StringEquals: 'alice' } }), RESOURCE, PolicyReason.syntax],
    ['a key policy statement without principal', doc({ Principal: undefined }), RESOURCE, PolicyReason.noPrincipal],
    ['an empty principal list', doc({ Principal: { AWS: [] } }), RESOURCE, PolicyReason.noPrincipal],
    ['a principal in an identity policy', doc({}), IDENTITY, PolicyReason.principalNotAllowed],
    ['an IAM group as principal', doc({ Principal: { AWS: `arn:aws:iam::${ACCOUNT}:group/Admins` } }), RESOURCE, PolicyReason.invalidPrincipals],
    ['a wildcard inside a principal ARN', doc({ Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/*` } }), RESOURCE, PolicyReason.invalidPrincipals],
    ['a principal that is neither an ARN nor an account id', doc({ Principal: { AWS: 'alice' } }), RESOURCE, PolicyReason.invalidPrincipals],
    ['an unknown principal type', doc({ Principal: { User: 'alice' } }), RESOURCE, PolicyReason.invalidPrincipals],
    ['a principal string other than "*"', doc({ Principal: ACCOUNT }), RESOURCE, PolicyReason.invalidPrincipals],
    ['a malformed service principal', doc({ Principal: { Service: 'logs' } }), RESOURCE, PolicyReason.invalidPrincipals],
    ['duplicate Sids', JSON.stringify({ Statement: [{ Sid: 'A', Effect: 'Allow', Action: 'kms:*', Resource: '*' }, { Sid: 'A', Effect: 'Deny', Action: 'kms:*', Resource: '*' }] }), IDENTITY, PolicyReason.duplicateSid],
    ['a statement without Action', doc({ Action: undefined }), RESOURCE, PolicyReason.noActions],
    ['an empty Action list', doc({ Action: [] }), RESOURCE, PolicyReason.noActions],
    ['a statement without Resource', doc({ Resource: undefined }), RESOURCE, PolicyReason.noResources],
    ['a Resource that is not an ARN', doc({ Resource: 'my-key' }), RESOURCE, PolicyReason.resourceFormat('my-key')],
    ['an action without a vendor', doc({ Action: 'Decrypt' }), RESOURCE, PolicyReason.actionVendor],
    ['an action with two colons', doc({ Action: 'kms:Decrypt:Now' }), RESOURCE, PolicyReason.actionColons],
    ['an action with an invalid vendor', doc({ Action: 'k$s:Decrypt' }), RESOURCE, PolicyReason.vendorInvalid('k$s')],
  ];
  for (const [name, json, opts, reason] of cases) {
    it(`${name} with "${reason}"`, () => refuses(json, opts, reason));
  }

  it('a Resource that is not an ARN is stored when the service allows it (anyResource), and then matches no ARN', () => {
    const compiled = compilePolicy(parsePolicy(doc({ Resource: 'log_arn' }), { kind: 'resource', anyResource: true }));
    const principal = { type: 'AWS' as const, arn: `arn:aws:iam::${ACCOUNT}:root`, accountId: ACCOUNT };
    for (const resource of ['log_arn', `arn:aws:kms:us-east-1:${ACCOUNT}:key/k`]) {
      assert.equal(evaluate(compiled, { principal, action: 'kms:Decrypt', resource, context: {} }).allowed, resource === 'log_arn');
    }
  });

  it('a principal that does not exist, with the invalid-principals reason', () => {
    refuses(doc({ Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/Gone` } }), { kind: 'resource', principalExists: () => false }, PolicyReason.invalidPrincipals);
  });

  it('without echoing the document in the reason', () => {
    const secretish = 'do-not-echo-this-value';
    try {
      parsePolicy(`{"Statement": "${secretish}"`, RESOURCE);
      assert.fail('expected a PolicyError');
    } catch (e) {
      assert.ok(e instanceof PolicyError);
      assert.ok(!e.message.includes(secretish));
    }
  });

  it('as a MalformedPolicyDocumentException a client can read', () => {
    try {
      parsePolicy(doc({ Principal: undefined }), RESOURCE);
      assert.fail('expected a PolicyError');
    } catch (e) {
      assert.ok(e instanceof PolicyError);
      const aws = e.toAwsError();
      assert.equal(aws.code, 'MalformedPolicyDocumentException');
      assert.equal(aws.status, 400);
      assert.equal(aws.message, 'Policy contains a statement with no principal.');
      assert.equal(e.toAwsError('MalformedPolicyDocument').code, 'MalformedPolicyDocument');
    }
  });
});
