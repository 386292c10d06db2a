import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkPolicyText, policyText, type PolicyDocument } from '../../console/src/policy/document.js';
import { buildKeyPolicy, logsStatement, rootStatement, withStatement } from '../../console/src/policy/keyPolicy.js';
import { applyFix, checkLogsAccess, evaluateCondition, type LogsAccessQuestion } from '../../console/src/policy/logsAccess.js';

const account = '111122223333';
const keyArn = `arn:aws:kms:eu-west-1:${account}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const groupQ: LogsAccessQuestion = {
  region: 'eu-west-1',
  accountId: account,
  keyArn,
  target: { kind: 'log-group', arn: `arn:aws:logs:eu-west-1:${account}:log-group:app` },
};
const detectorQ: LogsAccessQuestion = {
  ...groupQ,
  target: { kind: 'anomaly-detector', arn: `arn:aws:logs:eu-west-1:${account}:anomaly-detector:0a1b2c3d-aaaa-bbbb-cccc-0123456789ab` },
};

function policy(...statements: PolicyDocument['Statement'][]): PolicyDocument {
  return { Version: '2012-10-17', Statement: statements.flat() };
}

describe('key policy builder', () => {
  it('writes the AWS console statements for administrators and users, and the CloudWatch Logs statements', () => {
    const doc = buildKeyPolicy({
      accountId: account,
      region: 'eu-west-1',
      administrators: [`arn:aws:iam::${account}:role/Admin`],
      users: [`arn:aws:iam::${account}:user/app`],
      allowLogs: true,
      allowAnomalyDetectors: true,
    });
    const sids = (doc.Statement as { Sid?: string }[]).map((s) => s.Sid);
    assert.deepEqual(sids, [
      'Enable IAM User Permissions',
      'Allow access for Key Administrators',
      'Allow use of the key',
      'Allow attachment of persistent resources',
      'Allow CloudWatch Logs to use the key',
      'Allow CloudWatch Logs anomaly detectors to use the key',
    ]);
    assert.deepEqual(logsStatement('eu-west-1', account), {
      Sid: 'Allow CloudWatch Logs to use the key',
      Effect: 'Allow',
      Principal: { Service: 'logs.eu-west-1.amazonaws.com' },
      Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      Resource: '*',
      Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:eu-west-1:${account}:log-group:*` } },
    });
  });

  it('leaves out administrator and user statements when nobody is picked', () => {
    const doc = buildKeyPolicy({ accountId: account, region: 'eu-west-1', administrators: [], users: [], allowLogs: false, allowAnomalyDetectors: false });
    assert.deepEqual(doc.Statement, [rootStatement(account)]);
  });

  it('gives an added statement a Sid no other statement has', () => {
    const once = withStatement(policy(rootStatement(account)), logsStatement('eu-west-1', account));
    const twice = withStatement(once, logsStatement('eu-west-1', account));
    assert.equal((twice.Statement as { Sid?: string }[])[2].Sid, 'Allow CloudWatch Logs to use the key (2)');
  });
});

describe('policy editor checks', () => {
  it('accepts a policy the builder wrote', () => {
    const text = policyText(buildKeyPolicy({ accountId: account, region: 'us-east-1', administrators: [], users: [], allowLogs: true, allowAnomalyDetectors: false }));
    assert.equal(checkPolicyText(text).ok, true);
  });

  it('reports JSON that does not parse', () => {
    const r = checkPolicyText('{"Statement": [');
    assert.equal(r.ok, false);
    assert.match((r as { problems: string[] }).problems[0], /^This is not valid JSON: /);
  });

  it('names each structural problem with its statement number', () => {
    const r = checkPolicyText(JSON.stringify({ Version: '2012-10-17', Statement: [rootStatement(account), { Effect: 'Permit', Action: 'kms:*', Resource: '*' }] }));
    assert.deepEqual((r as { problems: string[] }).problems, [
      'Statement 2: "Effect" must be "Allow" or "Deny".',
      'Statement 2: needs "Principal" (who it applies to).',
    ]);
  });

  it('refuses duplicate Sids and unknown elements', () => {
    const r = checkPolicyText(JSON.stringify({ Version: '2012-10-17', Statment: [], Statement: [rootStatement(account), rootStatement(account)] }));
    assert.deepEqual((r as { problems: string[] }).problems, [
      'Unknown top-level element "Statment" (allowed: Version, Id, Statement).',
      'Two statements have the Sid "Enable IAM User Permissions"; each Sid must be unique.',
    ]);
  });
});

