import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { decodeQueryInput, services } from '../../src/protocol/index.js';
import { clientConfig, devCreds, startTestServer, type TestServer } from '../helpers/server.js';
import { queryCall, xmlErrorCode, xmlErrorMessage } from '../helpers/sign.js';
import { ensureOperation, sdkError, thrown } from './helpers.js';

/** STS answers constraint violations with ValidationError (HTTP 400, a Query XML ErrorResponse on the wire). */
function stsError(operation: string, params: Record<string, string>) {
  const e = thrown(() => decodeQueryInput(services.sts, operation, new URLSearchParams(params)));
  assert.equal(e.code, 'ValidationError');
  assert.equal(e.status, 400);
  return e.message;
}

const ONE = '1 validation error detected: ';
const ROLE = 'arn:aws:iam::000000000000:role/r';
const SESSION_PATTERN = 'Member must satisfy regular expression pattern: [\\w+=,.@-]*';

describe('STS request validation', () => {
  describe('decodeQueryInput', () => {
    // Recorded from AWS (a changelog quoting the AssumeRole error for a session name with a slash).
    it('reports a pattern violation with the model pattern', () => {
      assert.equal(
        stsError('AssumeRole', { RoleArn: ROLE, RoleSessionName: '2/fluent-collector-deployment' }),
        "1 validation error detected: Value '2/fluent-collector-deployment' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
      );
    });

    it('reports values outside the minimum and maximum length', () => {
      assert.equal(
        stsError('AssumeRole', { RoleArn: ROLE, RoleSessionName: 's' }),
        ONE + "Value 's' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2",
      );
      const long = 's'.repeat(65);
      assert.equal(
        stsError('AssumeRole', { RoleArn: ROLE, RoleSessionName: long }),
        ONE + `Value '${long}' at 'roleSessionName' failed to satisfy constraint: Member must have length less than or equal to 64`,
      );
    });

    // The maximum is recorded from a real STS call (its ErrorResponse is quoted in the XML test below).
    it('reports numbers outside the modelled range', () => {
      assert.equal(
        stsError('AssumeRole', { RoleArn: ROLE, RoleSessionName: 'ok', DurationSeconds: '899' }),
        ONE + "Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
      );
      assert.equal(
        stsError('AssumeRole', { RoleArn: ROLE, RoleSessionName: 'ok', DurationSeconds: '43201' }),
        "1 validation error detected: Value '43201' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200",
      );
    });

    it('has no enum-constrained input member to violate (the STS model defines no enums)', () => {
      assert.deepEqual(
        Object.entries(services.sts.shapes).filter(([, s]) => s.type === 'string' && s.enum !== undefined),
        [],
      );
    });

    it('reports a missing required member as a null value', () => {
      assert.equal(stsError('AssumeRole', { RoleSessionName: 'ok' }), ONE + "Value null at 'roleArn' failed to satisfy constraint: Member must not be null");
    });

    it('reports several violations at once, joined by "; "', () => {
      assert.equal(
        stsError('AssumeRole', { RoleArn: 'arn:short', RoleSessionName: 'a b' }),
        '2 validation errors detected: ' +
          "Value 'arn:short' at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20; " +
          `Value 'a b' at 'roleSessionName' failed to satisfy constraint: ${SESSION_PATTERN}`,
      );
    });

    it('names a member of Tags.member.N by its position', () => {
      assert.equal(
        stsError('AssumeRole', { RoleArn: ROLE, RoleSessionName: 'ok', 'Tags.member.1.Key': 'k', 'Tags.member.1.Value': 'a#b' }),
        ONE + "Value 'a#b' at 'tags.1.member.value' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*",
      );
    });

    it('decodes a valid request', () => {
      const out = decodeQueryInput(services.sts, 'AssumeRole', new URLSearchParams({ RoleArn: ROLE, RoleSessionName: 'ok', DurationSeconds: '900' })) as Record<string, unknown>;
      assert.deepEqual(
        Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)),
        { RoleArn: ROLE, RoleSessionName: 'ok', DurationSeconds: 900 },
      );
    });
  });

  describe('end to end with the SDK v3 STSClient', () => {
    let srv: TestServer;
    let sts: STSClient;
    before(async () => {
      srv = await startTestServer();
      ensureOperation(srv, 'sts', 'AssumeRole');
      sts = new STSClient(clientConfig(srv.url));
    });
    after(async () => {
      sts.destroy();
      await srv.dispose();
    });

    it('returns ValidationError for a session name outside the pattern', async () => {
      const e = await sdkError(sts.send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'bedrock role' })));
      assert.deepEqual(e, { name: 'ValidationError', message: ONE + `Value 'bedrock role' at 'roleSessionName' failed to satisfy constraint: ${SESSION_PATTERN}`, status: 400 });
    });

    // The body AWS sent for this request, recorded from a real STS call: a Sender ValidationError whose message keeps
    // its quotes unescaped.
    it('sends the violation as AWS does: a Sender ErrorResponse in the STS namespace', async () => {
      const r = await queryCall(srv.url, 'sts', { Action: 'AssumeRole', RoleArn: ROLE, RoleSessionName: 'ok', DurationSeconds: '43201' }, devCreds);
      assert.equal(r.status, 400);
      const message = "1 validation error detected: Value '43201' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200";
      assert.match(r.text, /^<ErrorResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/"><Error><Type>Sender<\/Type>/);
      assert.ok(r.text.includes(`<Message>${message}</Message>`), r.text);
      assert.equal(xmlErrorCode(r.text), 'ValidationError');
      assert.equal(xmlErrorMessage(r.text), message);
    });
  });
});