describe('Can CloudWatch Logs use this key here?', () => {
  it('says no for the default key policy: the account principal does not cover the service', () => {
    const a = checkLogsAccess(policy(rootStatement(account)), groupQ);
    assert.equal(a.allowed, false);
    assert.deepEqual(a.missing, ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncryptFrom', 'kms:GenerateDataKey', 'kms:DescribeKey']);
    assert.deepEqual(a.fix, logsStatement('eu-west-1', account));
  });

  it('says yes once the fix is applied', () => {
    const fixed = applyFix(policy(rootStatement(account)), groupQ);
    const a = checkLogsAccess(fixed, groupQ);
    assert.equal(a.allowed, true);
    assert.equal(a.fix, undefined);
  });

  it('does not count the log-group statement for an anomaly detector, and fixes with the detector statement', () => {
    const doc = applyFix(policy(rootStatement(account)), groupQ);
    const a = checkLogsAccess(doc, detectorQ);
    assert.equal(a.allowed, false);
    assert.equal(a.nearMisses.length, 1);
    assert.deepEqual(a.nearMisses[0].reasons, [
      `its condition ArnLike on kms:EncryptionContext:aws:logs:arn ("arn:aws:logs:eu-west-1:${account}:log-group:*") does not match "${detectorQ.target.arn}"`,
    ]);
    assert.equal(checkLogsAccess(applyFix(doc, detectorQ), detectorQ).allowed, true);
  });

  it("accepts the guide's other detector statement, on kms:EncryptionContext:aws:logs:arn", () => {
    const st = logsStatement('eu-west-1', account);
    st.Condition = { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:eu-west-1:${account}:anomaly-detector:*` } };
    assert.equal(checkLogsAccess(policy(rootStatement(account), st), detectorQ).allowed, true);
    assert.equal(checkLogsAccess(policy(rootStatement(account), st), groupQ).allowed, false);
  });

  it('explains a statement for the service in another region', () => {
    const a = checkLogsAccess(policy(logsStatement('us-east-1', account)), groupQ);
    assert.equal(a.allowed, false);
    assert.deepEqual(a.nearMisses, []);
  });

  it('explains a statement whose condition names another log group', () => {
    const narrow = logsStatement('eu-west-1', account);
    narrow.Condition = { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:eu-west-1:${account}:log-group:other` } };
    const a = checkLogsAccess(policy(narrow), groupQ);
    assert.equal(a.allowed, false);
    assert.deepEqual(a.nearMisses[0].reasons, [
      `its condition ArnEquals on kms:EncryptionContext:aws:logs:arn ("arn:aws:logs:eu-west-1:${account}:log-group:other") does not match "arn:aws:logs:eu-west-1:${account}:log-group:app"`,
    ]);
  });

  it('reports a Deny that applies and offers no fix', () => {
    const deny = { Sid: 'NoLogs', Effect: 'Deny' as const, Principal: '*' as const, Action: 'kms:Decrypt', Resource: '*' };
    const a = checkLogsAccess(applyFix(policy(rootStatement(account), deny), groupQ), groupQ);
    assert.equal(a.allowed, false);
    assert.deepEqual(a.deniedBy, [{ index: 1, sid: 'NoLogs' }]);
    assert.equal(a.fix, undefined);
  });

  it('never answers yes on a condition it does not evaluate', () => {
    const st = logsStatement('eu-west-1', account);
    st.Condition = { DateGreaterThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } };
    const a = checkLogsAccess(policy(st), groupQ);
    assert.equal(a.allowed, false);
    assert.deepEqual(a.unsupported, ['DateGreaterThan']);
  });

  it('accepts the SourceAccount and SourceArn conditions AWS recommends', () => {
    const st = logsStatement('eu-west-1', account);
    st.Action = ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'];
    st.Condition = { StringEquals: { 'aws:SourceAccount': account }, ArnLike: { 'aws:SourceArn': `arn:aws:logs:eu-west-1:${account}:log-group:*` } };
    assert.equal(checkLogsAccess(policy(st), groupQ).allowed, true);
  });
});

describe('condition operators', () => {
  it('follows IAM for missing keys, IfExists and negation', () => {
    assert.equal(evaluateCondition('StringEquals', undefined, ['x']), false);
    assert.equal(evaluateCondition('StringEqualsIfExists', undefined, ['x']), true);
    assert.equal(evaluateCondition('StringNotEquals', undefined, ['x']), true);
    assert.equal(evaluateCondition('ForAnyValue:StringNotEquals', undefined, ['x']), false);
    assert.equal(evaluateCondition('StringNotLike', ['abc'], ['a*']), false);
    assert.equal(evaluateCondition('ForAnyValue:StringNotLike', ['abc', 'xyz'], ['a*']), true);
    assert.equal(evaluateCondition('ForAllValues:StringLike', ['abc', 'xyz'], ['a*']), false);
    assert.equal(evaluateCondition('Null', undefined, ['true']), true);
  });

  it('matches ARN patterns part by part', () => {
    assert.equal(evaluateCondition('ArnLike', ['arn:aws:logs:eu-west-1:1:log-group:a:b'], ['arn:aws:logs:*:1:log-group:*']), true);
    // A `*` in one part does not run into the next (the decision 0003 note on ArnLike).
    assert.equal(evaluateCondition('ArnLike', ['arn:aws:logs:eu-west-1:1:log-group:a'], ['arn:aws:logs:*:log-group:*']), false);
  });
});

describe('policies the key wizard writes', () => {
  it('pass the key-policy checker', async () => {
    const { lintKeyPolicy } = await import('../../src/kms/policyLint/lint.js');
    const doc = buildKeyPolicy({
      accountId: account,
      region: 'eu-west-1',
      administrators: [`arn:aws:iam::${account}:role/Admin`],
      users: [`arn:aws:iam::${account}:user/app`],
      allowLogs: true,
      allowAnomalyDetectors: true,
    });
    assert.deepEqual(lintKeyPolicy(policyText(doc), { keyArn }), []);
  });
});
